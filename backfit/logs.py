"""Logs as one JSON object per line, each carrying the request id, and none
carrying personal data.

What a line may hold: time, level, logger, message, request id, and for an
access line the method, the path *without* its query string, the status, the
size and the duration. What it never holds: client IP addresses, user agents,
referrers, cookies, query strings (a search box or a form's GET may put a
name, a phone number or a ZIP code there) or request bodies.
"""

import contextvars
import datetime
import json
import logging
import os

from gunicorn.glogging import Logger as GunicornLogger
from pythonjsonlogger.json import JsonFormatter

# The current request's id, set by backfit.middleware.RequestIDMiddleware.
request_id = contextvars.ContextVar("request_id", default="-")

LOG_FORMAT = ["asctime", "levelname", "name", "message"]
RENAME = {"asctime": "time", "levelname": "level", "name": "logger"}


def json_formatter():
    return JsonFormatter(LOG_FORMAT, rename_fields=RENAME, json_ensure_ascii=False)


class RequestContextFilter(logging.Filter):
    """Adds the request id to every record, and replaces the request object
    Django attaches to its own records (whose text includes the query
    string) with the method and path alone."""

    def filter(self, record):
        record.request_id = request_id.get()
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            record.request = f"{request.method} {request.path}"
        return True


def logging_config(level="INFO"):
    """The LOGGING setting: everything to stderr as JSON lines."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_context": {"()": RequestContextFilter}},
        "formatters": {"json": {"()": json_formatter}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "filters": ["request_context"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's request logger repeats what the access log says.
            "django.request": {"level": "ERROR"},
        },
    }


class JsonAccessLogger(GunicornLogger):
    """Gunicorn's logger, writing one JSON line per request (and its own
    messages as JSON too). The request id comes from the response's
    X-Request-ID header, which the Django middleware set."""

    def setup(self, cfg):
        super().setup(cfg)
        formatter = json_formatter()
        for handler in self.error_log.handlers:
            handler.setFormatter(formatter)

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        headers = {
            name.lower(): value
            for name, value in (
                resp.headers.items() if hasattr(resp.headers, "items") else resp.headers
            )
        }
        status = resp.status
        if isinstance(status, str):
            status = status.split(None, 1)[0]
        line = {
            "time": datetime.datetime.now(datetime.timezone.utc).isoformat(
                timespec="milliseconds"
            ),
            "level": "INFO",
            "logger": "gunicorn.access",
            "request_id": headers.get("x-request-id", "-"),
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("PATH_INFO"),
            "status": int(status),
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "pid": os.getpid(),
        }
        try:
            self.access_log.info(json.dumps(line, ensure_ascii=False))
        except Exception:  # never let logging break a response
            self.exception("access log failed")
