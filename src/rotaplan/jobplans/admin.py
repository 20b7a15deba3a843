"""Job plans in the admin, read only: every change goes through the job plan pages and
services, which check who may, lock the plan against a second editor, keep its history
and tell the doctor and the clinical director. A plan edited here would be signed off
with nobody having agreed the change."""

from django.contrib import admin
from django.http import HttpRequest

from .models import JobPlan, JobPlanPolicy


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(JobPlan)
class JobPlanAdmin(ReadOnlyAdmin):
    list_display = ["doctor", "year_start", "status", "version"]
    list_filter = ["status"]
    raw_id_fields = ["doctor"]


@admin.register(JobPlanPolicy)
class JobPlanPolicyAdmin(ReadOnlyAdmin):
    list_display = ["department", "minimum_spa"]
