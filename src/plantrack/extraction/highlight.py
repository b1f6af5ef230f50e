"""Cut a text into plain and highlighted pieces for the review screen (pure).

Candidates' spans may overlap (the three shares of "tương ứng 20 - 30 - 50%" share one
phrase): overlapping spans make one highlighted piece, named after its first candidate,
and every candidate of it links there.
"""

from dataclasses import dataclass

__all__ = ["Piece", "pieces"]


@dataclass(frozen=True)
class Piece:
    """A piece of the text; ``mark`` is the candidate order it is named after, if any."""

    text: str
    mark: int | None = None


def pieces(text: str, spans: list[tuple[int, int, int]]) -> tuple[list[Piece], dict[int, int]]:
    """Return the pieces of ``text`` and, per candidate order, the mark it belongs to.

    ``spans`` holds (order, start, end) triples; they need not be sorted.
    """
    result: list[Piece] = []
    anchor_of: dict[int, int] = {}
    position = 0
    current: list[int] | None = None  # [mark, start, end] of the piece being grown
    for order, start, end in sorted(spans, key=lambda span: (span[1], span[2], span[0])):
        if current is not None and start < current[2]:
            current[2] = max(current[2], end)
            anchor_of[order] = current[0]
            continue
        if current is not None:
            result.append(Piece(text[current[1] : current[2]], current[0]))
            position = current[2]
        start = max(start, position)
        if start > position:
            result.append(Piece(text[position:start]))
        current = [order, start, max(start, end)]
        anchor_of[order] = order
    if current is not None:
        result.append(Piece(text[current[1] : current[2]], current[0]))
        position = current[2]
    if position < len(text):
        result.append(Piece(text[position:]))
    return result, anchor_of
