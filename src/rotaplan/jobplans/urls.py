from django.urls import path

from . import views

app_name = "jobplans"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("new/", views.new, name="new"),
    path("departments/", views.departments, name="departments"),
    path("departments/<int:department_id>/", views.department, name="department"),
    path("departments/<int:department_id>/policy/", views.policy, name="policy"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/comments/", views.comment, name="comment"),
    path("<int:pk>/activities/add/", views.activity_new, name="activity-add"),
    path("<int:pk>/activities/<int:activity_id>/", views.activity_edit, name="activity-change"),
    path(
        "<int:pk>/activities/<int:activity_id>/remove/",
        views.activity_delete,
        name="activity-remove",
    ),
    path("<int:pk>/on-call/", views.on_call, name="on-call"),
    path("<int:pk>/on-call/remove/", views.on_call_remove, name="on-call-remove"),
]

# Planned against delivered (``delivery``): appended by the delivery work.
from .delivery import views as delivery_views  # noqa: E402

urlpatterns += [
    path("delivery/", delivery_views.delivery_home, name="delivery"),
    path(
        "delivery/departments/<int:department_id>/",
        delivery_views.delivery_department,
        name="delivery-department",
    ),
    path(
        "delivery/departments/<int:department_id>/<str:file_format>/",
        delivery_views.delivery_download,
        name="delivery-download",
    ),
    path(
        "delivery/doctors/<int:doctor_id>/",
        delivery_views.delivery_doctor,
        name="delivery-doctor",
    ),
]
