"""The form that uploads a spreadsheet of shifts, with the reason for going ahead when its
shifts break the rules."""

from __future__ import annotations

import hashlib

from django import forms
from django.core.files.uploadedfile import UploadedFile

from ..models import Rota


class ShiftImportForm(forms.Form):
    file = forms.FileField(
        # An empty file gets the importer's fuller message, naming the columns expected.
        allow_empty_file=True,
        error_messages={"required": "Select a CSV or Excel file of shifts"},
    )
    reason = forms.CharField(
        label="Reason for going ahead", required=False, max_length=2000, widget=forms.Textarea
    )
    # Which file, at which rota version, the breaches on the page were for (``upload_key``):
    # a reason is not taken for another file, or for a rota changed since, whose breaches
    # have not been shown.
    shown = forms.CharField(required=False, widget=forms.HiddenInput)


def upload_key(rota: Rota, upload: UploadedFile) -> str:
    """The rota's version and a SHA-256 of the uploaded file's bytes."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    return f"{rota.version}:{digest.hexdigest()}"
