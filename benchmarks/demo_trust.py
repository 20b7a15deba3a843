"""How long the demo trust takes to build at benchmark scale.

Run: .venv/bin/python benchmarks/demo_trust.py --doctors 1000 [--database-url postgres://...]
Each run uses a fresh SQLite file in a temporary folder (or the PostgreSQL database named,
which must be empty and is left holding the trust), migrates it, and times only the
`rotaplan demo` command.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--doctors", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ}
        env.pop("DATABASE_URL", None)
        if args.database_url:
            env["DATABASE_URL"] = args.database_url
        manage = Path(__file__).resolve().parents[1] / "manage.py"
        subprocess.run(
            [sys.executable, str(manage), "migrate", "-v0"], cwd=folder, env=env, check=True
        )
        started = time.perf_counter()
        result = subprocess.run(
            [
                str(BIN / "rotaplan"),
                "demo",
                "--seed",
                str(args.seed),
                "--doctors",
                str(args.doctors),
            ],
            cwd=folder,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        elapsed = time.perf_counter() - started
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(result.stdout.splitlines()[0])
    print(
        f"{args.doctors} doctors on {database}: {elapsed:.1f} s "
        f"({platform.processor() or platform.machine()}, Python {platform.python_version()})"
    )


if __name__ == "__main__":
    main()
