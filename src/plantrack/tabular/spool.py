"""Rows kept on disk while a file is imported, so that the import's memory stays bounded.

A ``Spool`` is a list of records (tuples of text, numbers, booleans and None) appended one by
one and read back as often as needed, in file order: every ``chunk_size`` records go, as one
``marshal`` dump, to an anonymous temporary file (removed by the system when it is closed, or
when the process ends however it ends, ``kill -9`` included). Only the chunk being filled,
or the one being read, is in memory. The figures' importer (``observations.validation``)
keeps the rows that passed their checks in one until they are written.
"""

from __future__ import annotations

import marshal
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, Any


class Spool:
    """Records kept on disk a chunk at a time: ``append``, ``len``, ``chunks``, ``pick``."""

    def __init__(self, chunk_size: int) -> None:
        self.chunk_size = max(chunk_size, 1)
        self._file: IO[bytes] | None = None
        self._offsets: list[int] = []  # where each chunk on disk starts
        self._sizes: list[int] = []  # and how many bytes it takes
        self._filling: list[tuple[Any, ...]] = []
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def append(self, record: tuple[Any, ...]) -> None:
        self._filling.append(record)
        self._count += 1
        if len(self._filling) >= self.chunk_size:
            self._store()

    def _store(self) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="plantrack-import-")
        # Dumped and loaded as bytes: marshal reading a file object asks it for each value.
        data = marshal.dumps(self._filling)
        self._offsets.append(self._file.seek(0, 2))
        self._sizes.append(len(data))
        self._file.write(data)
        self._filling = []

    def _load(self, number: int) -> list[tuple[Any, ...]]:
        if number == len(self._offsets):
            return self._filling
        if self._file is None:
            raise IndexError(f"spool: no chunk {number}")
        self._file.seek(self._offsets[number])
        data = self._file.read(self._sizes[number])
        chunk: list[tuple[Any, ...]] = marshal.loads(data)  # noqa: S302 -- our own file
        return chunk

    def chunks(self) -> Iterator[list[tuple[Any, ...]]]:
        """Yield the records a chunk (a list of at most ``chunk_size``) at a time, in order."""
        for number in range(len(self._offsets) + bool(self._filling)):
            yield self._load(number)

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        for chunk in self.chunks():
            yield from chunk

    def pick(self, indexes: Iterable[int]) -> dict[int, tuple[Any, ...]]:
        """Return index → record for the records at ``indexes`` (counted from 0), reading
        each chunk that holds one of them once."""
        picked: dict[int, tuple[Any, ...]] = {}
        loaded, chunk = -1, []
        for index in sorted(set(indexes)):
            number = index // self.chunk_size
            if number != loaded:
                loaded, chunk = number, self._load(number)
            picked[index] = chunk[index % self.chunk_size]
        return picked

    def close(self) -> None:
        """Drop the records and the file (the system removes it)."""
        if self._file is not None:
            self._file.close()
            self._file = None
        self._offsets, self._sizes, self._filling, self._count = [], [], [], 0
