from typing import Any

from django import forms
from django.contrib import admin

from .models import Assignment, ComplianceOverride, Rota, ShiftType
from .overlap import check_assignment_times


@admin.register(ShiftType)
class ShiftTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "start", "end", "kind", "department"]
    list_filter = ["department", "kind"]


@admin.register(Rota)
class RotaAdmin(admin.ModelAdmin):
    list_display = ["name", "department", "period_start", "period_end", "status", "version"]
    list_filter = ["department", "status"]


class AssignmentAdminForm(forms.ModelForm):
    """Holds an assignment made in the admin to the same rules as one made through the
    service: end after start, no overlap with the doctor's other shifts."""

    class Meta:
        model = Assignment
        fields = ["rota", "doctor", "shift_type", "date", "start", "end"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        doctor, start, end = cleaned.get("doctor"), cleaned.get("start"), cleaned.get("end")
        if doctor is not None and start is not None and end is not None:
            check_assignment_times(
                doctor_id=doctor.pk, start=start, end=end, exclude_pk=self.instance.pk
            )
        return cleaned


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    form = AssignmentAdminForm
    list_display = ["date", "doctor", "shift_type", "start", "end", "rota"]
    list_filter = ["rota"]
    raw_id_fields = ["doctor", "rota", "shift_type"]
    date_hierarchy = "date"


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
