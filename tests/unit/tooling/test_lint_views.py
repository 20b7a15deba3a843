"""scripts/lint_views.py refuses queries and writes in view and API modules, naming the file,
the line and what it found, and leaves every other module alone."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "lint_views.py"
ADVICE = "in a view module; use a selector or a service"


def lint(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


@pytest.mark.parametrize(
    ("line", "what"),
    [
        ("doctors = Doctor.objects.filter(active=True)", "Doctor.objects"),
        ("rota = get_object_or_404(Rota, pk=pk)", "get_object_or_404"),
        ("rows = shortcuts.get_list_or_404(Rota)", "get_list_or_404"),
        ("form.save()", ".save()"),
        ("rota.delete()", ".delete()"),
        ("rows.create(doctor=doctor)", ".create()"),
        ("rows.update(weight=2)", ".update()"),
        ("rows.bulk_create(new)", ".bulk_create()"),
        ("rows.get_or_create(doctor=doctor)", ".get_or_create()"),
        ("rows.update_or_create(doctor=doctor)", ".update_or_create()"),
    ],
)
def test_a_query_or_write_in_a_view_is_named_with_its_line(
    tmp_path: Path, line: str, what: str
) -> None:
    view = write(
        tmp_path,
        "rotas/views.py",
        f"""\
        from .models import Rota


        def rota_page(request, pk):
            {line}
            return None
        """,
    )

    result = lint(tmp_path)

    assert result.returncode == 1
    assert result.stdout == f"{view}:5: {what} {ADVICE}\n"


@pytest.mark.parametrize(
    "name",
    [
        "people/views.py",
        "people/api.py",
        "rotas/cover_views.py",
        "rotas/generation_api.py",
        "rotas/grid/views/page.py",
        "api/rules.py",
    ],
)
def test_every_kind_of_view_or_api_module_is_checked(tmp_path: Path, name: str) -> None:
    module = write(
        tmp_path,
        name,
        """\
        def endpoint(request):
            return Rota.objects.all()
        """,
    )

    result = lint(tmp_path)

    assert result.stdout == f"{module}:2: Rota.objects {ADVICE}\n"
    assert result.returncode == 1


def test_the_import_of_a_shortcut_is_named_as_well_as_its_use(tmp_path: Path) -> None:
    view = write(
        tmp_path,
        "people/views.py",
        """\
        from django.shortcuts import get_object_or_404 as fetch


        def doctor_page(request, pk):
            return fetch(Doctor, pk=pk)
        """,
    )

    assert lint(tmp_path).stdout == f"{view}:1: get_object_or_404 {ADVICE}\n"


def test_each_violation_is_listed(tmp_path: Path) -> None:
    view = write(
        tmp_path,
        "people/views.py",
        """\
        def doctor_page(request, pk):
            doctor = Doctor.objects.get(pk=pk)
            doctor.save()
            return doctor
        """,
    )

    result = lint(tmp_path)

    assert result.stdout.splitlines() == [
        f"{view}:2: Doctor.objects {ADVICE}",
        f"{view}:3: .save() {ADVICE}",
    ]


def test_a_view_that_calls_selectors_and_services_passes(tmp_path: Path) -> None:
    write(
        tmp_path,
        "rotas/views.py",
        """\
        import hashlib

        from . import selectors, services


        def rota_page(request, pk):
            # Not Rota.objects, nor .save(): comments and strings are not code.
            rota = selectors.visible_rota(request.user, pk)
            services.rota_publish(actor=request.user, rota=rota)
            page = {"rota": rota, "note": "rota.save() is done by the service"}
            page.update({"shown": True})
            digest = hashlib.sha256()
            digest.update(b"rota")
            return page
        """,
    )

    result = lint(tmp_path)

    assert (result.returncode, result.stdout) == (0, "")


def test_modules_that_are_not_views_are_not_checked(tmp_path: Path) -> None:
    writes = """\
    def rota_publish(*, actor, rota):
        rota.save()
        return Rota.objects.get(pk=rota.pk)
    """
    write(tmp_path, "rotas/services.py", writes)
    write(tmp_path, "rotas/selectors.py", writes)
    write(tmp_path, "rotaplan/api/errors.py", "def request_errors_out(request):\n    x.save()\n")
    write(tmp_path, "rotas/views/forms_shared.py", "CHOICES = Doctor.objects.all()\n")
    write(tmp_path, "rotas/migrations/0001_initial.py", "def forwards(apps):\n    x.save()\n")

    result = lint(tmp_path)

    assert (result.returncode, result.stdout) == (0, "")


def test_a_file_named_on_the_command_line_is_checked(tmp_path: Path) -> None:
    view = write(tmp_path, "views.py", "def page(request):\n    request.user.save()\n")
    write(tmp_path, "other/api.py", "def page(request):\n    request.user.save()\n")

    assert lint(view).stdout == f"{view}:2: .save() {ADVICE}\n"


def test_a_ninja_routers_delete_verb_is_not_a_write(tmp_path: Path) -> None:
    api = write(
        tmp_path,
        "rotas/api.py",
        """\
        from ninja import Router

        router = Router()


        @router.delete("/things/{int:pk}")
        def remove(request, pk):
            return None
        """,
    )
    assert lint(api).returncode == 0
    thing = write(tmp_path, "rotas/views.py", "def page(request):\n    request.thing.delete()\n")
    assert lint(thing).returncode == 1
