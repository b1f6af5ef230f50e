"""A figure's source as a reader can find it: a document's title, issuer, date and link.

Figures record their source as typed or imported (a URL, or a description). The report
never shows that note as it is: a ``SourceDocument`` whose ``cited_as`` is the same text
gives the document; otherwise the document is the link in the note, and a note with no link
is shown without any file name or path of ours.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from plantrack.reports.models import SourceDocument

_URL = re.compile(r"https?://[^\s)\]]+")
# A parenthesis or a phrase naming a file of ours ("(copy in … src/etl/x.md)", "seed/a.txt").
_FILE_NOTE = re.compile(r"\s*\([^()]*\.(?:md|txt|json|csv|xlsx|py)\)|\S+/\S+\.(?:md|txt|json)\b")


@dataclass(frozen=True)
class Source:
    """A document: what a reader needs to find it."""

    title: str
    issuer: str = ""
    date: str = ""
    link: str = ""

    def citation(self) -> str:
        """Return "Title, issuer, date, link" with the parts that are known."""
        return ", ".join(part for part in (self.title, self.issuer, self.date, self.link) if part)


def resolve_sources(cited: Iterable[str]) -> dict[str, Source]:
    """Return the document of each source text (one query for all of them)."""
    texts = {text for text in cited}
    documents = {d.cited_as: d for d in SourceDocument.objects.filter(cited_as__in=texts)}
    found: dict[str, Source] = {}
    for text in texts:
        document = documents.get(text)
        if document is not None:
            found[text] = Source(document.title, document.issuer, document.date, document.link)
        else:
            found[text] = source_of_note(text)
    return found


def source_of_note(text: str) -> Source:
    """Return the document a free-text source names: its link, and the words around it."""
    match = _URL.search(text)
    link = match.group(0) if match else ""
    words = _FILE_NOTE.sub("", _URL.sub("", text)).strip(" ,;()")
    if not words and link:
        words = urlsplit(link).netloc
    return Source(title=words or text.strip(), link=link)
