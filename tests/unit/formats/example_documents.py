"""The documented example documents, and what their readers say of changed copies: one
place for the tests of both readers' bounds."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from rotaplan.engine.formats.exchange_reader import UnreadableRota, read_exchange
from rotaplan.engine.formats.problem_reader import UnreadableProblem, read_problem

EXAMPLES = Path(__file__).parents[3] / "docs" / "examples"
ROTA: dict[str, Any] = json.loads((EXAMPLES / "rota-compliant.json").read_text())
PROBLEM: dict[str, Any] = json.loads((EXAMPLES / "rota-problem.json").read_text())


def rota_problems(document: object) -> list[str]:
    with pytest.raises(UnreadableRota) as caught:
        read_exchange(json.dumps(document))
    return [str(p) for p in caught.value.problems]


def problem_problems(document: object) -> list[str]:
    with pytest.raises(UnreadableProblem) as caught:
        read_problem(json.dumps(document))
    return [str(p) for p in caught.value.problems]


def changed(document: dict[str, Any], **top: object) -> dict[str, Any]:
    return {**copy.deepcopy(document), **top}


def shift(start: str, end: str) -> dict[str, str]:
    return {"doctor": "D1", "start": start, "end": end}
