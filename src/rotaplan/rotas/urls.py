from django.urls import path

from . import import_views, views

app_name = "rotas"

urlpatterns = [
    path("<int:pk>/", views.rota_grid, name="rota-grid"),
    path("<int:pk>/import/", import_views.shift_import, name="shift-import"),
]
