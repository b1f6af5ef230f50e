"""``figures_changed``: sent when approved figures change, so what depends on them follows.

Sent by the services that change approved figures (``vintages``, ``workflow``,
``imports``): a figure approved, recorded as a new approved vintage (a revision after
approval, which supersedes the old one), rejected, or imported approved. Arguments:
``keys``, the (indicator id, unit id, period) of the figures, and ``figure_ids``, the
figures written. The progress app
re-judges the targets they feed, in the sender's transaction (progress/live.py).

An import sends once for the whole file: ``figures_changed_together()`` gathers what is sent
inside it and sends it once at its end.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.dispatch import Signal

figures_changed = Signal()

_gathering: ContextVar[list | None] = ContextVar("figures_changed_gathering", default=None)


def send_figures_changed(observations: Iterable = (), *, keys: Iterable[tuple] = ()) -> None:
    """Send ``figures_changed`` for ``observations`` and ``keys`` (indicator, unit, period)."""
    observations = list(observations)
    if isinstance(keys, set) and not observations:
        all_keys = keys  # a large import's own set, not copied (it is not changed after)
    else:
        all_keys = {(o.indicator_id, o.unit_id, o.period) for o in observations if not o.breakdown}
        all_keys.update(keys)
    figure_ids = [o.pk for o in observations]
    gathered = _gathering.get()
    if gathered is not None:
        gathered.append((all_keys, figure_ids))
        return
    if all_keys:
        figures_changed.send(sender=None, keys=sorted(all_keys), figure_ids=figure_ids)


@contextmanager
def figures_changed_together() -> Iterator[None]:
    """Gather the ``figures_changed`` sent inside the block and send them once at its end."""
    if _gathering.get() is not None:  # already gathering: the outer block sends
        yield
        return
    gathered: list = []
    token = _gathering.set(gathered)
    try:
        yield
    finally:
        _gathering.reset(token)
    keys: set = gathered[0][0] if len(gathered) == 1 else set()  # one import: its own set
    if len(gathered) > 1:
        keys.update(*(k for k, _ids in gathered))
    figure_ids = [pk for _k, ids in gathered for pk in ids]
    if keys:
        figures_changed.send(sender=None, keys=sorted(keys), figure_ids=figure_ids)
