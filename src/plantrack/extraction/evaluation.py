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

``reliability`` checks the candidates' confidence: per confidence bin, how many candidates
fell in it and how many of them were right (matched a labelled target and agreed with it
on every field).
"""

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from plantrack.extraction.extractor import Candidate, extract_targets

__all__ = [
    "BINS",
    "FIELDS",
    "Bin",
    "Label",
    "Passage",
    "Scores",
    "evaluate",
    "load_labelled",
    "reliability",
    "reliability_table",
]

# ``value`` is the value (the lower bound of a range), ``upper_value`` a range's upper bound
# (None on both sides for a single value).
FIELDS = ("target", "indicator", "comparator", "value", "upper_value", "unit", "kind", "period")


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
        return candidate.value == label.value
    if name == "upper_value":
        return candidate.upper_value == label.upper_value
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
            f"{'field':<11} {'precision':>9} {'recall':>7} {'F1':>6}",
        ]
        for name in FIELDS:
            lines.append(
                f"{name:<11} {self.precision(name):>9.3f} {self.recall(name):>7.3f} "
                f"{self.f1(name):>6.3f}"
            )
        return "\n".join(lines)

    def f1(self, name: str) -> float:
        precision, recall = self.precision(name), self.recall(name)
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _pairs(passage: Passage, candidates: list[Candidate]):
    """Yield (label, candidate or None) for each label, then (None, candidate) for each
    candidate that matched no label."""
    unmatched = list(candidates)
    for label in passage.labels:
        candidate = next(
            (c for c in unmatched if c.value_span[0] <= label.value_start < c.value_span[1]),
            None,
        )
        if candidate is not None:
            unmatched.remove(candidate)
        yield label, candidate
    for candidate in unmatched:
        yield None, candidate


def evaluate(passages: list[Passage]) -> Scores:
    """Extract every passage and score the candidates against its labels."""
    scores = Scores(passages=len(passages))
    for passage in passages:
        candidates = extract_targets(passage.text)
        scores.labelled += len(passage.labels)
        scores.extracted += len(candidates)
        for label, candidate in _pairs(passage, candidates):
            if label is None:
                phrase = passage.text[candidate.span[0] : candidate.span[1]]
                scores.mistakes.append(f"{passage.id}: not a labelled target: “{phrase}”")
                continue
            if candidate is None:
                scores.mistakes.append(f"{passage.id}: missed the value at {label.value_start}")
                continue
            for name in FIELDS:
                if _agrees(name, candidate, label):
                    scores.agreeing[name] += 1
                elif name != "target":
                    scores.mistakes.append(
                        f"{passage.id}: {name} of “{candidate.indicator_text}” "
                        f"{_show(name, candidate)} ≠ {_show(name, label)}"
                    )
    return scores


# Confidence bins of the reliability table: [low, high), the last one closed.
BINS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.0))


@dataclass
class Bin:
    """Candidates whose confidence lies in [low, high), and how many of them were right."""

    low: float
    high: float
    count: int = 0
    right: int = 0
    confidence_sum: float = 0.0

    @property
    def share_right(self) -> float | None:
        return self.right / self.count if self.count else None

    @property
    def mean_confidence(self) -> float | None:
        return self.confidence_sum / self.count if self.count else None


def reliability(passages: list[Passage], bins=BINS) -> list[Bin]:
    """Return, per confidence bin, the candidates in it and how many were right: matched a
    labelled target and agreed with it on every field."""
    table = [Bin(low, high) for low, high in bins]
    for passage in passages:
        for label, candidate in _pairs(passage, extract_targets(passage.text)):
            if candidate is None:
                continue
            right = label is not None and all(_agrees(name, candidate, label) for name in FIELDS)
            last = len(table) - 1
            for index, cell in enumerate(table):
                if cell.low <= candidate.confidence < cell.high or (
                    index == last and candidate.confidence == cell.high
                ):
                    cell.count += 1
                    cell.right += right
                    cell.confidence_sum += candidate.confidence
                    break
    return table


def reliability_table(table: list[Bin]) -> str:
    """Return a reliability table as Markdown: bin, candidates, mean confidence, share right."""
    lines = [
        "| confidence | candidates | mean confidence | share right |",
        "| --- | --- | --- | --- |",
    ]
    for cell in table:
        mean = "–" if cell.mean_confidence is None else f"{cell.mean_confidence:.2f}"
        share = "–" if cell.share_right is None else f"{cell.share_right:.2f}"
        closing = "]" if cell is table[-1] else ")"
        lines.append(
            f"| [{cell.low:.1f}, {cell.high:.1f}{closing} | {cell.count} | {mean} | {share} |"
        )
    return "\n".join(lines)


def _show(name: str, item) -> str:
    if name == "indicator":
        return repr(item.indicator_span)
    if name == "value":
        return f"{item.value}"
    if name == "upper_value":
        return f"{item.upper_value}"
    if name == "period":
        if isinstance(item, Label):
            return repr(item.period)
        return repr((item.period_start, item.period_end, item.target_year))
    return repr(getattr(item, name))
