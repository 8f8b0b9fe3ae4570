"""The limit for a Python server: a WSGI app that returns the condition
page's bytes (read once from BENCH_BODY) with no framework at all."""

import os
from pathlib import Path

BODY = Path(os.environ["BENCH_BODY"]).read_bytes()
HEADERS = [
    ("Content-Type", "text/html; charset=utf-8"),
    ("Content-Length", str(len(BODY))),
]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
