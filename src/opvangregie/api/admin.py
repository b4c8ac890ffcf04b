from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from opvangregie.api.models import ApiToken
from opvangregie.api.services import api_token_revoke


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "name", "created_at", "expires_at", "revoked_at",
                    "last_used_at")
    list_filter = ("revoked_at",)
    search_fields = ("prefix", "user__username", "name")
    readonly_fields = ("user", "name", "prefix", "created_at", "created_by", "expires_at",
                       "revoked_at", "revoked_by", "last_used_at")
    exclude = ("secret_hash",)
    actions = ["revoke"]

    # A token is made with `opvangregie api-token --user NAME` (it is shown once there);
    # the admin only revokes, through the service, so every revocation is audited.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    # Every field is read-only: a change form would save nothing and record nothing.
    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Geselecteerde tokens intrekken"))
    def revoke(self, request, queryset):
        revoked = sum(api_token_revoke(actor=request.user, token=token) for token in queryset)
        self.message_user(request, ngettext("%(n)s token ingetrokken.",
                                            "%(n)s tokens ingetrokken.", revoked)
                          % {"n": revoked}, messages.SUCCESS)
