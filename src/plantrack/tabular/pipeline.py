"""The import pipeline's shared parts: who may import, dry runs, and a paused collector."""

from __future__ import annotations

import gc
from contextlib import contextmanager


class ImportNotPermitted(Exception):
    """The user may not import tasks or projects (planners and admins only)."""

    code = "not_permitted"


@contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector while a file is imported.

    An import holds a few objects per row (a million rows in bench/import.py), none of them
    in reference cycles: the collector would walk them again and again for nothing, a
    quarter of the import's time. Reference counting still frees memory as usual; the
    collector runs again when the import ends, however it ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class DryRun(Exception):
    """Raised inside the import transaction to roll a dry run back."""
