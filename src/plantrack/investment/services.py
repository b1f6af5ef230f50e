"""Writes on projects: a year's capital, a progress report, the import of a project
appendix. One function each, inside one transaction.

They raise ``ProjectError`` with a machine-readable ``code`` and a message in the active
language, and ``accounts.permissions.NotPermitted`` when the user may not change the project
(``Action.CHANGE``: a reporter or approver of the lead agency, a planner).
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantrack.accounts.permissions import Action, require
from plantrack.investment.choices import PipelineStatus
from plantrack.investment.importing import PROJECT_LAYOUT, check_project_rows
from plantrack.investment.models import (
    CapitalSource,
    Project,
    ProjectFinance,
    ProjectLocation,
    ProjectUpdate,
)
from plantrack.observations.choices import ImportKind
from plantrack.observations.records import AppendixImporter
from plantrack.tabular.checks import update_changed
from plantrack.tabular.pipeline import Checked, Source, run_import

# A value left as KEEP is not changed (``record_finance``); None means "unknown".
KEEP = object()
_AMOUNTS = ("planned", "allocated", "disbursed")


class ProjectError(Exception):
    """A change to a project that is refused; ``code`` is machine-readable."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def _not_yours(project: Project) -> str:
    return _("Bạn không được cập nhật dự án %(code)s: dự án do %(agency)s chủ trì.") % {
        "code": project.code,
        "agency": project.lead_agency or "—",
    }


@transaction.atomic
def record_finance(
    project: Project,
    year: int,
    *,
    planned=KEEP,
    allocated=KEEP,
    disbursed=KEEP,
    as_of=KEEP,
    source=KEEP,
    user=None,
) -> tuple[ProjectFinance, bool]:
    """Record a project's capital for one year: planned, allocated, disbursed (đồng).

    One row a year: the first call creates it, later ones change only the values they are
    given (``KEEP``, the default, leaves a value as it is; None makes it unknown). Amounts
    are whole đồng, not negative (``negative_capital``, ``not_whole``); the year is 1900–2100
    (``invalid_year``). Return the row and whether it was created. The disbursement rate is
    derived (``ProjectFinance.disbursement_rate``), never written.
    """
    require(user, Action.CHANGE, project, _not_yours(project))
    if not 1900 <= int(year) <= 2100:
        raise ProjectError(
            _("Năm %(year)s nằm ngoài khoảng 1900–2100.") % {"year": year}, code="invalid_year"
        )
    given = {"planned": planned, "allocated": allocated, "disbursed": disbursed}
    for name, value in given.items():
        if value is KEEP or value is None:
            continue
        if Decimal(value) < 0:
            raise ProjectError(
                _("Số vốn không được âm (%(field)s: %(value)s).") % {"field": name, "value": value},
                code="negative_capital",
            )
        if Decimal(value) != Decimal(value).to_integral_value():
            raise ProjectError(
                _("Số vốn tính bằng đồng, phải là số nguyên (%(field)s: %(value)s).")
                % {"field": name, "value": value},
                code="not_whole",
            )
    stored = ProjectFinance.objects.select_for_update().filter(project=project, year=year).first()
    created = stored is None
    finance = ProjectFinance(project=project, year=year) if stored is None else stored
    changed = []
    for name, value in {**given, "as_of": as_of, "source": source}.items():
        if value is KEEP:
            continue
        if name in _AMOUNTS and value is not None:
            value = Decimal(value)
        if name == "source" and value is None:
            value = ""
        if getattr(finance, name) != value:
            setattr(finance, name, value)
            changed.append(name)
    if created:
        finance.save()
    elif changed:
        finance.save(update_fields=changed)
    return finance, created


@transaction.atomic
def add_project_update(
    project: Project, *, user, date: datetime.date, text: str, new_status: str = ""
) -> ProjectUpdate:
    """Record progress on a project, and its new pipeline status when one is given."""
    require(user, Action.CHANGE, project, _not_yours(project))
    if not text.strip():
        raise ProjectError(_("Hãy ghi nội dung cập nhật."), code="text_required")
    if new_status and new_status not in PipelineStatus.values:
        raise ProjectError(
            _("Tình trạng “%(value)s” không hợp lệ.") % {"value": new_status},
            code="invalid_status",
        )
    update = ProjectUpdate.objects.create(
        project=project, date=date, text=text, new_status=new_status, author=user
    )
    if new_status and new_status != project.status:
        project.status = new_status
        project.save(update_fields=["status"])
    return update


# --- importing the project appendix -------------------------------------------------------


def import_projects(
    content: bytes,
    file_name: str,
    *,
    user,
    prefix: str | None = None,
    plan=None,
    locale: str | None = None,
    dry_run: bool = False,
):
    """Check a project appendix (XLSX or CSV) and write every project in it, or none.

    The one importer of projects: the ``import_projects`` command and
    ``POST /api/imports/projects/`` call it. Planners and admins only (``ImportNotPermitted``
    for anyone else). A project is its code: a new code is created, a known one is updated
    with the cells the file fills (an empty cell changes nothing), so importing the same
    file again changes nothing. A new status is recorded as a progress report ("Nhập từ
    tệp …"); listed locations and capital sources are added, none removed. Return an
    ``ImportReport`` (``tabular.problems``).
    """
    importer = ProjectImporter(user=user, prefix=prefix, plan=plan, locale=locale)
    return run_import(importer, content, file_name, dry_run=dry_run)


class ProjectImporter(AppendixImporter):
    """Projects from a plan's appendix: planners and admins only."""

    kind = ImportKind.PROJECTS
    columns = PROJECT_LAYOUT
    refusal = gettext_lazy("Chỉ cán bộ kế hoạch và quản trị được nhập dự án từ tệp.")
    empty_message = gettext_lazy("Tệp không có dự án nào.")

    def check(self, source: Source, file_name: str) -> Checked:
        rows, problems, chosen = check_project_rows(
            source.extra, file_name, prefix=self.prefix, plan=self.plan, locale=self.locale
        )
        return Checked(rows, problems, chosen)

    def write_row(self, row, *, file_name: str) -> str:
        return _write_project(row, user=self.user, file_name=file_name)


_DIRECT_FIELDS = (
    "name",
    "sector",
    "kind",
    "plan",
    "investor",
    "lead_agency",
    "total_investment",
    "start_year",
    "end_year",
    "source",
    "note",
)


def _write_project(row, *, user, file_name: str) -> str:
    """Create or update one checked project row; return "created", "changed" or "unchanged"."""
    values = dict(row.values)
    project = Project.objects.select_for_update().filter(code=row.code).first()
    if project is None:
        project = Project(code=row.code, **values)
        project.illustrative_fields = row.illustrative or []
        project.full_clean(validate_unique=False, validate_constraints=False)
        project.save()
        _add_relations(project, row)
        return "created"
    changed = update_changed(project, values, _DIRECT_FIELDS, row.illustrative)
    if changed:
        project.full_clean(validate_unique=False, validate_constraints=False)
        project.save(update_fields=changed)
    new_status = values.get("status")
    if new_status and new_status != project.status:
        add_project_update(
            project,
            user=user,
            date=timezone.localdate(),
            text=_("Nhập từ tệp %(file)s") % {"file": file_name},
            new_status=new_status,
        )
        changed.append("status")
    if _add_relations(project, row):
        changed.append("relations")
    return "changed" if changed else "unchanged"


def _add_relations(project: Project, row) -> bool:
    """Add the row's locations and capital sources the project lacks; return whether any."""
    units = set(project.locations.values_list("unit_id", flat=True))
    new_units = [unit for unit in row.related.get("locations", []) if unit.pk not in units]
    ProjectLocation.objects.bulk_create(
        ProjectLocation(project=project, unit=unit) for unit in new_units
    )
    kinds = set(project.capital_sources.values_list("kind", flat=True))
    new_kinds = [kind for kind in row.related.get("capital_kinds", []) if kind not in kinds]
    CapitalSource.objects.bulk_create(
        CapitalSource(project=project, kind=kind) for kind in new_kinds
    )
    return bool(new_units or new_kinds)
