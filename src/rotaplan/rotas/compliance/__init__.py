"""A rota's compliance with the contract rules: its report (``selectors.rota_compliance``),
how it reads on a page (``presenters``), the compliance page (``views``) and
``GET /api/rotas/{id}/compliance`` (``api``). Other areas ask ``rota_compliance`` here."""

from .presenters import RotaCompliance
from .selectors import rota_compliance

__all__ = ["RotaCompliance", "rota_compliance"]
