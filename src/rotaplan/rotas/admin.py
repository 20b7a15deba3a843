from typing import Any

from django.contrib import admin

from .models import (
    Assignment,
    ComplianceOverride,
    CoverRequirement,
    GenerationRun,
    Rota,
    RotaRequest,
    ShiftType,
)


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
    """Read only. Shifts are added and removed on the rota's own pages and API, where the
    coordinator's department, the rota's version and the contract rules are checked and a
    breach needs a recorded reason; the admin would bypass all three."""

    list_display = ["date", "doctor", "shift_type", "start", "end", "rota"]
    list_filter = ["rota"]
    raw_id_fields = ["doctor", "rota", "shift_type"]
    date_hierarchy = "date"

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(ComplianceOverride)
class ComplianceOverrideAdmin(admin.ModelAdmin):
    """Read only: an override is a record of what was done and why."""

    list_display = ["made_at", "rota", "change", "made_by"]
    list_filter = ["rota"]
    readonly_fields = ["rota", "assignment", "change", "breaches", "reason", "made_by", "made_at"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(CoverRequirement)
class CoverRequirementAdmin(admin.ModelAdmin):
    list_display = ["department", "shift_type", "weekday", "date", "minimum", "ideal"]
    list_filter = ["department"]


@admin.register(RotaRequest)
class RotaRequestAdmin(admin.ModelAdmin):
    list_display = ["doctor", "kind", "first_date", "last_date", "shift_type", "weight"]
    raw_id_fields = ["doctor", "created_by", "shift_type"]
    date_hierarchy = "first_date"


@admin.register(GenerationRun)
class GenerationRunAdmin(admin.ModelAdmin):
    """Read only: a run is started, watched and cancelled on its own pages, where the
    coordinator's department is checked."""

    list_display = ["created", "department", "period_start", "period_end", "status", "rota"]
    list_filter = ["department", "status"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False
