"""Two app hosts behind nginx, sharing one PostgreSQL and one Redis: the
deployment docs/operations.md describes, run for real.

Host A and host B are gunicorn on two loopback addresses (127.0.0.2 and
127.0.0.3: separate listeners, separate processes, nothing shared but the
database, the cache and the uploads folder), with the production settings.
nginx runs deploy/nginx-backfit.conf, the file the docs give, in front.

Needs nginx and wrk (Debian packages; .ci/services.sh installs them), a
PostgreSQL server (TEST_POSTGRES_URL) and a Redis server (TEST_REDIS_URL).
Without them the test skips with the reason, except under CI=true."""

import re
import threading
import time
import uuid

import pytest

from .load import wrk
from .production import (
    add_staff_account,
    free_port,
    gunicorn,
    production_env,
    set_up_site,
    stop,
)
from .two_hosts import (
    SITE_CONFIG,
    Client,
    KillAfterSave,
    appointment_count,
    appointment_form,
    appointments_named,
    assert_security_headers,
    raw_request,
    run_nginx,
    services,
    with_database,
)

HOSTS = ("127.0.0.2", "127.0.0.3")
STAFF_PASSWORD = "two hosts staff password 7"


@pytest.fixture(scope="module")
def shared_services():
    """A fresh PostgreSQL database and an emptied Redis database, both
    dropped or emptied again afterwards."""
    nginx, postgres, redis_url = services()
    import psycopg
    import redis

    name = f"two_hosts_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(with_database(postgres, "postgres"), autocommit=True) as db:
        db.execute(f'CREATE DATABASE "{name}"')
    cache = redis.Redis.from_url(redis_url)
    cache.flushdb()
    try:
        yield nginx, with_database(postgres, name), redis_url
    finally:
        cache.flushdb()
        with psycopg.connect(
            with_database(postgres, "postgres"), autocommit=True
        ) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def deployment(shared_services, tmp_path_factory):
    """nginx on a free port in front of host A and host B."""
    nginx, database_url, redis_url = shared_services
    root = tmp_path_factory.mktemp("two-hosts")
    media = root / "media"  # the shared uploads volume
    media.mkdir()
    env = production_env(
        DATABASE_URL=database_url,
        CACHE_URL=redis_url,
        DJANGO_HTTPS="false",  # nginx speaks plain HTTP on loopback here
        DJANGO_ALLOWED_HOSTS="localhost,127.0.0.1,127.0.0.2,127.0.0.3",
        DJANGO_TRUSTED_PROXIES="1",
        DJANGO_STATIC_ROOT=str(root / "static"),
        DJANGO_MEDIA_ROOT=str(media),
        DJANGO_SUPERUSER_PASSWORD=STAFF_PASSWORD,
        APPOINTMENT_RATE_LIMIT="10000/h",
        WEB_CONCURRENCY="2",
        GUNICORN_THREADS="1",
        LOG_LEVEL="WARNING",
    )
    set_up_site(env)
    add_staff_account(env)

    port = free_port()
    with (
        gunicorn(env, root / "host-a", workers=2, host=HOSTS[0], port=port) as a,
        gunicorn(env, root / "host-b", workers=2, host=HOSTS[1], port=port) as b,
    ):
        upstreams = [
            f"server {host}:{port} max_fails=1 fail_timeout=30s;" for host in HOSTS
        ]
        with run_nginx(nginx, env, root / "nginx", upstreams) as proxy:
            yield {
                "a": a,
                "b": b,
                "proxy": proxy,
                "media": media,
                "database_url": database_url,
                "env": env,
                "root": root,
                "nginx": nginx,
                "logs": root / "nginx",
            }


def test_an_edit_through_host_a_is_on_host_bs_next_answer(deployment):
    """Staff unpublish Sciatica on host A; host B, which had the page cached,
    answers "not found" at once: one content version for every host."""
    a, b = deployment["a"], deployment["b"]
    url = "/conditions/sciatica/"
    assert b.get(url)[0] == 200
    status, headers, _ = b.get(url)
    assert (status, headers["X-Page-Cache"]) == (200, "hit")

    unpublish(signed_in(Client(a.host, a.port)), "sciatica")

    assert b.get(url)[0] == 404
    assert deployment["proxy"].request("GET", url)[0] == 404


def signed_in(staff):
    """`staff` (a Client) signed in to the admin."""
    token = staff.csrf_form("/admin/login/")
    status, _, _ = staff.request(
        "POST",
        "/admin/login/",
        {
            "csrfmiddlewaretoken": token,
            "username": "staff",
            "password": STAFF_PASSWORD,
            "next": "/admin/",
        },
    )
    assert status == 302
    return staff


def unpublish(staff, slug):
    """The admin's "unpublish" action on one condition."""
    url = f"/admin/conditions/condition/?q={slug}"
    _, _, html = staff.request("GET", url)
    [pk] = re.findall(r'name="_selected_action" value="(\d+)"', html)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    status, _, _ = staff.request(
        "POST",
        url,
        {"csrfmiddlewaretoken": token, "action": "unpublish", "_selected_action": pk},
    )
    assert status == 302


def test_uploads_are_served_by_nginx_as_the_app_serves_them(deployment):
    media = deployment["media"]
    (media / "room.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (media / "evil.svg").write_text("<svg onload='alert(1)'/>")
    proxy = deployment["proxy"]
    status, headers, _ = proxy.request("GET", "/media/room.png")
    assert (status, headers["Content-Type"]) == (200, "image/png")
    assert headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "Content-Disposition" not in headers
    status, headers, _ = proxy.request("GET", "/media/evil.svg")
    assert headers["Content-Type"] == "application/octet-stream"
    assert headers["Content-Disposition"] == "attachment"
    assert headers["X-Content-Type-Options"] == "nosniff"


EDGE = "X-Edge-Cache"
# What the privacy page promises no log holds.
PRIVATE = ("127.0.5.9", "PrivacyProbe", "herniated", "pregnancy", "85054", "33.494")


def test_an_edit_through_host_a_is_visible_through_nginx_within_2_s(deployment):
    """nginx keeps an anonymous page a second; staff unpublish Whiplash on
    host A, and two seconds later nginx answers "not found"."""
    a, visitor = deployment["a"], deployment["proxy"].visitor("127.0.4.1")
    url = "/conditions/whiplash/"
    visitor.request("GET", url)
    status, headers, _ = visitor.request("GET", url)
    assert (status, headers[EDGE]) == (200, "HIT")

    unpublish(signed_in(Client(a.host, a.port)), "whiplash")
    time.sleep(2)
    assert visitor.request("GET", url)[0] == 404


def test_a_signed_in_editor_never_gets_a_page_from_the_edge(deployment):
    proxy = deployment["proxy"]
    visitor = proxy.visitor("127.0.4.2")
    editor = signed_in(proxy.visitor("127.0.4.3"))  # signed in through nginx
    for url in ["/", "/conditions/back-muscle-spasms/", "/treatments/"]:
        visitor.request("GET", url)
        assert visitor.request("GET", url)[1][EDGE] == "HIT"
        status, headers, _ = editor.request("GET", url)
        assert (status, headers[EDGE]) == (200, "BYPASS")
        assert "X-Page-Cache" not in headers  # rendered for the editor
        assert "private" in headers["Cache-Control"]
    # A patient with a form open (its CSRF cookie) neither; a cookie of no
    # meaning to the site does not skip the cache.
    patient = proxy.visitor("127.0.4.4")
    patient.csrf_form("/appointments/request/")
    assert patient.request("GET", "/")[1][EDGE] == "BYPASS"
    stranger = proxy.visitor("127.0.4.2")
    stranger.cookies["theme"] = "dark"
    assert stranger.request("GET", "/")[1][EDGE] == "HIT"


def test_nothing_a_visitor_sends_changes_the_page_nginx_keeps_for_others(deployment):
    """Host headers, forwarding headers and query parameters views do not
    read (or read twice, or under another spelling) neither reach the key of
    a page others get nor change what is stored under it."""
    proxy = deployment["proxy"]
    attacker, visitor = proxy.visitor("127.0.4.5"), proxy.visitor("127.0.4.6")
    page, search = "/conditions/back-muscle-spasms/", "/search/?q=spasm"
    forged = {
        "X-Forwarded-Host": "evil.example",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Port": "8443",
        "Forwarded": "host=evil.example;proto=https",
    }
    for _ in range(2):  # before the page is kept, and while it is
        assert attacker.request("GET", page, headers={"Host": "evil.example"})[0] == 400
        assert attacker.request("GET", page, headers={"Host": "127.0.0.3"})[0] == 200
        assert attacker.request("GET", page, headers=forged)[0] == 200
        status, headers, _ = attacker.request("GET", page + "?utm_source=evil.example")
        assert (status, headers[EDGE]) == (200, "BYPASS")
        for query in (
            "q=spasm&q=evilword",
            "q=spasm&%71=evilword",
            "Q=evilword&q=spasm",
        ):
            status, headers, _ = attacker.request("GET", "/search/?" + query)
            assert (status, headers[EDGE]) == (200, "BYPASS")
        for url in (page, search):
            status, headers, body = visitor.request("GET", url)
            assert status == 200
            assert "evil" not in body and "127.0.0.3" not in body
            canonical = re.search(r'rel="canonical" href="([^"]+)"', body).group(1)
            assert canonical.startswith("http://127.0.0.1/")
    assert visitor.request("GET", search)[1][EDGE] == "HIT"  # kept, and safe


def test_nginx_limits_search_the_finder_and_posts_per_address(deployment):
    proxy = deployment["proxy"]
    flooder = proxy.visitor("127.0.4.7")
    for path in ("/locations/?near=8500{}", "/search/?q=word{}"):
        answers = [flooder.request("GET", path.format(n % 10)) for n in range(30)]
        assert [status for status, _, _ in answers[:15]] == [200] * 15
        assert answers[-1][0] == 429
    _, headers, body = answers[-1]
    assert "a lot of requests at once" in body and "(877) 222-5348" in body
    assert headers["Retry-After"] == "10"
    assert_security_headers(headers)
    # The clinic list without a place is not the finder: not limited.
    assert flooder.request("GET", "/locations/")[0] == 200
    statuses = [
        flooder.request("POST", "/appointments/request/", {})[0] for _ in range(30)
    ]
    assert statuses[:15] == [403] * 15  # (no CSRF token: Django's answer)
    assert statuses[-1] == 429
    # Everyone else is served as usual.
    assert proxy.visitor("127.0.4.8").request("GET", "/search/?q=spasm")[0] == 200


def test_answers_nginx_makes_itself_carry_the_security_headers(deployment):
    proxy = deployment["proxy"]
    too_large = (
        b"POST /appointments/request/ HTTP/1.1\r\nHost: localhost\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\n"
        b"Content-Length: 20000000\r\n\r\n"
    )
    status, headers, body = raw_request(proxy, too_large)
    assert status == 413 and "too large to send" in body
    assert_security_headers(headers)
    two_hosts = b"GET / HTTP/1.1\r\nHost: localhost\r\nHost: other\r\n\r\n"
    status, headers, body = raw_request(proxy, two_hosts)
    assert status == 400 and "could not read that request" in body
    assert_security_headers(headers)
    # The branded pages' stylesheet comes from nginx too.
    css = re.search(r'href="(/_edge/assets/[^"]+\.css)"', body).group(1)
    status, headers, _ = proxy.request("GET", css)
    assert (status, headers["Content-Type"]) == (200, "text/css")
    # Uploads too.
    (deployment["media"] / "plain.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    status, headers, _ = proxy.request("GET", "/media/plain.png")
    assert status == 200
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Frame-Options"] == "DENY"
    assert proxy.request("GET", "/media/missing.png")[1]["X-Frame-Options"] == "DENY"


def test_no_log_keeps_what_the_privacy_page_promises_it_does_not(deployment):
    """The shipped nginx log format holds no address, user agent, referrer,
    cookie or query string; after a crawl with a search, a ZIP, a position
    and a referrer (a limit hit, a 404 and an error page among them), no
    log of nginx or of either app host holds any of them."""
    config = re.sub(r"#.*", "", SITE_CONFIG.read_text())
    formats = dict(re.findall(r"log_format\s+(\w+)(.*?);", config, re.S))
    assert set(formats) == {"backfit_private"}
    for variable in ("$remote_addr", "$http_", "$request ", "$request_uri", "$args"):
        assert variable not in formats["backfit_private"]
    for variable in ("$query_string", "$arg_", "$proxy_add_x_forwarded_for"):
        assert variable not in formats["backfit_private"]
    for line in re.findall(r"^\s*access_log\s+([^;]*);", config, re.M):
        assert line == "off" or line.endswith(" backfit_private"), line
    assert re.findall(r"^\s*error_log\s+([^;]*);", config, re.M) == [
        "@LOG_DIR@/backfit-error.log emerg"
    ]

    proxy = deployment["proxy"]
    visitor = proxy.visitor(PRIVATE[0])
    headers = {
        "User-Agent": "PrivacyProbe/1.0",
        "Referer": "https://www.example.com/search/?q=pregnancy+herniated+disc",
    }
    for path in (
        "/search/?q=herniated+disc",
        "/locations/?near=85054",
        "/locations/?lat=33.494&lng=-111.926",
        "/conditions/no-such-page/?zip=85054",
        "/media/no-such-picture.png?near=85054",
    ):
        assert visitor.request("GET", path, headers=headers)[0] in (200, 404)
    statuses = {
        visitor.request("GET", "/search/?q=herniated", headers=headers)[0]
        for _ in range(30)
    }
    assert 429 in statuses
    too_large = (
        b"POST /appointments/request/?zip=85054 HTTP/1.1\r\nHost: localhost\r\n"
        b"User-Agent: PrivacyProbe/1.0\r\nContent-Length: 20000000\r\n\r\n"
    )
    assert raw_request(proxy.visitor(PRIVATE[0]), too_large)[0] == 413

    logs = deployment["logs"]
    access = (logs / "backfit-access.log").read_text()
    assert '"path":"/search/"' in access and '"status":429' in access
    written = [
        *logs.glob("*.log"),
        *deployment["a"].log_dir.glob("*.log"),
        *deployment["b"].log_dir.glob("*.log"),
    ]
    for path in written:
        text = path.read_text()
        for private in PRIVATE:
            # (Not inside a hex request id, which may hold any digits.)
            found = re.search(rf"(?<![0-9a-f]){re.escape(private)}(?![0-9a-f])", text)
            assert not found, (path.name, private)


def test_a_post_is_never_sent_again_when_a_host_dies_after_saving(deployment, tmp_path):
    """Host C saves a patient's request and dies before nginx has its
    answer: nginx does not send the post to host B too (one request, not
    two); the patient gets the branded "short break" page with the phone
    line, and the site carries on from host B."""
    env, b = deployment["env"], deployment["b"]
    port = free_port()
    with gunicorn(
        env, tmp_path / "host-c", workers=1, host="127.0.0.4", port=port
    ) as c:
        relay = KillAfterSave("127.0.0.5", (c.host, c.port), c.process)
        upstreams = [
            f"server {relay.host}:{relay.port} max_fails=1 fail_timeout=30s;",
            f"server {b.host}:{b.port} backup;",
        ]
        try:
            with run_nginx(
                deployment["nginx"], env, tmp_path / "nginx", upstreams
            ) as proxy:
                patient = proxy.visitor("127.0.6.1")
                token = patient.csrf_form("/appointments/request/")
                status, headers, body = patient.request(
                    "POST",
                    "/appointments/request/",
                    appointment_form(token, "Replay Patient"),
                    headers={"Referer": f"http://{proxy.host}:{proxy.port}/"},
                )
                assert relay.killed.is_set()  # host C saved, then died
                assert status == 502 and SHORT_BREAK in body
                assert "(877) 222-5348" in body
                assert_security_headers(headers)
                assert appointments_named("Replay Patient", deployment) == 1
                assert proxy.request("GET", "/")[0] == 200  # host B answers
        finally:
            relay.close()


SHORT_BREAK = "having a short break"


def test_stopping_host_a_under_load_loses_no_request_and_no_appointment(deployment):
    """wrk keeps 16 connections busy through nginx while patients send
    appointment requests; host A is stopped (as a deploy or a scale-down
    does) in the middle. Every page answers 200, every request is saved
    once. nginx never sends a POST a host may have seen again: a post that
    met host A closing gets the branded "short break" page, and the patient
    sending it again is saved then (once: nothing was saved the first time)."""
    a, b, proxy = deployment["a"], deployment["b"], deployment["proxy"]
    pages = ["/", "/conditions/", "/conditions/back-muscle-spasms/", "/treatments/"]
    # (Not search: nginx rate-limits it per address, and wrk is one address.)
    pages += ["/locations/", "/new-patients/"]
    before = appointment_count(deployment["database_url"])
    outcome = {"sent": 0, "saved": 0, "failed": [], "sent_again": 0}
    load_over = threading.Event()

    def patients():
        n = 0
        while not load_over.is_set():
            n += 1
            # Each patient from an address of their own: nginx limits POSTs
            # per address.
            patient = proxy.visitor(f"127.0.1.{n % 250 + 1}")
            try:
                token = patient.csrf_form("/appointments/request/")
                outcome["sent"] += 1
                for _ in range(3):
                    status, headers, body = patient.request(
                        "POST",
                        "/appointments/request/",
                        appointment_form(token, f"Patient {n}"),
                        headers={"Referer": f"http://{proxy.host}:{proxy.port}/"},
                    )
                    if status in (502, 503, 504) and SHORT_BREAK in body:
                        outcome["sent_again"] += 1
                        continue
                    if status == 302 and "received" in headers.get("Location", ""):
                        outcome["saved"] += 1
                    else:
                        outcome["failed"].append(status)
                    break
            except (OSError, AttributeError) as error:
                outcome["failed"].append(repr(error))

    def stop_host_a():
        time.sleep(3)
        stop(a.process)

    threads = [threading.Thread(target=patients), threading.Thread(target=stop_host_a)]
    for thread in threads:
        thread.start()
    try:
        load = wrk.run(
            f"http://{proxy.host}:{proxy.port}", pages, connections=16, seconds=8
        )
    finally:
        load_over.set()
        for thread in threads:
            thread.join()

    assert a.process.poll() is not None  # host A really went away
    assert load["requests"] > 500
    assert load["non_2xx"] == 0, load["output"]
    assert not any(load["socket_errors"].values()), load["output"]
    assert outcome["failed"] == []
    assert outcome["saved"] == outcome["sent"] > 5
    assert appointment_count(deployment["database_url"]) - before == outcome["saved"]
    # Both hosts served the load: A before it stopped, B throughout.
    assert a.access_log() and b.access_log()
    assert b.get("/")[0] == 200
