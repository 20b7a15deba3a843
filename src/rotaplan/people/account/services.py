"""A user changing their own password: the one write of the account page, audited."""

from __future__ import annotations

from django.db import transaction

from rotaplan.audit.services import password_change_record

from ..models import User


@transaction.atomic
def password_change(*, user: User, new_password: str) -> None:
    """Set ``user``'s password to ``new_password``, which the caller has checked against
    their current one and the password rules (Django's ``PasswordChangeForm``). The audit
    log records that it changed, never the password (ADR 0005 leaves it out of the User
    log)."""
    user.set_password(new_password)
    user.save(update_fields=["password"])
    password_change_record(user=user)
