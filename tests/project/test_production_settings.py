"""With production settings (DEBUG off, read from the environment) PlanTrack passes Django's
deployment checks and, served by gunicorn behind one proxy, sends the security headers,
serves its static files through WhiteNoise, hashes passwords with Argon2 and locks password
guessing by the address the proxy saw (docs/operations.md).

These run real processes (``plantrack`` commands and gunicorn) on a fresh SQLite database in
a temporary data folder, set up once for the module.
"""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
SECRET = "k7Qp2vXz9LmN4rT8wYb3HcJ6fD1sGa5eUo0iKjZxCqVnBtRyWuPl"  # not a real secret


def production_env(data_dir: Path, **extra: str) -> dict[str, str]:
    drop = {"DEBUG", "DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}
    env = {key: value for key, value in os.environ.items() if key not in drop}
    env |= {
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "plan.example.vn,127.0.0.1",
        "PLANTRACK_DATA_DIR": str(data_dir),
        "PLANTRACK_TRUSTED_PROXIES": "1",
        "PLANTRACK_LOGIN_FAILURES": "3",
    }
    return env | extra


def plantrack(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "plantrack", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_check_deploy_finds_nothing_to_warn_about(tmp_path):
    result = plantrack(["check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_with_debug_the_deployment_check_does_warn(tmp_path):
    # The check above could not fail if the deployment checks did not run at all.
    env = production_env(tmp_path, DEBUG="1")
    result = plantrack(["check", "--deploy", "--fail-level", "WARNING"], env)

    assert result.returncode != 0
    assert "security.W018" in result.stdout + result.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn serving PlanTrack on loopback, reached as through one HTTPS proxy."""

    def __init__(self, url: str, env: dict[str, str]) -> None:
        self.url = url
        self.env = env

    def request(self, path, *, data=None, headers=None, https=True, client="192.0.2.10"):
        """Return (status, headers, body) as a proxy that saw ``client`` would pass it on."""
        sent = {"Host": "plan.example.vn", "X-Forwarded-For": client}
        if https:
            sent["X-Forwarded-Proto"] = "https"
        sent |= headers or {}
        body = None if data is None else urllib.parse.urlencode(data).encode()
        # Our own server on loopback (http://127.0.0.1:port), never a URL from outside.
        request = urllib.request.Request(self.url + path, data=body, headers=sent)  # noqa: S310
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("production")
    env = production_env(data_dir)
    for command in (
        ["migrate", "--verbosity", "0"],
        ["collectstatic", "--noinput", "--verbosity", "0"],
    ):
        result = plantrack(command, env)
        assert result.returncode == 0, result.stderr
    create = plantrack(
        [
            "shell",
            "-c",
            "from django.contrib.auth import get_user_model; "
            "get_user_model().objects.create_user('cong', password='mat-khau-dai-1')",
        ],
        env,
    )
    assert create.returncode == 0, create.stderr

    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "plantrack.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not start: {process.stderr.read()}")
            time.sleep(0.2)
    yield Server(url, env)
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)


def test_pages_carry_the_security_headers(server):
    status, headers, _body = server.request("/login/")

    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in headers["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == policy["frame-ancestors"] == "'none'"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    cookie = headers["Set-Cookie"]
    assert cookie.startswith("csrftoken=") and "Secure" in cookie


def test_plain_http_is_sent_to_https(server):
    status, headers, _body = server.request("/login/", https=False)

    assert status == 301
    assert headers["Location"] == "https://plan.example.vn/login/"


def test_static_files_are_served_hashed_and_cached_by_whitenoise(server):
    _status, _headers, body = server.request("/login/")
    stylesheet = re.search(r'href="(/static/web/plantrack\.[0-9a-f]{12}\.css)"', body.decode())
    assert stylesheet, "the page links the hashed stylesheet"

    status, headers, css = server.request(stylesheet.group(1), headers={"Accept-Encoding": "gzip"})

    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert "max-age=315360000" in headers["Cache-Control"]
    assert headers["Content-Encoding"] == "gzip"
    assert css


def test_passwords_are_hashed_with_argon2(server):
    result = plantrack(
        [
            "shell",
            "-c",
            "from django.contrib.auth import get_user_model; "
            "print(get_user_model().objects.get(username='cong').password.split('$')[0])",
        ],
        server.env,
    )

    assert result.stdout.split()[-1] == "argon2"


def login(server, password, client):
    return server.request(
        "/api/token/",
        data={"username": "cong", "password": password},
        client=client,
    )


def test_guessing_through_the_proxy_locks_the_address_the_proxy_saw(server):
    # The guesser forges a new first X-Forwarded-For entry each time; our proxy appends the
    # address it really saw (198.51.100.7), and that one is locked.
    answers = [login(server, "sai", f"10.9.8.{n}, 198.51.100.7") for n in range(4)]

    assert [status for status, _headers, _body in answers] == [400, 400, 429, 429]
    error = json.loads(answers[-1][2])["error"]
    assert error["code"] == "locked_out"
    assert "Đăng nhập tạm thời bị khóa" in error["message"]
    # Công himself, from his own office, still gets his token.
    status, _headers, body = login(server, "mat-khau-dai-1", "198.51.100.99")
    assert status == 200
    assert json.loads(body)["token"]
