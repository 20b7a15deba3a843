"""What reading a hostile spreadsheet costs: time and peak memory, each file in a process of
its own so that one file's memory is not counted against the next.

Run: .venv/bin/python benchmarks/hostile_spreadsheets.py [--src PATH [--src PATH]] [--timeout 300]

The files are built in memory by ``tests/workbooks.py`` (the ones the tests refuse):
the three issue 16 reported (a 27 KB sheet declaring A1:XFD1048576, a row of two million
cells, a shared-strings bomb), an entity-expansion workbook and a zip bomb; then, to show
what the bounds cost an honest file, the documented example CSV and the largest file an
import takes (5,000 doctors, as CSV and as a workbook). Each is read as the doctor import
reads it before the database is touched: ``read_path``, then ``check_table`` against
empty lookups. A child Python process does the work and reports its own CPU time, its peak
resident memory (``VmHWM``), what it still holds once the table is dropped (``VmRSS``:
memory a worker keeps after the request), and its peak after importing Django and the
reader, before reading (the floor any request starts from).

``--src`` points the children at a checkout's ``src``; given twice (for example the code
before the bounds, unpacked with ``git archive f4cedae src | tar -x -C /tmp/before``, and
this checkout's), each file is measured with both in turn, side by side in one run.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the builders live with the tests that use them

from tests import workbooks  # noqa: E402

# Run in the child: read and check one file, then print what it cost as JSON.
CHILD = """
import gc, json, os, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rotaplan.settings")
import django
django.setup()
from pathlib import Path
from rotaplan.engine.formats.spreadsheet import UnreadableFile, read_path
from rotaplan.people.doctor_import import ImportLookups, check_table

def memory_mb(field):
    # This process's own figures: ru_maxrss would count the parent's memory at fork.
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith(field + ":"))
    return int(line.split()[1]) / 1024

floor = memory_mb("VmHWM")
started, cpu = time.perf_counter(), time.process_time()
outcome = "could not read"
try:
    table = read_path(Path(sys.argv[1]))
    outcome = f"read {len(table.rows):,} rows"
    checked = check_table(table, ImportLookups({}, frozenset(), {}, {}))
    outcome += f"; {len(checked.problems):,} problems"
except UnreadableFile as error:
    outcome = "refused: " + error.message
except Exception as error:  # what was a 500 on the page
    outcome += f"; then {type(error).__name__}: {error}"
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
table = checked = None
gc.collect()
print(json.dumps({
    "seconds": seconds,
    "cpu": cpu,
    "peak_mb": memory_mb("VmHWM"),
    "after_mb": memory_mb("VmRSS"),
    "floor_mb": floor,
    "outcome": outcome,
}))
"""


def example_csv() -> bytes:
    return (ROOT / "docs" / "examples" / "incoming-doctors.csv").read_bytes()


def largest_csv() -> bytes:
    """5,000 doctors in every one of the import's 12 columns: the most an import takes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_HEADINGS)
    writer.writerows(_doctor(line) for line in range(2, 5_002))
    return buffer.getvalue().encode()


def largest_xlsx() -> bytes:
    """The same 5,000 doctors as an Excel workbook, written by openpyxl as Excel would."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(_HEADINGS)
    for line in range(2, 5_002):
        sheet.append(_doctor(line))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


_HEADINGS = [
    "gmc_number",
    "first_name",
    "last_name",
    "email",
    "grade",
    "contract",
    "wte",
    "opted_out",
    "department",
    "post_start",
    "post_end",
    "competencies",
]


def _doctor(line: int) -> list[str]:
    return [
        str(7_000_000 + line),
        "Amara",
        f"Okafor-{line}",
        f"amara.okafor{line}@nhs.net",
        "ST4",
        "tcs2016",
        "0.8",
        "no",
        "acute-medicine",
        "2026-08-05",
        "2027-08-03",
        "als;airway",
    ]


FILES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "declared A1:XFD1048576": ("declared.xlsx", workbooks.declared_dimension),
    "one row of 2,000,000 cells": ("wide-row.xlsx", workbooks.wide_row),
    "shared-strings bomb": ("shared-strings.xlsx", workbooks.shared_strings_bomb),
    "entity expansion": ("entities.xlsx", workbooks.entity_expansion),
    "zip bomb": ("zip-bomb.xlsx", workbooks.zip_bomb),
    "example CSV (docs/examples)": ("incoming-doctors.csv", example_csv),
    "5,000 doctors, CSV": ("largest.csv", largest_csv),
    "5,000 doctors, XLSX": ("largest.xlsx", largest_xlsx),
}


def measure(path: Path, src: Path, timeout: float) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    try:
        result = subprocess.run(
            [sys.executable, "-c", CHILD, str(path)],
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"outcome": f"still reading after {timeout:.0f} s (stopped)"}
    if result.returncode != 0:  # killed, or out of memory
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        return {"outcome": f"failed (exit {result.returncode}): {last}"}
    report: dict[str, object] = json.loads(result.stdout.splitlines()[-1])
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--src",
        type=Path,
        action="append",
        help="a checkout's src to measure; give two to measure them side by side, file by "
        "file (default: this checkout's)",
    )
    parser.add_argument("--timeout", type=float, default=300, help="seconds for one file")
    args = parser.parse_args()
    sources: list[Path] = args.src or [ROOT / "src"]
    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    for number, src in enumerate(sources, start=1):
        print(f"code {number}: {src}")
    print(
        f"{'file':<30} {'size':>11} code {'wall':>8} {'cpu':>8} {'peak':>8} {'after':>7} "
        f"{'floor':>7}  outcome"
    )
    with tempfile.TemporaryDirectory() as folder:
        for label, (name, build) in FILES.items():
            path = Path(folder) / name
            path.write_bytes(build())
            size = f"{path.stat().st_size:,} B"
            for number, src in enumerate(sources, start=1):
                report = measure(path, src, args.timeout)
                print(f"{label:<30} {size:>11} {number:>4} {_figures(report)}")
            path.unlink()


def _figures(report: dict[str, object]) -> str:
    outcome = str(report["outcome"])[:110]
    if "seconds" not in report:
        return f"{'-':>8} {'-':>8} {'-':>8} {'-':>7} {'-':>7}  {outcome}"
    return (
        f"{report['seconds']:>7.2f}s {report['cpu']:>7.2f}s {report['peak_mb']:>6.0f}MB "
        f"{report['after_mb']:>5.0f}MB {report['floor_mb']:>5.0f}MB  {outcome}"
    )


if __name__ == "__main__":
    main()
