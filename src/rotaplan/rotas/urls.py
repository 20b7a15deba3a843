from django.urls import path

from . import views

app_name = "rotas"

urlpatterns = [
    path("<int:pk>/", views.rota_grid, name="rota-grid"),
]
