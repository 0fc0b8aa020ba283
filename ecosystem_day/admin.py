from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from .models import EmailTemplate, Event, OutboxEmail, Topic, User
from .outbox import deliver_pending

admin.site.site_header = "Ecosystem Day organizers"
admin.site.site_title = "Ecosystem Day organizers"
admin.site.index_title = "Organizers' panel"
# The review queue needs the full width of a laptop screen.
admin.site.enable_nav_sidebar = False


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "is_staff", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "name", "password"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["email", "name", "usable_password", "password1", "password2"]})
    ]
    readonly_fields = ["last_login", "date_joined"]
    filter_horizontal = ["groups"]

    class AddForm(AdminUserCreationForm):
        class Meta:
            model = User
            fields = ["email", "name"]

    class ChangeForm(UserChangeForm):
        class Meta:
            model = User
            fields = "__all__"

    add_form = AddForm
    form = ChangeForm


class TopicInline(admin.TabularInline):
    model = Topic
    extra = 1


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["name", "date", "time_zone", "cfp_deadline", "is_current"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TopicInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "date", "time_zone", "is_current"]}),
        ("Texts", {"fields": ["tagline", "description", "call_for_posters"]}),
        ("Deadlines", {"fields": ["cfp_deadline", "breakout_deadline", "breakout_minutes"]}),
    ]


@admin.register(EmailTemplate)
class EmailTemplateAdmin(admin.ModelAdmin):
    list_display = ["key", "description", "subject"]
    readonly_fields = ["key"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipients", "status", "created_at", "attempts", "last_error"]
    list_filter = ["status"]
    search_fields = ["subject", "to"]
    actions = ["send_now"]
    readonly_fields = [field.name for field in OutboxEmail._meta.fields]

    @admin.display(description="to")
    def recipients(self, email):
        return ", ".join(email.to)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Try sending the selected pending emails now")
    def send_now(self, request, queryset):
        ids = list(queryset.filter(status=OutboxEmail.Status.PENDING).values_list("pk", flat=True))
        sent, failed = deliver_pending(ids=ids)
        level = messages.WARNING if failed else messages.SUCCESS
        self.message_user(request, f"{sent} sent, {failed} still failing.", level)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm("ecosystem_day.view_outboxemail"):
            actions.pop("send_now", None)
        return actions
