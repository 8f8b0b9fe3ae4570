"""Gunicorn settings, each from the environment (docs/operations.md lists them).

Logs: one JSON line per request on stdout (method, path without the query
string, status, bytes, duration and the request id that the site also sends
back as X-Request-ID); gunicorn's own messages as JSON on stderr. No client
IP addresses, user agents, referrers or query strings are logged.
"""

import multiprocessing
import os

from backfit.logs import JsonAccessLogger

# Where gunicorn listens: loopback unless told otherwise. An app host behind
# nginx listens on its private address only (GUNICORN_BIND=10.0.0.11:8000),
# with a firewall that lets only nginx in: gunicorn's sync workers read a
# request themselves, so a client that reached one directly and sent slowly
# would hold a worker until the timeout. nginx buffers whole requests and
# answers, so behind it a slow client costs nginx a connection, not a worker.
bind = [
    address.strip()
    for address in os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
    if address.strip()
]

workers = int(
    os.environ.get("WEB_CONCURRENCY", min(multiprocessing.cpu_count() * 2, 8))
)
# More than one thread per worker switches gunicorn to its threaded worker,
# which also keeps client connections alive between requests.
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))
# Workers are replaced after this many requests (a guard against slow memory
# growth), at staggered times. With preload_app below a replacement is a
# fork of the loaded master, a few milliseconds, not a second of importing
# Django, so recycling shows in no one's latency. 10,000 is days of a clinic
# site's normal traffic, and seconds of a flood.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 10000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", 1000))
# Load Django once in the master and fork the workers from it: a new or
# recycled worker answers at once, and the workers share the code's memory.
# The site opens no connection at import (databases, Redis and the mail
# pool connect on first use in each worker). A deploy therefore restarts
# gunicorn (a HUP reloads settings, not code).
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() != "false"
backlog = int(os.environ.get("GUNICORN_BACKLOG", 2048))

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
logger_class = JsonAccessLogger

# Behind a load balancer or proxy: trust its X-Forwarded-* headers only from
# the addresses given (comma-separated; "*" when the network guarantees that
# only the proxy can reach gunicorn).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Gunicorn's own limits on what a client may send in the request line and
# headers (Django limits bodies: DATA_UPLOAD_MAX_MEMORY_SIZE). nginx's limits
# are lower (large_client_header_buffers), so behind it a client meets
# nginx's error page, never gunicorn's bare 400 or 414 (which carries no
# security headers and cannot be given any without patching gunicorn).
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
