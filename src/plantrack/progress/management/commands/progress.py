"""``plantrack progress evaluate --input FILE``: run the engine on JSON Lines, no database.

One case a line in, one JSON object a line out, in the same order (docs/methodology.md,
"Checking the engine"). A line that cannot be judged gives ``{"error": "..."}`` in its place,
so the output stays aligned with the input.
"""

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from plantrack.progress import engine

TARGET_FIELDS = {
    "kind",
    "comparator",
    "value",
    "upper_value",
    "tolerance",
    "baseline_year",
    "baseline_value",
    "start_year",
    "target_year",
    "direction",
    "measure",
    "method",
    "unit",
}


class Command(BaseCommand):
    help = "Công cụ của bộ máy đánh giá tiến độ. evaluate: chạy bộ máy trên tệp JSON Lines."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        evaluate = actions.add_parser(
            "evaluate", help="Đọc mỗi dòng một trường hợp (JSON), ghi mỗi dòng một kết quả."
        )
        evaluate.add_argument(
            "--input", dest="path", required=True, help="Tệp JSON Lines; - là stdin"
        )

    def handle(self, *args: str, action: str, path: str, **options: Any) -> None:
        try:
            stream = sys.stdin if path == "-" else open(path, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Không mở được tệp {path}: {error.strerror}") from error
        with stream:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                self.stdout.write(json.dumps(evaluate_case(line, number), ensure_ascii=False))


def evaluate_case(line: str, number: int) -> dict[str, Any]:
    """Judge one JSON case; return the engine's output record or an error record."""
    try:
        case = json.loads(line)
        if not isinstance(case, dict) or not isinstance(case.get("target"), dict):
            raise engine.EngineError('a case is an object with a "target" object')
        unknown = set(case["target"]) - TARGET_FIELDS
        if unknown:
            raise engine.EngineError(f"unknown target fields: {', '.join(sorted(unknown))}")
        fields = {k: v for k, v in case["target"].items() if v is not None}
        target = engine.Target(**fields)
        series = [(int(year), float(value)) for year, value in case.get("series") or []]
        result = engine.assess(target, series, case.get("as_of_year"))
    except (ValueError, TypeError, KeyError) as error:
        return {"error": f"line {number}: {error}"}
    return result.as_output()
