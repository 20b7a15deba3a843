"""Before one unfinished run per request is a constraint (0005): where the same request is
waiting or running more than once, the newest is kept and the others are marked failed, as
the worker would have run them for nothing."""

from django.db import migrations
from django.utils import timezone

DUPLICATE = "Another run of the same request was waiting; this one was not run."


def fail_duplicates(apps, schema_editor):
    GenerationRun = apps.get_model("rotas", "GenerationRun")
    seen = set()
    unfinished = GenerationRun.objects.filter(status__in=["queued", "running"])
    for run in unfinished.order_by("-created", "-pk"):
        key = (run.department_id, run.period_start, run.period_end, run.staff_group)
        if key in seen:
            run.status = "failed"
            run.failure_reason = DUPLICATE
            run.finished = timezone.now()
            run.save(update_fields=["status", "failure_reason", "finished"])
        seen.add(key)


class Migration(migrations.Migration):
    dependencies = [("rotas", "0003_generation")]

    operations = [migrations.RunPython(fail_duplicates, migrations.RunPython.noop)]
