"""Fuzz the REST API against its own schema with schemathesis, anonymous and as each role.

    .venv/bin/python bench/api_fuzz.py                       # fresh demo on SQLite, 6 runs
    .venv/bin/python bench/api_fuzz.py --max-examples 50 --max-time 300
    .venv/bin/python bench/api_fuzz.py --url http://127.0.0.1:8000 --token planner=KEY

Without ``--url`` it loads the demo into a fresh SQLite database in a temporary folder (or
into ``DATABASE_URL`` with ``--use-database-url``: that database is overwritten), gives
each demo account a token (``reset_demo_users``: planner, reporter, approver, viewer, admin)
and serves it with ``plantrack runserver``. Then it runs ``st run`` on ``/api/schema/``, all
phases (examples, coverage, fuzzing, stateful) and every check, once anonymous and once
per role, and prints per run and in total: the test cases generated, the server errors
(ST101) and the other failures by kind (schema violations of the responses, undocumented
status codes and content types, requests wrongly accepted or refused). Exit status 1 when
any run found a failure.

The same runner (``fuzz``) is what the CI test calls with a few examples per operation
(tests/api/test_api_conforms_to_its_schema.py).
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ROLES = ("planner", "reporter", "approver", "viewer", "admin")

# The checks left out, and why (each is a property of a test harness, not of the API):
# - ``ignored_auth``: the API is public for reading, so a GET without the token succeeds by
#   design (IsAuthenticatedOrReadOnly); schemathesis would report every read.
EXCLUDED_CHECKS = ("ignored_auth",)


@dataclass
class Outcome:
    """What one ``st run`` found."""

    who: str
    cases: int = 0
    seconds: float = 0.0
    failures: dict[str, int] = field(default_factory=dict)  # "ST101 Server error" → count
    operations: dict[str, list[str]] = field(default_factory=dict)  # same key → operations
    errors: list[str] = field(default_factory=list)  # the run's own errors (not the API's)

    @property
    def server_errors(self) -> int:
        return sum(n for kind, n in self.failures.items() if kind.startswith("ST101"))

    @property
    def total_failures(self) -> int:
        return sum(self.failures.values())


def fuzz(
    base_url: str,
    *,
    who: str,
    token: str | None,
    max_examples: int,
    max_time: int,
    seed: int,
    workers: int = 1,
    report_dir: Path,
) -> Outcome:
    """Run schemathesis once against ``base_url`` as ``who`` and return what it found."""
    report = report_dir / f"{who}.json"
    command = [
        str(BIN / "st"),
        "run",
        f"{base_url}/api/schema/",
        "--checks",
        "all",
        "--exclude-checks",
        ",".join(EXCLUDED_CHECKS),
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--max-examples",
        str(max_examples),
        "--max-time",
        str(max_time),
        "--seed",
        str(seed),
        "--workers",
        str(workers),
        "--request-timeout",
        "30",
        "--continue-on-failure",
        "--report",
        "json",
        "--report-json-path",
        str(report),
    ]
    if token:
        command += ["--header", f"Authorization: Token {token}"]
    started = time.monotonic()
    run = subprocess.run(  # noqa: S603 -- our own command line
        command, capture_output=True, text=True, cwd=report_dir, check=False
    )
    outcome = Outcome(who=who, seconds=time.monotonic() - started)
    (report_dir / f"{who}.txt").write_text(run.stdout + run.stderr, encoding="utf-8")
    if not report.exists():
        outcome.errors.append(f"no report (exit {run.returncode}): {run.stderr[-500:]}")
        return outcome
    data = json.loads(report.read_text(encoding="utf-8"))
    outcome.cases = data["test_cases"]["generated"]
    for failure in data["failures"]:
        kind = f"{failure['code']} {failure['title']}"
        outcome.failures[kind] = outcome.failures.get(kind, 0) + failure["count"]
        outcome.operations.setdefault(kind, []).extend(failure["operations"])
    outcome.errors += [f"{e['title']} ({e['count']})" for e in data.get("errors", [])]
    return outcome


def print_outcomes(outcomes: list[Outcome]) -> None:
    kinds = sorted({kind for outcome in outcomes for kind in outcome.failures})
    print(f"{'run':<14} {'cases':>7} {'seconds':>8} {'5xx':>5} {'failures':>9}")
    for o in outcomes:
        print(
            f"{o.who:<14} {o.cases:>7} {o.seconds:>8.0f} {o.server_errors:>5} {o.total_failures:>9}"
        )
    print(f"{'total':<14} {sum(o.cases for o in outcomes):>7}")
    if kinds:
        print("\nfailures by kind (unique failures; operations):")
        for kind in kinds:
            count = sum(o.failures.get(kind, 0) for o in outcomes)
            operations = sorted({op for o in outcomes for op in o.operations.get(kind, [])})
            print(f"  {kind}: {count} — {', '.join(operations)}")
    errors = [f"{o.who}: {e}" for o in outcomes for e in o.errors]
    if errors:
        print("\nerrors of the runs themselves:")
        for error in errors:
            print(f"  {error}")


# --- a fresh demo server --------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _plantrack(env: dict, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 -- our own command
        [str(BIN / "plantrack"), *args], env=env, check=True, capture_output=True, text=True
    )


TOKENS_SCRIPT = """
from rest_framework.authtoken.models import Token
from django.contrib.auth import get_user_model
for user in get_user_model().objects.filter(username__in=%r):
    print("token", user.username, Token.objects.get_or_create(user=user)[0].key)
"""


def start_demo_server(
    folder: Path, *, use_database_url: bool
) -> tuple[subprocess.Popen, str, dict]:
    """Load the demo, give its accounts tokens and serve it; return (server, URL, tokens)."""
    env = {**os.environ, "DEBUG": "1", "PLANTRACK_DATA_DIR": str(folder)}
    if not use_database_url:
        env.pop("DATABASE_URL", None)
    _plantrack(env, "demo", "--no-serve")
    printed = _plantrack(env, "shell", "-c", TOKENS_SCRIPT % (list(ROLES),)).stdout
    lines = [line.split() for line in printed.splitlines()]
    tokens = {words[1]: words[2] for words in lines if len(words) == 3 and words[0] == "token"}
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 -- our own command
        [str(BIN / "plantrack"), "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=(folder / "server.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{url}/api/", timeout=2)  # noqa: S310 -- our own server
            break
        except OSError:
            time.sleep(0.2)
    return server, url, tokens


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running PlanTrack (else a fresh demo is served)")
    parser.add_argument("--token", action="append", default=[], help="ROLE=KEY, with --url")
    parser.add_argument("--max-examples", type=int, default=25, help="per operation and phase")
    parser.add_argument("--max-time", type=int, default=120, help="seconds per run")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--roles", default="anonymous," + ",".join(ROLES))
    parser.add_argument("--use-database-url", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the folder of reports")
    options = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="plantrack-fuzz-"))
    server = None
    try:
        if options.url:
            url, tokens = options.url.rstrip("/"), dict(t.split("=", 1) for t in options.token)
        else:
            server, url, tokens = start_demo_server(
                folder, use_database_url=options.use_database_url
            )
        outcomes = []
        for who in options.roles.split(","):
            outcome = fuzz(
                url,
                who=who,
                token=tokens.get(who),
                max_examples=options.max_examples,
                max_time=options.max_time,
                seed=options.seed,
                workers=options.workers,
                report_dir=folder,
            )
            outcomes.append(outcome)
            print(f"{who}: {outcome.cases} cases, {outcome.total_failures} failures", flush=True)
        print()
        print_outcomes(outcomes)
        if server is not None and server.poll() is not None:
            # A negative code is the signal that ended it (-11: a segmentation fault).
            print(f"\nthe server exited during the runs, code {server.returncode}")
        print(f"\nreports: {folder}" if options.keep else "")
        return 1 if any(o.total_failures or o.errors for o in outcomes) else 0
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        if not options.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
