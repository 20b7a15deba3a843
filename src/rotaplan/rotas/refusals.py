"""Why a write to a rota is refused before anything is saved, whoever writes it (an edit, an
import, publishing): the rota is published, or it changed since the writer read it.

Both carry a ``message`` in the coordinator's words, which pages, the API and the CLI show
as they are."""

from __future__ import annotations

ROTA_CHANGED = (
    "Someone changed this rota while you were looking at it, so nothing was saved. Check "
    "the change against the rota as it is now and try again."
)


class RotaNotDraft(Exception):
    """The rota is published: shifts are changed or imported only in a draft."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RotaChanged(Exception):
    """The rota changed since the user read it (its version moved on): nothing was saved."""

    def __init__(self) -> None:
        super().__init__(ROTA_CHANGED)
        self.message = ROTA_CHANGED
