from django.urls import path

from . import views

app_name = "claims"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("extra-duty/new/", views.extra_duty_new, name="extra-duty-new"),
    path("expenses/new/", views.expense_new, name="expense-new"),
    path("to-decide/", views.to_decide, name="to-decide"),
    path("<int:claim_id>/", views.claim_detail, name="claim"),
]
