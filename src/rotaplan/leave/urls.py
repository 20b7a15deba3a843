from django.urls import path

from . import views
from .department import views as department_views

app_name = "leave"

urlpatterns = [
    path("", views.your_leave, name="your-leave"),
    path("requests/", views.leave_requests, name="requests"),
    path("absences/new/", views.absence_new, name="absence-new"),
    path("<int:pk>/", views.leave_detail, name="detail"),
    path("<int:pk>/decision/", views.leave_decision, name="decision"),
    path("<int:pk>/withdraw/", views.leave_withdrawal, name="withdraw"),
    path("<int:pk>/return/", views.absence_back, name="return"),
    path(
        "departments/<int:department_id>/rules/",
        department_views.department_rules,
        name="department-rules",
    ),
    path(
        "departments/<int:department_id>/rules/minimum-staffing/add/",
        department_views.minimum_staffing_new,
        name="minimum-staffing-add",
    ),
    path(
        "departments/<int:department_id>/rules/minimum-staffing/<int:pk>/remove/",
        department_views.minimum_staffing_delete,
        name="minimum-staffing-remove",
    ),
    path(
        "departments/<int:department_id>/entitlements/",
        department_views.department_entitlements,
        name="department-entitlements",
    ),
    path(
        "departments/<int:department_id>/entitlements/<int:doctor_id>/",
        department_views.entitlement_edit,
        name="entitlement-edit",
    ),
]
