"""wrk (Debian's small C load generator), for `make bench`, `make load` and
the two-host test: run it over one page or a rotation of pages and read its
report. The client is C, so it takes little of the CPU it measures."""

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

LATENCY = re.compile(r"^\s+(\d+)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
SCALE = {"us": 0.001, "ms": 1, "s": 1000}

# Rotates through `paths` (one connection after another takes the next), with
# the headers a load balancer that ended TLS would add. Lua: wrk's own hook.
SCRIPT = """
paths = {%(paths)s}
counter = 0
for name, value in pairs({%(headers)s}) do wrk.headers[name] = value end
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def ensure_wrk():
    """wrk from Debian, installed if missing (as CI does)."""
    if shutil.which("wrk"):
        return
    print("Installing wrk (Debian package) ...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    apt = ["apt-get", "install", "-y", "-qq", "wrk"]
    if subprocess.run(apt, env=env, check=False).returncode:  # noqa: S603
        subprocess.run(["apt-get", "update", "-qq"], check=False)  # noqa: S607
        subprocess.run(apt, env=env, check=True)  # noqa: S603


def lua_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def run(base_url, paths=("/",), connections=16, seconds=10, headers=None, threads=2):
    """One wrk run. Returns a dict: rps, latency_ms {50, 75, 90, 99}, requests,
    non_2xx (3xx count too: pages here answer 200), socket_errors
    {connect, read, write, timeout} and wrk's own text."""
    script = SCRIPT % {
        "paths": ", ".join(lua_string(p) for p in paths),
        "headers": ", ".join(
            f"[{lua_string(k)}] = {lua_string(v)}" for k, v in (headers or {}).items()
        ),
    }
    with tempfile.TemporaryDirectory(prefix="wrk-") as tmp:
        script_file = Path(tmp, "rotate.lua")
        script_file.write_text(script)
        output = subprocess.run(  # noqa: S603
            [  # noqa: S607
                "wrk",
                f"-t{min(threads, connections)}",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "--latency",
                "-s",
                str(script_file),
                base_url,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "latency_ms": {
            int(pct): float(value) * SCALE[unit]
            for pct, value, unit in LATENCY.findall(output)
        },
        "non_2xx": 0,
        "socket_errors": {},
        "output": output,
    }
    match = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if match:
        result["non_2xx"] = int(match.group(1))
    match = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if match:
        result["socket_errors"] = dict(
            zip(
                ("connect", "read", "write", "timeout"),
                map(int, match.groups()),
                strict=True,
            )
        )
    return result


def errors(result):
    """Failed requests: error statuses plus connect errors and timeouts. (A
    "read" socket error is wrk seeing a server close a connection it had
    finished with, which sync gunicorn workers do after every response.)"""
    socket = result["socket_errors"]
    return result["non_2xx"] + socket.get("connect", 0) + socket.get("timeout", 0)
