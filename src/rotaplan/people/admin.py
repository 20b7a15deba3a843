from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Competency, Doctor, RoleAssignment, User


@admin.register(Competency)
class CompetencyAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]


@admin.register(Doctor)
class DoctorAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "gmc_number", "grade", "wte", "department"]
    list_filter = ["grade", "contract", "department"]
    search_fields = ["last_name", "first_name", "gmc_number"]
    filter_horizontal = ["competencies"]


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 1


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("Rotaplan", {"fields": ("doctor",)}))
    raw_id_fields = ["doctor"]
    inlines = [RoleAssignmentInline]
