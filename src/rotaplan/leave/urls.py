from django.urls import path

from . import views

app_name = "leave"

urlpatterns = [
    path("", views.your_leave, name="your-leave"),
    path("requests/", views.leave_requests, name="requests"),
    path("absences/new/", views.absence_new, name="absence-new"),
    path("<int:pk>/", views.leave_detail, name="detail"),
    path("<int:pk>/decision/", views.leave_decision, name="decision"),
    path("<int:pk>/withdraw/", views.leave_withdrawal, name="withdraw"),
    path("<int:pk>/return/", views.absence_back, name="return"),
]
