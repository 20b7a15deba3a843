"""clinics over the API, with the pages' permissions."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["clinics"])
