from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "is_staff", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "name", "password"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined", "email_verified_at"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["email", "name", "usable_password", "password1", "password2"]})
    ]
    readonly_fields = ["last_login", "date_joined", "email_verified_at"]
    filter_horizontal = ["groups"]

    class AddForm(AdminUserCreationForm):
        class Meta:
            model = User
            fields = ["email", "name"]

    class ChangeForm(UserChangeForm):
        class Meta:
            model = User
            fields = "__all__"

        def save(self, commit=True):
            """A new address is not proven theirs: it must be verified again."""
            if "email" in self.changed_data:
                self.instance.email_verified_at = None
            return super().save(commit)

    add_form = AddForm
    form = ChangeForm
