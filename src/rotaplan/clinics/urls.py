from django.urls import path

from . import views

app_name = "clinics"

urlpatterns = [
    path("", views.index, name="index"),
    path("mine/", views.mine, name="mine"),
    path("to-approve/", views.awaiting, name="awaiting"),
    path("changes/<int:pk>/decision/", views.change_decision, name="change-decision"),
    path("templates/<int:pk>/", views.template_detail, name="template"),
    path("templates/<int:pk>/retire/", views.template_retirement, name="template-retire"),
    path("from-job-plan/<int:plan_id>/", views.templates_from_plan, name="templates-from-job-plan"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("rebooking/<int:pk>/rebooked/", views.rebooked, name="rebooked"),
    path("departments/<int:department_id>/templates/", views.templates, name="templates"),
    path("departments/<int:department_id>/templates/new/", views.template_new, name="template-new"),
    path("departments/<int:department_id>/sessions/", views.sessions, name="sessions"),
    path("departments/<int:department_id>/sessions/generate/", views.generate, name="generate"),
    path("departments/<int:department_id>/notice/", views.policy, name="policy"),
    path("departments/<int:department_id>/rebooking/", views.rebooking, name="rebooking"),
    path(
        "departments/<int:department_id>/rebooking.csv", views.rebooking_csv, name="rebooking-csv"
    ),
]
