"""Shared tabular code below every app: numbers, text decoding, readers, problems, writers.

Nothing here imports an app of PlanTrack; apps import from here (docs/architecture.md).
The modules that do not touch the database (numbers, text decoding, readers) import no Django.
"""
