from django.urls import path

from . import views
from .doctor_import import views as import_views

app_name = "people"

urlpatterns = [
    path("", views.doctor_list, name="doctor-list"),
    path("import/", import_views.doctor_import, name="doctor-import"),
    path(
        "import/template.csv",
        import_views.doctor_import_template,
        name="doctor-import-template",
    ),
    path("<int:pk>/", views.doctor_detail, name="doctor-detail"),
    path("<int:pk>/edit/", views.doctor_edit, name="doctor-edit"),
]
