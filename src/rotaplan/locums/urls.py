from django.urls import path

from . import supplier_views, views

app_name = "locums"

urlpatterns = [
    path("", views.bookings, name="bookings"),
    path("bookings/new/", views.booking_new, name="booking-new"),
    path("bookings/<int:booking_id>/", views.booking_detail, name="booking"),
    path("bookings/<int:booking_id>/induction/", views.induction, name="induction"),
    path("inductions/", views.inductions_due, name="inductions-due"),
    path("suppliers/", supplier_views.suppliers, name="suppliers"),
    path("suppliers/new/", supplier_views.supplier_new, name="supplier-new"),
    path("suppliers/<int:supplier_id>/rates/new/", supplier_views.rate_new, name="rate-new"),
    path("suppliers/<int:supplier_id>/rates/end/", supplier_views.rate_finish, name="rate-end"),
    path("spend/", views.spend, name="spend"),
    path("spend/<str:file_format>/", views.spend_download, name="spend-download"),
]
