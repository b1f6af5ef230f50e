"""The base of the commands that import a plan's appendix (tasks, projects)."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from plantrack.plans.models import Plan
from plantrack.tabular.commands import ImportCommand


class AppendixCommand(ImportCommand):
    """An import of a plan's appendix: ``--prefix`` derives codes, ``--plan`` names the plan
    of the rows that name none."""

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--prefix", help="Tiền tố tạo mã <tiền tố>-<STT> khi tệp không có cột Mã"
        )
        parser.add_argument("--plan", help="Mã quy hoạch, kế hoạch của các dòng không ghi")

    def run(self, options, service, **arguments) -> None:
        plan = None
        if options["plan"]:
            plan = Plan.objects.filter(code=options["plan"]).first()
            if plan is None:
                message = _("Không có quy hoạch, kế hoạch mã “%(code)s”.") % {
                    "code": options["plan"]
                }
                raise CommandError(message, returncode=2)
        super().run(options, service, prefix=options["prefix"], plan=plan, **arguments)
