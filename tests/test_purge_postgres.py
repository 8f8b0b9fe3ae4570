"""Purged patient data on a real PostgreSQL server (issue 19, finding 12): a
deleted row stays in the table's file until its space is reused, so the
purge rewrites the tables that held patient data. The test reads the table's
file through the server (pg_read_binary_file, as the superuser the tests
connect as) after a checkpoint has written everything to disk."""

import os
import time
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest

from .conftest import require
from .production import manage, production_env

NAME = "Jane Purgetest"


def postgres_url():
    url = os.environ.get("TEST_POSTGRES_URL", "")
    if not url and os.environ.get("DATABASE_URL", "").startswith("postgres"):
        url = os.environ["DATABASE_URL"]
    require(url, "no PostgreSQL server: set TEST_POSTGRES_URL (.ci/run does)")
    return url


def with_database(url, name):
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


@pytest.fixture
def database():
    import psycopg

    url = postgres_url()
    name = f"purge_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as db:
        superuser = db.execute(
            "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
        ).fetchone()[0]
        require(
            superuser, "the PostgreSQL role cannot read table files (needs superuser)"
        )
        db.execute(f'CREATE DATABASE "{name}"')
    try:
        yield with_database(url, name)
    finally:
        with psycopg.connect(with_database(url, "postgres"), autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def wait_for_no_older_transaction(db, seconds=60):
    """PostgreSQL keeps a dead row while any transaction that might still see
    it runs (on a shared server, another database's may count): VACUUM
    cannot drop it then. Wait until none is left, as the nightly purge in
    production would meet a quiet server."""
    for _ in range(seconds * 4):
        busy = db.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
            "AND (backend_xid IS NOT NULL OR backend_xmin IS NOT NULL)"
        ).fetchone()[0]
        if not busy:
            return
        time.sleep(0.25)
    pytest.fail("another transaction stayed open for a minute; run again")


def table_file(db):
    db.execute("CHECKPOINT")
    return db.execute(
        "SELECT pg_read_binary_file(pg_relation_filepath("
        "'appointments_appointmentrequest'))"
    ).fetchone()[0]


def test_a_purged_request_is_gone_from_the_table_file(database):
    import psycopg

    env = production_env(DATABASE_URL=database)
    manage(env, "migrate", "--noinput", "-v", "0")
    with psycopg.connect(database, autocommit=True) as db:
        for age in (200, 1):  # one past the retention period, one kept
            db.execute(
                "INSERT INTO appointments_appointmentrequest (name, phone, "
                "location_name, time_of_day, language, message, status, created, "
                "updated) VALUES (%s, '+14805550100', '', 'any', 'en', '', 'new', "
                "now() - make_interval(days => %s), now())",
                (f"{NAME} {age}", age),
            )
        assert f"{NAME} 200".encode() in bytes(table_file(db))
        wait_for_no_older_transaction(db)
        out = manage(env, "purge_appointment_requests").stdout
        assert "Deleted 1 appointment request(s)" in out, out
        assert "Rewrote" in out, out
        data = bytes(table_file(db))
        for _ in range(2):
            if f"{NAME} 200".encode() not in data:
                break
            # A transaction that began on a shared server between the wait and
            # the purge kept the dead row; the next nightly run, on a quiet
            # server, rewrites the table (it deletes nothing more).
            wait_for_no_older_transaction(db)
            out = manage(env, "purge_appointment_requests").stdout
            assert "Rewrote" in out, out
            data = bytes(table_file(db))
        assert f"{NAME} 200".encode() not in data  # the purged patient
        assert f"{NAME} 1".encode() in data  # the one still kept
