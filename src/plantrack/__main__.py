"""The ``plantrack`` command: Django's management commands with PlanTrack's settings."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command, e.g. ``plantrack migrate`` or ``plantrack demo``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plantrack.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["plantrack", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
