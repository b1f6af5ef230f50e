"""Counting what a load wrote: the units loader, the demo and, later, the importers."""

import enum
from dataclasses import dataclass


class Outcome(enum.Enum):
    """What happened to one row in a load."""

    CREATED = enum.auto()
    UPDATED = enum.auto()
    UNCHANGED = enum.auto()


@dataclass
class Tally:
    """How many rows of one kind a load created, updated or found as they were."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def count(self, outcome: Outcome) -> None:
        """Add one row's outcome."""
        if outcome is Outcome.CREATED:
            self.created += 1
        elif outcome is Outcome.UPDATED:
            self.updated += 1
        else:
            self.unchanged += 1

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated)

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(
            self.created + other.created,
            self.updated + other.updated,
            self.unchanged + other.unchanged,
        )

    def describe(self) -> str:
        """Return the counts as one Vietnamese phrase, as the commands print them."""
        return (
            f"{self.total} (tạo mới {self.created}, cập nhật {self.updated}, "
            f"giữ nguyên {self.unchanged})"
        )
