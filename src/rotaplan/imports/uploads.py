"""A file uploaded to a page or the API, read as every import reads a file."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile

from rotaplan.engine.formats.spreadsheet import RawTable, check_size, read_table


def read_upload(upload: UploadedFile) -> RawTable:
    """Read an uploaded file, refusing an oversized one before reading it into memory.
    Raises ``UnreadableFile``."""
    check_size(upload.size or 0)
    return read_table(upload.name or "", upload.read())
