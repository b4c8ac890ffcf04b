"""`Authorization: Bearer opv_…`: the request acts as the token's user.

No session, so neither the second factor (asked once per browser session) nor django-axes
(which guards password sign-in) takes part: a token is a 256-bit random secret that cannot
be guessed, is stored hashed, expires and can be revoked (docs/api.md, "Tokens").
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from opvangregie.api.models import ApiToken
from opvangregie.api.services import split_token, token_matches

# `last_used_at` is written at most this often, so reads do not each cost a write.
LAST_USED_RESOLUTION = timedelta(minutes=15)


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Geef precies één token na 'Bearer'."))
        try:
            plain = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Ongeldige token.")) from None
        parts = split_token(plain)
        if parts is None:
            raise exceptions.AuthenticationFailed(_("Ongeldige token."))
        prefix, secret = parts
        token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
        now = timezone.now()
        if token is None or not token_matches(token, secret):
            raise exceptions.AuthenticationFailed(_("Ongeldige token."))
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("Deze token is ingetrokken."))
        if now >= token.expires_at:
            raise exceptions.AuthenticationFailed(_("Deze token is verlopen."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("De gebruiker van deze token is niet actief."))
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword
