from django.contrib import admin

from .models import Assignment, Rota, ShiftType


@admin.register(ShiftType)
class ShiftTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "start", "end", "kind", "department"]
    list_filter = ["department", "kind"]


@admin.register(Rota)
class RotaAdmin(admin.ModelAdmin):
    list_display = ["name", "department", "period_start", "period_end", "status", "version"]
    list_filter = ["department", "status"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["date", "doctor", "shift_type", "start", "end", "rota"]
    list_filter = ["rota"]
    raw_id_fields = ["doctor", "rota", "shift_type"]
    date_hierarchy = "date"
