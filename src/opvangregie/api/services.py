"""Creating and revoking API tokens: audited, one transaction each.

A token reads `opv_<prefix>_<secret>`: the prefix names the token (stored in plain text), the
secret is 256 random bits of which only the SHA-256 hash is stored. A fast hash is enough for
a random secret of that length (nothing to guess from a dictionary); the secret is shown once.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opvangregie.api.models import ApiToken
from opvangregie.audit.services import acting_user, audit_record

TOKEN_PREFIX = "opv"  # noqa: S105 - the visible start of every token, not a secret
DEFAULT_DAYS = 90
MAX_DAYS = 366


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    plain: str  # shown once to whoever asked for it; never stored


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def split_token(plain: str) -> tuple[str, str] | None:
    """(prefix, secret) of a token as sent, or None when it is not shaped like one."""
    parts = plain.strip().split("_")
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2]


def token_matches(token: ApiToken, secret: str) -> bool:
    return hmac.compare_digest(token.secret_hash, secret_hash(secret))


@transaction.atomic
def api_token_create(*, actor, user, days: int = DEFAULT_DAYS, name: str = "") -> IssuedToken:
    """A new token for `user`, valid for `days` days. Earlier tokens stay valid (rotation)."""
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError({"days": _("Een token is 1 tot en met %(max)s dagen geldig.")
                               % {"max": MAX_DAYS}})
    if not user.is_active:
        raise ValidationError({"user": _("Deze gebruiker is niet actief.")})
    prefix = secrets.token_hex(6)
    secret = secrets.token_hex(32)
    now = timezone.now()
    token = ApiToken(user=user, name=name, prefix=prefix, secret_hash=secret_hash(secret),
                     created_at=now, created_by=acting_user(actor),
                     expires_at=now + timedelta(days=days))
    token.full_clean()
    token.save()
    audit_record(actor=actor, action="create", instance=token,
                 summary=_("API-token %(prefix)s aangemaakt voor %(user)s") % {
                     "prefix": prefix, "user": user.username},
                 after={"user": user.pk, "prefix": prefix,
                        "expires_at": token.expires_at.isoformat()})
    return IssuedToken(token, f"{TOKEN_PREFIX}_{prefix}_{secret}")


@transaction.atomic
def api_token_revoke(*, actor, token: ApiToken) -> bool:
    """Revoke a token from now on; False when it was revoked already."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return False
    token.revoked_at = timezone.now()
    token.revoked_by = acting_user(actor)
    token.save(update_fields=["revoked_at", "revoked_by"])
    audit_record(actor=actor, action="update", instance=token,
                 summary=_("API-token %(prefix)s ingetrokken") % {"prefix": token.prefix},
                 after={"user": token.user_id, "prefix": token.prefix,
                        "revoked_at": token.revoked_at.isoformat()})
    return True
