from django.urls import path

from . import views

app_name = "locums"

urlpatterns = [
    path("", views.bookings, name="bookings"),
    path("bookings/new/", views.booking_new, name="booking-new"),
    path("bookings/<int:booking_id>/", views.booking_detail, name="booking"),
    path("bookings/<int:booking_id>/induction/", views.induction, name="induction"),
    path("inductions/", views.inductions_due, name="inductions-due"),
    path("suppliers/", views.suppliers, name="suppliers"),
    path("spend/", views.spend, name="spend"),
    path("spend/<str:file_format>/", views.spend_download, name="spend-download"),
]
