"""One of the eight processes of ``test_eight_processes_edit_approve_and_supersede.py``.

A plain HTTP client of the API (no Django here): ``python eight_writers_worker.py CONFIG``
where CONFIG is JSON with ``base`` (the server), ``number``, ``reporter`` and ``approver``
(their tokens), ``periods``, ``steps`` and ``seed``. It says ``ready``, waits for a line on
its standard input (all eight are released together), then takes ``steps`` steps. A step
reads the latest figures of one period (``GET /api/observations/``) and acts on one of them
as its state allows: a draft or returned figure is edited (``PATCH`` with ``If-Match``, as
the reporter) or submitted; a submitted one is approved or returned (as the approver); an
approved one gets a new value (``POST /api/observations/``: a new vintage waiting beside
it, which supersedes it when approved). Each value is unique to the process and step, so
the test can find every accepted edit in the history. It prints every answer as JSON.
"""

import json
import random
import sys
import urllib.error
import urllib.request

INDICATOR, UNIT = "grdp_growth", "04"


def main() -> None:
    config = json.loads(sys.argv[1])
    number = config["number"]
    rng = random.Random(f"{config['seed']}:{number}")  # noqa: S311 -- test data
    print("ready", flush=True)
    sys.stdin.readline()

    def call(method: str, path: str, token: str, body=None, headers=None):
        request = urllib.request.Request(  # noqa: S310 -- the test's own server
            config["base"] + path,
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={
                "Authorization": f"Token {token}",
                "Content-Type": "application/json",
                "Accept": "application/json",
                **(headers or {}),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            text = error.read()
            try:
                return error.code, json.loads(text)
            except ValueError:
                return error.code, {"raw": text.decode(errors="replace")[:500]}

    answers = []
    for step in range(config["steps"]):
        period = rng.choice(config["periods"])
        status, body = call(
            "GET",
            f"/api/observations/?indicator={INDICATOR}&unit={UNIT}&period={period}",
            config["reporter"],
        )
        if status != 200:
            answers.append({"step": step, "op": "list", "status": status, "body": body})
            continue
        figures = body["results"]
        pending = [figure for figure in figures if figure["state"] != "approved"]
        current = [figure for figure in figures if figure["is_current"]]
        if pending and (not current or rng.random() < 0.85):
            figure = rng.choice(pending)
        elif current:
            figure = current[0]
        else:
            answers.append({"step": step, "op": "list", "status": status, "body": body})
            continue
        value = f"{6 + number / 10 + step / 10000:.4f}"  # unique to this process and step
        pk, seen, state = figure["id"], figure["version"], figure["state"]
        path = f"/api/observations/{pk}/"
        if state in ("draft", "rejected") and rng.random() < 0.6:
            op = "edit"
            status, body = call(
                "PATCH",
                path,
                config["reporter"],
                {"value": value, "locale": "en", "reason": f"p{number} s{step}"},
                {"If-Match": f'"{seen}"'},
            )
        elif state in ("draft", "rejected"):
            op = "submit"
            status, body = call("POST", path + "submit/", config["reporter"], {})
        elif state == "submitted" and rng.random() < 0.75:
            op = "approve"
            status, body = call("POST", path + "approve/", config["approver"], {})
        elif state == "submitted":
            op = "reject"
            reason = f"Trả lại: p{number} s{step}"
            status, body = call("POST", path + "reject/", config["approver"], {"reason": reason})
        else:
            op = "create"
            status, body = call(
                "POST",
                "/api/observations/",
                config["reporter"],
                {
                    "indicator": INDICATOR,
                    "unit": UNIT,
                    "period": period,
                    "value": value,
                    "locale": "en",
                    "source": f"Báo cáo p{number} s{step}",
                },
            )
        answers.append(
            {
                "step": step,
                "op": op,
                "figure": pk,
                "seen": seen,
                "value": value,
                "status": status,
                "body": body,
            }
        )
    print(json.dumps(answers), flush=True)


if __name__ == "__main__":
    main()
