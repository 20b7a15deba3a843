"""gunicorn's settings read from the environment, refusing a bad value at start-up."""

from __future__ import annotations

import importlib

import pytest
from django.core.exceptions import ImproperlyConfigured

import rotaplan.gunicorn_conf


def settings_with(monkeypatch: pytest.MonkeyPatch, **env: str):
    for name in ("HOST", "PORT", "WEB_CONCURRENCY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return importlib.reload(rotaplan.gunicorn_conf)


def test_listens_on_this_machine_only_unless_told(monkeypatch):
    conf = settings_with(monkeypatch)
    assert conf.bind == ["127.0.0.1:8000"]
    assert conf.workers >= 3
    assert conf.accesslog == "-"


def test_host_port_and_workers_come_from_the_environment(monkeypatch):
    conf = settings_with(monkeypatch, HOST="0.0.0.0", PORT="8100", WEB_CONCURRENCY="4")
    assert conf.bind == ["0.0.0.0:8100"]
    assert conf.workers == 4


@pytest.mark.parametrize(
    ("name", "value"), [("PORT", "eighty"), ("PORT", "70000"), ("WEB_CONCURRENCY", "0")]
)
def test_a_bad_value_stops_the_server_starting(monkeypatch, name, value):
    with pytest.raises(ImproperlyConfigured, match=name):
        settings_with(monkeypatch, **{name: value})
