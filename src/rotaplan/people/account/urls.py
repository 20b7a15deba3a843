from django.urls import path

from . import views

app_name = "account"

urlpatterns = [
    path("password/", views.change_password, name="password-change"),
]
