from django.contrib import admin

from .models import Department, Site, Trust


@admin.register(Trust)
class TrustAdmin(admin.ModelAdmin):
    list_display = ["name", "ods_code"]


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["name", "ods_code", "trust"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "treatment_function_code", "site"]
    list_filter = ["site"]
    search_fields = ["name", "code"]
