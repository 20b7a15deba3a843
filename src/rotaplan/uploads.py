"""Merge shim, deleted at merge: rotas/ imports this old name until the lead rewrites it to
``rotaplan.imports.uploads``."""

from rotaplan.imports.uploads import read_upload

__all__ = ["read_upload"]
