#!/usr/bin/env bash
# Installs and starts what the test suite needs that a fresh machine lacks:
# Debian's Chromium (browser tests), a private PostgreSQL cluster and a Redis
# server, both on loopback, and nginx and wrk (the two-host test: nginx as
# the load balancer, wrk as the load; `make bench` uses wrk too), and Java
# with the Nu Html Checker (npm's vnu-jar). Source it: it exports
# TEST_POSTGRES_URL, TEST_REDIS_URL and VNU_JAR for the suite. Safe to run
# twice.
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || need+=(nginx-light)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# PostgreSQL refuses to run as root: a private cluster owned by postgres.
PG_BIN=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
PG_PORT=${PG_PORT:-54329}
PG_DATA=${PG_DATA:-/tmp/backfit-ci-pg}
if ! runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
  rm -rf "$PG_DATA"
  install -d -o postgres -g postgres "$PG_DATA"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -w -l "$PG_DATA/server.log" \
    -o "-h 127.0.0.1 -p $PG_PORT -k /tmp -c fsync=off -c full_page_writes=off" start >/dev/null
fi
runuser -u postgres -- "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" backfit 2>/dev/null || true
export TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$PG_PORT/backfit"

REDIS_PORT=${REDIS_PORT:-63799}
if ! redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes >/dev/null
fi
export TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
# The Nu Html Checker (tests/test_html_checker.py), from npm's registry.
VNU_DIR=${VNU_DIR:-/opt/backfit-vnu}
VNU_JAR="$VNU_DIR/node_modules/vnu-jar/build/dist/vnu.jar"
if [ ! -f "$VNU_JAR" ]; then
  mkdir -p "$VNU_DIR"
  (cd "$VNU_DIR" && npm install --silent --no-audit --no-fund vnu-jar@26.9.27 >/dev/null)
fi
export VNU_JAR

echo "Services ready: PostgreSQL on $PG_PORT, Redis on $REDIS_PORT, Chromium at /usr/bin/chromium."
