from django.urls import path  # noqa: F401

app_name = "jobplans"

urlpatterns: list = []
