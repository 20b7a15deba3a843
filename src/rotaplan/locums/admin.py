from django.contrib import admin

from .models import RateCard, Supplier


class RateCardInline(admin.TabularInline):
    model = RateCard
    extra = 0


@admin.register(Supplier)
class SupplierAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "framework", "active"]
    list_filter = ["kind", "active"]
    inlines = [RateCardInline]


@admin.register(RateCard)
class RateCardAdmin(admin.ModelAdmin):
    list_display = ["supplier", "tier", "hours_kind", "hourly_rate_pence", "effective_from"]
    list_filter = ["supplier", "tier", "hours_kind"]
