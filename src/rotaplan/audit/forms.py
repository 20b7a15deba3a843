"""The filter above the audit log: which kind of record, changed by whom."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.text import capfirst

from rotaplan.people.models import User


class ContentTypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        model = obj.model_class()
        return capfirst(model._meta.verbose_name) if model else obj.model


class ActorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.display_name


class AuditFilterForm(forms.Form):
    content_type = ContentTypeChoiceField(
        label="Record type",
        queryset=ContentType.objects.none(),
        required=False,
        empty_label="All records",
    )
    actor = ActorChoiceField(
        label="Changed by", queryset=User.objects.none(), required=False, empty_label="Anyone"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        audited = ContentType.objects.get_for_models(*auditlog.get_models()).values()
        self.fields["content_type"].queryset = ContentType.objects.filter(  # type: ignore[attr-defined]
            pk__in=[ct.pk for ct in audited]
        ).order_by("model")
        self.fields["actor"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=LogEntry.objects.filter(actor__isnull=False).values("actor_id")
        ).order_by("last_name", "first_name", "username")
