"""Time ``GET /api/schema/``: generated on every request (cold) and from memory (warm).

    DEBUG=1 .venv/bin/python bench/api_schema.py [--tries 30]

In process, through Django's test client (no network), on the configured database (the
schema reads none). Cold: the cache is emptied before each request, which is what every
request cost before issue 14 (issue 10 measured p95 418 ms over HTTP). Warm: the same
request again, as every request after a process's first one in its language and format.
Prints p50 and p95 in milliseconds for YAML (the default) and JSON, in Vietnamese.
"""

import argparse
import os
import statistics
import time


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[max(0, round(0.95 * len(ordered)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tries", type=int, default=30)
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plantrack.settings")
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment

    from plantrack.api.schema import clear_schema_cache

    setup_test_environment()  # the test client's host (testserver) is allowed
    client = Client()
    print(f"{'request':<28} {'p50 ms':>8} {'p95 ms':>8}")
    for path in ("/api/schema/", "/api/schema/?format=json"):
        for kind in ("cold", "warm"):
            times = []
            for _ in range(options.tries):
                if kind == "cold":
                    clear_schema_cache()
                started = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"{path}: {response.status_code}")
            p50, p95 = percentiles(times)
            print(f"{kind + ' ' + path:<28} {p50:>8.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
