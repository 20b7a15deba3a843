"""The ``rotaplan`` command line: demo data, imports, checks, pay, rota generation, benchmarks."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from rotaplan.check_command import OutputFormat

app = typer.Typer(
    help="Rotaplan: medical workforce scheduling for NHS trusts.", no_args_is_help=True
)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rotaplan.settings")
    import django

    django.setup()


@app.command()
def demo(
    seed: Annotated[int, typer.Option(help="Same seed, same trust")] = 1,
    doctors: Annotated[int, typer.Option(help="How many doctors to create")] = 120,
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Do nothing, successfully, if a trust exists")
    ] = False,
) -> None:
    """Create a believable demo trust, with rotas and leave, in an empty database."""
    setup_django()
    from rotaplan.demo.command import run_demo

    raise typer.Exit(run_demo(seed=seed, doctors=doctors, if_empty=if_empty, echo=typer.echo))


@app.command("import-doctors")
def import_doctors(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    department: Annotated[
        str | None, typer.Option(help="Department code for rows that name none")
    ] = None,
    as_user: Annotated[
        str | None,
        typer.Option(
            "--as",
            metavar="USERNAME",
            help="Username the audit log records the import as; the user's permissions apply. "
            "Without it, the import is recorded with no user (the system).",
        ),
    ] = None,
) -> None:
    """Import incoming doctors from a CSV or XLSX file: every row checked, all or nothing.

    Exit status 0 imported, 1 the file has problems (nothing imported), 2 could not run.
    """
    setup_django()
    from rotaplan.people.import_command import run_import

    raise typer.Exit(
        run_import(file, default_department=department, actor=as_user, echo=typer.echo)
    )


@app.command("import-rota")
def import_rota(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    rota: Annotated[int, typer.Option(metavar="ID", help="The id of the draft rota to fill")],
    as_user: Annotated[
        str | None,
        typer.Option(
            "--as",
            metavar="USERNAME",
            help="Username the audit log records the import as; the user's permissions apply. "
            "Without it, the import is recorded with no user (the system).",
        ),
    ] = None,
    reason: Annotated[
        str,
        typer.Option(
            metavar="TEXT",
            help="Why the shifts are imported although they break the contract rules; "
            "recorded with the breaches. Needs --as.",
        ),
    ] = "",
) -> None:
    """Import a draft rota's shifts from a CSV or XLSX file: every row checked, all or nothing.

    Columns gmc_number, date, shift, and optionally start and end (UK times). Shifts that
    break the contract rules are imported only with --reason.

    Exit status 0 imported, 1 the file has problems or breaks the rules without --reason
    (nothing imported), 2 could not run.
    """
    setup_django()
    from rotaplan.rotas.shift_import.command import run_import

    raise typer.Exit(run_import(file, rota_id=rota, actor=as_user, reason=reason, echo=typer.echo))


@app.command("export-problem")
def export_problem(
    department: Annotated[str, typer.Option(metavar="CODE", help="The department's code")],
    start: Annotated[datetime, typer.Option("--from", formats=["%Y-%m-%d"], help="First day")],
    end: Annotated[datetime, typer.Option("--to", formats=["%Y-%m-%d"], help="Last day")],
    staff_group: Annotated[
        str, typer.Option(help="training, senior or everyone: who works on the rota")
    ] = "training",
    output: Annotated[
        Path | None, typer.Option(metavar="FILE", help="Write here, not to stdout")
    ] = None,
) -> None:
    """Write a department's rota problem (doctors, shift types, cover, leave, published
    shifts, requests) as the JSON document ``rotaplan generate`` reads.

    Exit status 0 written, 2 could not run.
    """
    setup_django()
    from rotaplan.rotas.generation.export_problem import run_export

    raise typer.Exit(
        run_export(department, start.date(), end.date(), staff_group, output, typer.echo)
    )


@app.command()
def check(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    output: Annotated[
        OutputFormat, typer.Option("--format", help="Report as text for people or JSON")
    ] = OutputFormat.TEXT,
) -> None:
    """Check a rota file (exchange JSON, or a CSV of doctor,start,end,kind) against the
    contract rules. No database is needed. See docs/exchange-format.md.

    Exit status 0 compliant, 1 breaches found, 2 the file could not be read.
    """
    from rotaplan.check_command import run_check

    raise typer.Exit(run_check(file, output, echo=typer.echo))


@app.command()
def pay(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    doctor: Annotated[str, typer.Option(metavar="ID", help="The doctor's id in the file")],
    nodal_point: Annotated[
        int | None,
        typer.Option(help="Nodal point 1-5; without it, taken from the doctor's grade"),
    ] = None,
    pay_year: Annotated[
        str | None,
        typer.Option(help="Pay year such as 2026/27; without it, the year the rota starts in"),
    ] = None,
    pay_format: Annotated[str, typer.Option("--format", help="text for people, or json")] = "text",
    comparator: Annotated[
        str | None,
        typer.Option(
            metavar="ID",
            help="A full-time doctor in the file whose weekend and on-call commitment an LTFT "
            "doctor's is measured against; without it, the rota's full-time doctors",
        ),
    ] = None,
) -> None:
    """A doctor's annual pay from a rota file under the 2016 TCS (doctors in training):
    basic pay, additional hours, nights, weekends, on-call, LTFT allowance, each line
    explained, unverified figures marked. No database is needed. See docs/pay.md.

    Exit status 0 printed, 2 could not be worked out (unreadable file, unknown doctor or
    pay year, nodal point outside 1-5).
    """
    from rotaplan.pay_command import PayFormat, run_pay

    if pay_format not in {f.value for f in PayFormat}:
        typer.echo(f"--format must be text or json; got {pay_format!r}.", err=True)
        raise typer.Exit(2)
    raise typer.Exit(
        run_pay(
            file,
            doctor=doctor,
            nodal_point=nodal_point,
            pay_year=pay_year,
            output=PayFormat(pay_format),
            comparator=comparator,
            echo=typer.echo,
        )
    )


@app.command()
def generate(
    problem: Annotated[Path, typer.Argument(help="A rota problem (docs/rota-problem.md)")],
    time_limit: Annotated[float, typer.Option(help="Seconds to search")] = 60.0,
    workers: Annotated[int, typer.Option(help="CP-SAT worker threads")] = 2,
    seed: Annotated[int, typer.Option(help="Random seed")] = 0,
    output: Annotated[
        Path | None, typer.Option(metavar="FILE", help="Write the rota here, not to stdout")
    ] = None,
) -> None:
    """Generate a compliant rota and write it in the exchange format; the gaps and their
    reasons, requests not honoured and the fairness table go to stderr.

    Exit status 0 every minimum met, 1 gaps, 2 unreadable problem, 3 no rota.
    """
    from rotaplan.generate_command import run_generate

    raise typer.Exit(run_generate(problem, output, time_limit, workers, seed, typer.echo))


@app.command("repair")
def repair_rota(
    problem: Annotated[
        Path, typer.Argument(help="The rota problem the rota was made for (docs/rota-problem.md)")
    ],
    rota: Annotated[Path, typer.Argument(help="The published rota: exchange JSON or CSV")],
    doctor: Annotated[str, typer.Option(metavar="ID", help="The absent doctor's id")],
    start: Annotated[
        datetime, typer.Option("--from", formats=["%Y-%m-%d"], help="First day of the absence")
    ],
    end: Annotated[
        datetime, typer.Option("--to", formats=["%Y-%m-%d"], help="Last day of the absence")
    ],
    reason: Annotated[
        str, typer.Option(help="leave (annual, study, parental) or other (sickness, anything else)")
    ] = "other",
    output: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Write the repaired rota here, not to stdout"),
    ] = None,
    time_limit: Annotated[float, typer.Option(help="Seconds to search")] = 5.0,
    workers: Annotated[int, typer.Option(help="CP-SAT worker threads")] = 2,
) -> None:
    """Repair a published rota for a new absence with the fewest changes near it; the
    repaired rota goes out in the exchange format, each shift removed and added and the
    gaps left for locums go to stderr. No database is needed.

    Exit status 0 every minimum met, 1 gaps remain, 2 unreadable input, 3 no repair.
    """
    from rotaplan.repair_command import run_repair

    raise typer.Exit(
        run_repair(
            problem,
            rota,
            doctor,
            start.date(),
            end.date(),
            reason,
            output,
            time_limit,
            workers,
            typer.echo,
        )
    )


@app.command("rota-size")
def rota_size(
    problem: Annotated[Path, typer.Argument(help="A rota problem; its doctors are ignored")],
    time_limit: Annotated[float, typer.Option(help="Seconds to try each team size")] = 30.0,
    workers: Annotated[int, typer.Option(help="CP-SAT worker threads")] = 2,
) -> None:
    """The fewest full-time doctors who can cover the problem's demand within the rules.

    Exit status 0 found, 1 none found, 2 unreadable problem.
    """
    from rotaplan.generate_command import run_rota_size

    raise typer.Exit(run_rota_size(problem, time_limit, workers, typer.echo))


bench_app = typer.Typer(help="Benchmarks of the rota solver. No database is needed.")
app.add_typer(bench_app, name="bench")


@bench_app.command("nrp")
def bench_nrp(
    instances: Annotated[
        str, typer.Option(help='Instances 1-24 as a range or list: "1-12", "1,3,5"')
    ] = "1-24",
    time_limit: Annotated[float, typer.Option(help="Seconds per instance")] = 20.0,
    workers: Annotated[int, typer.Option(help="CP-SAT worker threads")] = 2,
    seed: Annotated[int, typer.Option(help="CP-SAT random seed")] = 0,
    write_solutions: Annotated[
        Path | None,
        typer.Option(metavar="DIR", help="Write InstanceN.csv (employee,day,shift) here"),
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR",
            help="Folder of InstanceN.txt; default shared/benchmarks/shift-scheduling "
            "beside the repository",
        ),
    ] = None,
) -> None:
    """Solve Curtois & Qu nurse rostering instances with CP-SAT, re-check each roster with
    the independent evaluator, and compare with the best known results.

    Exit status 0 all solved and accepted, 1 some unsolved or rejected, 2 could not run.
    """
    from rotaplan.bench_command import run_bench_nrp

    raise typer.Exit(
        run_bench_nrp(
            instances=instances,
            time_limit=time_limit,
            workers=workers,
            seed=seed,
            data=data,
            write_solutions=write_solutions,
            echo=typer.echo,
        )
    )


if __name__ == "__main__":
    app()
