"""Invitation links: how one is made, and what opening one finds.

The choice: a **signed token with a per-invitation nonce**, not a stored hash of a random
token. The link is ``/invitation/<token>/`` with

    token = Signer(salt="clinic.invitation").sign(f"{invitation.pk}.{invitation.nonce}")

where the nonce is 16 random bytes kept on the ``Invitation`` row. Opening a link checks, in
this order:

- **tampered**: the HMAC (keyed by ``SECRET_KEY`` and this salt) fails for any change to the id,
  the nonce or the signature; so does a well-signed token whose row is gone or whose nonce is
  not the row's (compared in constant time);
- **used**: the row's ``used_at`` is set the first time a password is chosen, under a row lock,
  so a second use (or two at once) fails;
- **voided**: sending a new link sets ``voided_at`` on the old one (only one open invitation per
  patient is allowed by a constraint);
- **expired**: ``expires_at``, 7 days after the link was made.

Why signed and not hashed: while an invitation is open the clinician can print the sheet and
the programme with its QR code again, which needs the link itself; with only a hash stored the
link could be shown once. The database alone (a leaked backup, say) still cannot make a link:
that also needs ``SECRET_KEY``. Changing ``SECRET_KEY`` makes every open link fail as tampered;
the clinician sends a new one.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from django.core import signing
from django.utils import timezone

from clinic.models import Invitation

SALT = "clinic.invitation"
TAMPERED = "tampered"


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


def make_token(invitation: Invitation) -> str:
    return signing.Signer(salt=SALT).sign(f"{invitation.pk}.{invitation.nonce}")


@dataclass(frozen=True)
class Opened:
    """What a token leads to: its state (an ``Invitation.State`` or ``TAMPERED``)."""

    state: str
    invitation: Invitation | None = None

    @property
    def usable(self) -> bool:
        return self.state == Invitation.State.OPEN


def open_token(token: str, now=None, *, lock: bool = False) -> Opened:
    """Read a token back to its invitation; ``lock`` takes a row lock (inside a transaction)."""
    try:
        value = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return Opened(TAMPERED)
    pk, _, nonce = value.partition(".")
    if not pk.isdigit():
        return Opened(TAMPERED)
    rows = Invitation.objects.select_related("patient__user", "created_by")
    if lock:
        rows = rows.select_for_update(of=("self",))
    invitation = rows.filter(pk=int(pk)).first()
    if invitation is None or not hmac.compare_digest(invitation.nonce, nonce):
        return Opened(TAMPERED)
    return Opened(invitation.state(now or timezone.now()), invitation)
