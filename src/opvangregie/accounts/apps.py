from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "opvangregie.accounts"
    verbose_name = _("Accounts en rollen")

    def ready(self):
        from django.conf import settings

        if settings.OIDC_ENABLED:
            from opvangregie.accounts import oidc  # noqa: F401  (connects its signal)
