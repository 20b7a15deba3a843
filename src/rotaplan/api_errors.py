"""Merge shim, deleted at merge: rotas/ imports this old name until the lead rewrites it to
``rotaplan.api.errors`` (the only module of rotaplan.api an app may import)."""

from rotaplan.api.errors import ErrorOut, FieldErrorOut, problems_out, validation_error_out

__all__ = ["ErrorOut", "FieldErrorOut", "problems_out", "validation_error_out"]
