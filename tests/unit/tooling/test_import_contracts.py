"""The import contracts in pyproject.toml hold on a tree laid out as the project is, and each
breaks, by name, when one import crosses its boundary.

The contracts run on a small tree written here with the modules they name, not on the real
one, so that what they refuse is tested apart from the state of the code; the last test runs
them on the real tree."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PYPROJECT = ROOT / "pyproject.toml"
CONTRACTS = {
    contract["id"]: contract["name"]
    for contract in tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]["contracts"]
}

# The layout in miniature, with the imports that the contracts allow: the URL confs import
# views, the NinjaAPI imports routers, an app's api module imports the shared error shape,
# the CLI imports the apps and the benchmark, the benchmark imports the engine.
TREE = {
    "__init__.py": "",
    "settings.py": "",
    "urls.py": (
        "from rotaplan.api.site import api\n"
        "from rotaplan.people import urls as people_urls\n"
        "from rotaplan.rotas import urls as rotas_urls\n"
        "from rotaplan.web import views\n"
    ),
    "wsgi.py": "import django\n",
    "api/__init__.py": "",
    "api/site.py": (
        "import ninja\n"
        "from rotaplan.api import pay, rules\n"
        "from rotaplan.people.api import router\n"
        "from rotaplan.rotas.grid.api import router as grid_router\n"
    ),
    "api/errors.py": "import ninja\n",
    "api/rules.py": "from rotaplan.engine.rules import check_rota\n",
    "api/pay.py": "from rotaplan.engine import clock\n",
    "cli/__init__.py": "from rotaplan.cli import bench, demo\n",
    "cli/demo.py": "from rotaplan.demo import command\n",
    "cli/bench.py": "from rotaplan.benchmark.nrp import heuristic\n",
    "imports/__init__.py": "",
    "imports/uploads.py": "from rotaplan.engine.formats import spreadsheet\n",
    "web/__init__.py": "",
    "web/views.py": "import django\nfrom rotaplan.people import selectors\n",
    "web/urls.py": "from rotaplan.web import views\n",
    "audit/__init__.py": "",
    "audit/models.py": "import auditlog\n",
    "organisation/__init__.py": "",
    "organisation/models.py": "import django\n",
    "people/__init__.py": "",
    "people/models.py": "import django\nfrom rotaplan.organisation import models\n",
    "people/selectors.py": "from rotaplan.people import models\n",
    "people/services.py": "from rotaplan.people import models\n",
    "people/views.py": "from rotaplan.people import selectors, services\n",
    "people/api.py": (
        "from rotaplan.api.errors import ErrorOut\nfrom rotaplan.people import selectors\n"
    ),
    "people/urls.py": "from rotaplan.people import views\n",
    "leave/__init__.py": "",
    "leave/models.py": "from rotaplan.people import models\n",
    "notifications/__init__.py": "",
    "notifications/services.py": "from rotaplan.people import models\n",
    "cover/__init__.py": "",
    "cover/services.py": "from rotaplan.notifications import services\n",
    "locums/__init__.py": "",
    "locums/models.py": "from rotaplan.cover import services\n",
    "claims/__init__.py": "",
    "claims/models.py": "from rotaplan.people import models\n",
    "selfservice/__init__.py": "",
    "selfservice/models.py": "from rotaplan.people import models\n",
    "jobplans/__init__.py": "",
    "jobplans/models.py": "from rotaplan.people import models\n",
    "clinics/__init__.py": "",
    "clinics/models.py": "from rotaplan.jobplans import models\n",
    "rotas/__init__.py": "",
    "rotas/models.py": "from rotaplan.people import models\n",
    "rotas/urls.py": (
        "from rotaplan.rotas.generation import views as generation_views\n"
        "from rotaplan.rotas.grid import views as grid_views\n"
    ),
    "rotas/grid/__init__.py": "",
    "rotas/grid/presenters.py": "from rotaplan.engine import clock\n",
    "rotas/grid/selectors.py": "from rotaplan.rotas import models\n",
    "rotas/grid/views.py": "from rotaplan.rotas.grid import presenters, selectors\n",
    "rotas/grid/api.py": "from rotaplan.api.errors import ErrorOut\n",
    "rotas/generation/__init__.py": "",
    "rotas/generation/views/__init__.py": "from rotaplan.rotas.generation.views import runs\n",
    "rotas/generation/views/runs.py": "from rotaplan.rotas.grid import selectors\n",
    "demo/__init__.py": "",
    "demo/command.py": "from rotaplan.people import models\nfrom rotaplan.rotas import models\n",
    "engine/__init__.py": "",
    "engine/clock.py": "import holidays\n",
    "engine/rules/__init__.py": "from rotaplan.engine import clock\ncheck_rota = None\n",
    "engine/formats/__init__.py": "",
    "engine/formats/spreadsheet.py": "import openpyxl\n",
    "benchmark/__init__.py": "",
    "benchmark/nrp/__init__.py": "",
    "benchmark/nrp/heuristic.py": "import ortools\nfrom rotaplan.engine import clock\n",
}


def lint_imports(src: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The project's contracts run on the package found in ``src``."""
    command = Path(sys.executable).with_name("lint-imports")
    program = str(command) if command.exists() else shutil.which("lint-imports")
    assert program, "lint-imports is not installed (the dev extra's import-linter)"
    return subprocess.run(
        [program, "--no-cache", "--no-logo", str(PYPROJECT)],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(src)},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name, text in TREE.items():
        path = tmp_path / "src" / "rotaplan" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def plant(tree: Path, module: str, line: str) -> None:
    path = tree / "src" / "rotaplan" / module
    path.write_text(path.read_text() + line + "\n")


def test_every_contract_is_kept_on_a_tree_within_the_boundaries(tree: Path) -> None:
    result = lint_imports(tree / "src", tree)

    assert result.returncode == 0, result.stdout + result.stderr
    for name in CONTRACTS.values():
        assert f"{name} KEPT" in result.stdout
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    ("contract", "module", "line", "importer", "imported"),
    [
        (
            "engine",
            "engine/formats/spreadsheet.py",
            "import django",
            "rotaplan.engine.formats.spreadsheet",
            "django",
        ),
        (
            "engine",
            "engine/rules/__init__.py",
            "from rotaplan.rotas import models",
            "rotaplan.engine.rules",
            "rotaplan.rotas.models",
        ),
        (
            "engine",
            "engine/clock.py",
            "from rotaplan.benchmark.nrp import heuristic",
            "rotaplan.engine.clock",
            "rotaplan.benchmark.nrp.heuristic",
        ),
        (
            "benchmark",
            "benchmark/nrp/heuristic.py",
            "from django.db import models",
            "rotaplan.benchmark.nrp.heuristic",
            "django",
        ),
        (
            "benchmark",
            "benchmark/nrp/heuristic.py",
            "from rotaplan.people import models",
            "rotaplan.benchmark.nrp.heuristic",
            "rotaplan.people.models",
        ),
        (
            "views",
            "rotas/grid/presenters.py",
            "from rotaplan.people import views",
            "rotaplan.rotas.grid.presenters",
            "rotaplan.people.views",
        ),
        (
            "views",
            "rotas/generation/views/runs.py",
            "from rotaplan.rotas.grid.views import shown",
            "rotaplan.rotas.generation.views.runs",
            "rotaplan.rotas.grid.views",
        ),
        (
            "views",
            "people/services.py",
            "from rotaplan.rotas.grid.api import router",
            "rotaplan.people.services",
            "rotaplan.rotas.grid.api",
        ),
        (
            "entry-points",
            "people/services.py",
            "from rotaplan.cli import demo",
            "rotaplan.people.services",
            "rotaplan.cli.demo",
        ),
        (
            "entry-points",
            "rotas/grid/selectors.py",
            "from rotaplan.api.rules import ReportOut",
            "rotaplan.rotas.grid.selectors",
            "rotaplan.api.rules",
        ),
    ],
)
def test_an_import_across_a_boundary_breaks_its_contract(
    tree: Path, contract: str, module: str, line: str, importer: str, imported: str
) -> None:
    plant(tree, module, line)

    result = lint_imports(tree / "src", tree)

    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{CONTRACTS[contract]} BROKEN" in result.stdout
    assert f"{importer} -> {imported}" in result.stdout
    for other in CONTRACTS.keys() - {contract}:
        assert f"{CONTRACTS[other]} KEPT" in result.stdout


def test_the_project_keeps_its_import_contracts() -> None:
    result = lint_imports(ROOT / "src", ROOT)

    assert result.returncode == 0, result.stdout + result.stderr
