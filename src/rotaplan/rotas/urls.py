from django.urls import path

from . import compliance_views, edit_views, import_views, views, work_schedule_views

app_name = "rotas"

urlpatterns = [
    path("<int:pk>/", views.rota_grid, name="rota-grid"),
    path("<int:pk>/import/", import_views.shift_import, name="shift-import"),
    path("<int:pk>/shifts/add/", edit_views.shift_add, name="shift-add"),
    path(
        "<int:pk>/shifts/<int:assignment_id>/remove/",
        edit_views.shift_remove,
        name="shift-remove",
    ),
    path("<int:pk>/compliance/", compliance_views.rota_compliance, name="rota-compliance"),
    path(
        "<int:rota_id>/work-schedules/<int:doctor_id>/",
        work_schedule_views.work_schedule_page,
        name="work-schedule",
    ),
    path(
        "<int:rota_id>/work-schedules/<int:doctor_id>/work-schedule.pdf",
        work_schedule_views.work_schedule_download_pdf,
        name="work-schedule-pdf",
    ),
    path(
        "<int:rota_id>/work-schedules/<int:doctor_id>/work-schedule.json",
        work_schedule_views.work_schedule_download_json,
        name="work-schedule-json",
    ),
]
