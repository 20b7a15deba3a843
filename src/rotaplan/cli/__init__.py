"""The ``rotaplan`` command line: demo data, imports, checks, pay, rota generation, benchmarks.

One module per command, each holding its Typer function. A command that needs the database
sets Django up when it runs (``django_setup``) and calls its app's command; the others use
only the engine, and each loads the engine's heavier parts (the solver, the pay tables) only
when it runs, so ``rotaplan check`` starts quickly and never imports Django.
"""

from __future__ import annotations

import typer

from . import (
    bench,
    check,
    demo,
    export_problem,
    generate,
    import_doctors,
    import_rota,
    jobplan,
    pay,
    repair,
    rota_size,
)

app = typer.Typer(
    help="Rotaplan: medical workforce scheduling for NHS trusts.", no_args_is_help=True
)

# In the order `rotaplan --help` lists them.
app.command("demo")(demo.command)
app.command("import-doctors")(import_doctors.command)
app.command("import-rota")(import_rota.command)
app.command("export-problem")(export_problem.command)
app.command("check")(check.command)
app.command("jobplan")(jobplan.command)
app.command("pay")(pay.command)
app.command("generate")(generate.command)
app.command("repair")(repair.command)
app.command("rota-size")(rota_size.command)
app.add_typer(bench.app, name="bench")
