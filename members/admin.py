from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from members.models import Agency, CoChairPeriod, Designation, JoinRequest, User


@admin.register(User)
class UserAdmin(BaseUserAdmin, SimpleHistoryAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "role", "agency", "is_active", "is_staff"]
    list_filter = ["role", "is_active", "is_staff", "agency"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "job_title", "phone", "time_zone", "agency", "role")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined", "invited_at")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


class CoChairInline(admin.TabularInline):
    model = CoChairPeriod
    extra = 0


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ["acronym", "name_en", "kind", "membership", "office_city"]
    list_filter = ["kind", "membership", "office_city"]
    search_fields = ["acronym", "name_en", "name_ar", "name_fr"]
    inlines = [CoChairInline]


@admin.register(Designation)
class DesignationAdmin(SimpleHistoryAdmin):
    list_display = ["agency", "role", "person", "starts_on", "ends_on"]
    list_filter = ["role", "agency"]
    list_select_related = ["agency", "person"]


@admin.register(JoinRequest)
class JoinRequestAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "kind", "status", "submitted_at", "decided_on"]
    list_filter = ["status", "kind"]
