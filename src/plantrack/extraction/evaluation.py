"""Score the extractor against a labelled set of target phrases (pure, no Django).

The labelled set (tests/data/extraction-labelled.jsonl) holds passages, each with its
targets: the indicator as written, where the value is written (``value_at``, the text
starting at the number, and which occurrence of it), and the expected comparator, value,
upper value, unit, kind and period. ``evaluate`` matches each extracted candidate to the
labelled target whose value it read (the candidate's number span contains the labelled
value's first character) and counts, per field, the matched pairs that agree.

Precision of a field is the agreeing pairs over all candidates extracted; recall is the
agreeing pairs over all labelled targets. A candidate that matches nothing (a result read
as a target, the natural area) lowers every precision; a target missed lowers every recall.
"""

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from plantrack.extraction.extractor import Candidate, extract_targets

__all__ = ["FIELDS", "Label", "Passage", "Scores", "evaluate", "load_labelled"]

FIELDS = ("target", "indicator", "comparator", "value", "unit", "kind", "period")


@dataclass(frozen=True)
class Label:
    """One labelled target: where its indicator and value are written, and what it says."""

    indicator_span: tuple[int, int]
    value_start: int
    comparator: str
    value: Decimal | None  # None where the file's line gives none
    upper_value: Decimal | None
    unit: str
    kind: str
    period: tuple[int | None, int | None, int | None]


@dataclass(frozen=True)
class Passage:
    """A labelled passage: its text, its source and its targets (none for a statement of
    results)."""

    id: str
    source: str
    text: str
    labels: tuple[Label, ...]


def _find(text: str, needle: str, occurrence: int, where: str) -> int:
    position = -1
    for _ in range(occurrence + 1):
        position = text.find(needle, position + 1)
        if position < 0:
            raise ValueError(f"{where}: “{needle}” (occurrence {occurrence}) is not in the text")
    return position


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def load_labelled(path: Path) -> list[Passage]:
    """Return the passages of a labelled JSON Lines file; raise ValueError on a bad line."""
    passages = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        text = record["text"]
        labels = []
        for target in record["targets"]:
            where = f"{path.name} line {number} ({record['id']})"
            start = _find(
                text, target["indicator_text"], target.get("indicator_occurrence", 0), where
            )
            labels.append(
                Label(
                    indicator_span=(start, start + len(target["indicator_text"])),
                    value_start=_find(
                        text, target["value_at"], target.get("value_occurrence", 0), where
                    ),
                    comparator=target["comparator"],
                    value=_decimal(target["value"]),
                    upper_value=_decimal(target["upper_value"]),
                    unit=target["unit"],
                    kind=target["kind"],
                    period=(target["period_start"], target["period_end"], target["target_year"]),
                )
            )
        passages.append(Passage(record["id"], record["source"], text, tuple(labels)))
    return passages


def _agrees(name: str, candidate: Candidate, label: Label) -> bool:
    if name == "target":
        return True
    if name == "indicator":
        return candidate.indicator_span == label.indicator_span
    if name == "comparator":
        return candidate.comparator == label.comparator
    if name == "value":
        return (candidate.value, candidate.upper_value) == (label.value, label.upper_value)
    if name == "unit":
        return candidate.unit == label.unit
    if name == "kind":
        return candidate.kind == label.kind
    return (candidate.period_start, candidate.period_end, candidate.target_year) == label.period


@dataclass
class Scores:
    """Counts and, per field, the pairs that agree; with the disagreements for reading."""

    passages: int = 0
    labelled: int = 0
    extracted: int = 0
    agreeing: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    mistakes: list[str] = field(default_factory=list)

    def precision(self, name: str) -> float:
        return self.agreeing[name] / self.extracted if self.extracted else 1.0

    def recall(self, name: str) -> float:
        return self.agreeing[name] / self.labelled if self.labelled else 1.0

    def table(self) -> str:
        """Return the figures as a small text table (printed by the evaluation test)."""
        lines = [
            f"{self.passages} passages, {self.labelled} labelled targets, "
            f"{self.extracted} candidates extracted",
            f"{'field':<11} {'precision':>9} {'recall':>7}",
        ]
        for name in FIELDS:
            lines.append(f"{name:<11} {self.precision(name):>9.3f} {self.recall(name):>7.3f}")
        return "\n".join(lines)


def evaluate(passages: list[Passage]) -> Scores:
    """Extract every passage and score the candidates against its labels."""
    scores = Scores(passages=len(passages))
    for passage in passages:
        candidates = extract_targets(passage.text)
        scores.labelled += len(passage.labels)
        scores.extracted += len(candidates)
        unmatched = list(candidates)
        for label in passage.labels:
            candidate = next(
                (c for c in unmatched if c.value_span[0] <= label.value_start < c.value_span[1]),
                None,
            )
            if candidate is None:
                scores.mistakes.append(f"{passage.id}: missed the value at {label.value_start}")
                continue
            unmatched.remove(candidate)
            for name in FIELDS:
                if _agrees(name, candidate, label):
                    scores.agreeing[name] += 1
                elif name != "target":
                    scores.mistakes.append(
                        f"{passage.id}: {name} of “{candidate.indicator_text}” "
                        f"{_show(name, candidate)} ≠ {_show(name, label)}"
                    )
        for candidate in unmatched:
            phrase = passage.text[candidate.span[0] : candidate.span[1]]
            scores.mistakes.append(f"{passage.id}: not a labelled target: “{phrase}”")
    return scores


def _show(name: str, item) -> str:
    if name == "indicator":
        return repr(item.indicator_span)
    if name == "value":
        return f"{item.value}–{item.upper_value}"
    if name == "period":
        if isinstance(item, Label):
            return repr(item.period)
        return repr((item.period_start, item.period_end, item.target_year))
    return repr(getattr(item, name))
