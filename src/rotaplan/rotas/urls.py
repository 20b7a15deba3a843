from django.urls import path

from .compliance import views as compliance_views
from .cover_requirements import views as cover_views
from .editing import views as edit_views
from .generation import views as generation_views
from .grid import views as grid_views
from .local_rules import views as local_rule_views
from .on_duty import views as on_duty_views
from .policies import views as policy_views
from .publishing import views as publishing_views
from .requests import views as request_views
from .shift_import import views as import_views
from .versions import views as version_views
from .work_schedules import views as work_schedule_views

app_name = "rotas"

urlpatterns = [
    path("on-duty/", on_duty_views.on_duty_page, name="on-duty"),
    path("<int:pk>/", grid_views.rota_grid, name="rota-grid"),
    path("<int:pk>/import/", import_views.shift_import, name="shift-import"),
    path("<int:pk>/shifts/add/", edit_views.shift_add, name="shift-add"),
    path(
        "<int:pk>/shifts/<int:assignment_id>/remove/",
        edit_views.shift_remove,
        name="shift-remove",
    ),
    path("<int:pk>/compliance/", compliance_views.rota_compliance, name="rota-compliance"),
    path("<int:pk>/publish/", publishing_views.publish, name="rota-publish"),
    path("<int:pk>/changes/", version_views.rota_changes_page, name="rota-changes"),
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
    path(
        "departments/<int:department_id>/local-rules/",
        local_rule_views.local_rules,
        name="local-rules",
    ),
    path(
        "departments/<int:department_id>/local-rules/never-alone/add/",
        local_rule_views.never_alone_new,
        name="never-alone-add",
    ),
    path(
        "departments/<int:department_id>/local-rules/never-alone/<int:pk>/remove/",
        local_rule_views.never_alone_delete,
        name="never-alone-remove",
    ),
    path(
        "departments/<int:department_id>/local-rules/pairs/add/",
        local_rule_views.pair_new,
        name="pair-add",
    ),
    path(
        "departments/<int:department_id>/local-rules/pairs/<int:pk>/remove/",
        local_rule_views.pair_delete,
        name="pair-remove",
    ),
    path(
        "departments/<int:department_id>/local-rules/fixed-lines/add/",
        local_rule_views.fixed_line_new,
        name="fixed-line-add",
    ),
    path(
        "departments/<int:department_id>/local-rules/fixed-lines/<int:pk>/remove/",
        local_rule_views.fixed_line_delete,
        name="fixed-line-remove",
    ),
    path("departments/<int:department_id>/policies/", policy_views.policies, name="policies"),
    path("departments/<int:department_id>/cover/", cover_views.cover, name="cover"),
    path(
        "departments/<int:department_id>/cover/<int:shift_id>/",
        cover_views.cover_edit,
        name="cover-edit",
    ),
    path(
        "departments/<int:department_id>/cover/<int:shift_id>/mix/add/",
        cover_views.cover_mix_new,
        name="cover-mix-add",
    ),
    path(
        "departments/<int:department_id>/cover/mix/<int:pk>/remove/",
        cover_views.cover_mix_delete,
        name="cover-mix-remove",
    ),
    path(
        "departments/<int:department_id>/cover/dates/add/",
        cover_views.cover_date_add,
        name="cover-date-add",
    ),
    path(
        "departments/<int:department_id>/cover/dates/<int:pk>/remove/",
        cover_views.cover_date_remove,
        name="cover-date-remove",
    ),
    path(
        "departments/<int:department_id>/generate/",
        generation_views.generate,
        name="generate",
    ),
    path("generation/<int:pk>/", generation_views.generation_run, name="generation-run"),
    path(
        "generation/<int:pk>/cancel/",
        generation_views.generation_cancel,
        name="generation-cancel",
    ),
    path("departments/<int:department_id>/compare/", generation_views.compare, name="compare"),
    path(
        "departments/<int:department_id>/requests/",
        request_views.department_requests,
        name="department-requests",
    ),
    path("requests/", request_views.my_requests, name="my-requests"),
    path("requests/<int:pk>/withdraw/", request_views.withdraw, name="request-withdraw"),
]
