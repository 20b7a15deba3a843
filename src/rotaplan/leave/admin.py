from django.contrib import admin

from .models import LeaveRecord


@admin.register(LeaveRecord)
class LeaveRecordAdmin(admin.ModelAdmin):
    list_display = ["doctor", "leave_type", "start", "end", "status"]
    list_filter = ["leave_type", "status"]
    raw_id_fields = ["doctor"]
