"""gunicorn's settings for production (``make serve``, the Docker image and the test that
serves the app as a trust would), read from the environment like the Django settings.

``HOST`` and ``PORT`` say where to listen (127.0.0.1:8000; the image listens on 0.0.0.0),
``WEB_CONCURRENCY`` how many worker processes (by default two per core and one more, as
gunicorn advises). Anything else gunicorn knows can be set in ``GUNICORN_CMD_ARGS``; the
proxy that may say a request came over HTTPS is ``FORWARDED_ALLOW_IPS`` (127.0.0.1).
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured


def _whole_number(name: str, default: int, least: int, most: int) -> int:
    raw = os.environ.get(name, str(default))
    if not raw.isdigit() or not least <= int(raw) <= most:
        raise ImproperlyConfigured(f"{name} must be a whole number from {least} to {most}")
    return int(raw)


bind = [f"{os.environ.get('HOST', '127.0.0.1')}:{_whole_number('PORT', 8000, 1, 65535)}"]
workers = _whole_number("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1, 1, 64)
accesslog = "-"  # to standard output, where a container's logs are read
# Workers tell the arbiter they are alive through a file; memory is quicker than a
# container's overlay disk, which can stall long enough for a worker to be killed.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
