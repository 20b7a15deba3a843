from django.contrib import admin
from django.http import HttpRequest

from .models import LeaveEntitlement, LeavePolicy, LeaveRecord, MinimumStaffing


@admin.register(LeaveRecord)
class LeaveRecordAdmin(admin.ModelAdmin):
    """Read only: leave and sickness are asked for, decided and recorded on the leave
    pages, whose services take the doctor's shifts off the published rotas and open the
    gaps. A record added here would leave the rota showing a shift on a day of sickness."""

    list_display = ["doctor", "leave_type", "start", "end", "status"]
    list_filter = ["leave_type", "status"]
    raw_id_fields = ["doctor"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(LeavePolicy)
class LeavePolicyAdmin(admin.ModelAdmin):
    list_display = ["department", "notice_weeks", "year_start_month", "year_start_day"]
    readonly_fields = ["version"]


@admin.register(MinimumStaffing)
class MinimumStaffingAdmin(admin.ModelAdmin):
    list_display = ["department", "at_least", "grades", "weekdays"]


@admin.register(LeaveEntitlement)
class LeaveEntitlementAdmin(admin.ModelAdmin):
    list_display = ["doctor", "year_start", "service_start", "carried_over", "adjustment"]
    raw_id_fields = ["doctor"]
    readonly_fields = ["version"]
