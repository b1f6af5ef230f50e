"""Read the priority-project appendix of a plan (XLSX or CSV) into checked rows.

The layout is the one provincial plans use for their list of projects ("Danh mục dự án ưu
tiên đầu tư"): STT, Tên dự án, Địa điểm, Quy mô, Tổng mức đầu tư (with its unit in the
header: "(tỷ đồng)"), Nguồn vốn, Thời gian thực hiện, Chủ đầu tư, Hình thức đầu tư, Tình
trạng; and optionally Mã and the columns PlanTrack's own export adds. The table reader,
agencies, codes and messages are the task importer's (``workplan.importing``); units are
found as the observations importer finds them (``observations.validation.Registry``: by code,
or by name without diacritics, ambiguous names refused). No writes here:
``services.import_projects`` writes every row or none.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from plantrack.accounts.agencies import Agencies, agency_column
from plantrack.geo.models import AdminUnit
from plantrack.investment.choices import CapitalSourceKind, PipelineStatus, ProjectKind
from plantrack.investment.models import Project
from plantrack.observations.periods import Period
from plantrack.observations.registry import Registry
from plantrack.plans.checks import plan_column
from plantrack.tabular.checks import (
    Check,
    RecordChecker,
    RecordRow,
    choice_column,
    choice_of,
    illustrative_column,
    required_text,
    text_column,
)
from plantrack.tabular.numbers import LOCALES, number_locale, read_number
from plantrack.tabular.problems import Problem, number_message
from plantrack.tabular.readers import Layout, SourceRow, Table, columns
from plantrack.tabular.text import key, plain, resolve_list, text_of

PROJECT_LAYOUT = Layout(
    columns=columns(
        stt=("stt", "tt", "so_thu_tu"),
        code=("ma", "ma_du_an", "ma_so", "code"),
        name=(
            "ten_du_an",
            "du_an",
            "ten_cong_trinh_du_an",
            "ten_du_an_cong_trinh",
            "danh_muc_du_an",
            "ten_du_an_dau_tu",
            "name",
        ),
        sector=("nganh_linh_vuc", "linh_vuc", "nganh", "sector"),
        kind=("hinh_thuc_dau_tu", "loai_hinh_dau_tu", "hinh_thuc", "kind"),
        plan=("quy_hoach_ke_hoach", "ma_quy_hoach", "ma_ke_hoach", "plan"),
        locations=(
            "dia_diem",
            "dia_diem_xay_dung",
            "dia_diem_thuc_hien",
            "dia_diem_dau_tu",
            "dia_ban",
            "locations",
        ),
        scale=("quy_mo", "quy_mo_cong_suat", "quy_mo_du_kien", "quy_mo_dau_tu", "scale"),
        total_investment=(
            "tong_muc_dau_tu",
            "tmdt",
            "tong_von_dau_tu",
            "tong_muc_dau_tu_du_kien",
            "von_dau_tu",
            "total_investment",
        ),
        capital_sources=("nguon_von", "nguon_von_dau_tu", "co_cau_nguon_von", "capital_sources"),
        period=(
            "thoi_gian_thuc_hien",
            "thoi_gian",
            "tien_do_thuc_hien",
            "giai_doan",
            "giai_doan_thuc_hien",
            "period",
        ),
        investor=("chu_dau_tu", "nha_dau_tu", "chu_dau_tu_nha_dau_tu", "investor"),
        lead_agency=("co_quan_chu_tri", "co_quan_quan_ly", "don_vi_chu_tri", "lead_agency"),
        status=("tinh_trang", "tinh_trang_du_an", "status"),
        source=("nguon", "source"),
        note=("ghi_chu", "note"),
        illustrative=("thong_tin_minh_hoa", "minh_hoa", "illustrative"),
    ),
    required=("name",),
    labels={"name": "Tên dự án"},
)

# The unit written in the header of the total investment ("Tổng mức đầu tư (tỷ đồng)"), as
# ``tabular.text.key`` writes it → how many đồng one unit is.
MONEY_UNITS = {
    "dong": 1,
    "vnd": 1,
    "vnd_dong": 1,
    "nghin_dong": 10**3,
    "trieu_dong": 10**6,
    "trieu": 10**6,
    "trieu_vnd": 10**6,
    "tr_dong": 10**6,
    "ty_dong": 10**9,
    "ty": 10**9,
    "ty_vnd": 10**9,
    "nghin_ty_dong": 10**12,
}
KIND_WORDS = {
    "dau_tu_cong": ProjectKind.PUBLIC_INVESTMENT,
    "von_dau_tu_cong": ProjectKind.PUBLIC_INVESTMENT,
    "dtc": ProjectKind.PUBLIC_INVESTMENT,
    "ppp": ProjectKind.PPP,
    "doi_tac_cong_tu": ProjectKind.PPP,
    "tu_nhan": ProjectKind.PRIVATE,
    "dau_tu_tu_nhan": ProjectKind.PRIVATE,
    "ngoai_ngan_sach": ProjectKind.PRIVATE,
    "von_ngoai_ngan_sach": ProjectKind.PRIVATE,
    "fdi": ProjectKind.FDI,
    "dau_tu_truc_tiep_nuoc_ngoai": ProjectKind.FDI,
    "oda": ProjectKind.ODA,
    "von_oda": ProjectKind.ODA,
    "khu_chuc_nang": ProjectKind.FUNCTIONAL_ZONE,
}
STATUS_WORDS = {
    "du_kien": PipelineStatus.PROPOSED,
    "keu_goi_dau_tu": PipelineStatus.PROPOSED,
    "chuan_bi_dau_tu": PipelineStatus.PROPOSED,
    "chu_truong_dau_tu": PipelineStatus.POLICY_APPROVED,
    "da_phe_duyet_chu_truong": PipelineStatus.POLICY_APPROVED,
    "da_phe_duyet_chu_truong_dau_tu": PipelineStatus.POLICY_APPROVED,
    "da_chon_nha_dau_tu": PipelineStatus.INVESTOR_SELECTED,
    "dang_trien_khai": PipelineStatus.UNDER_CONSTRUCTION,
    "dang_thuc_hien": PipelineStatus.UNDER_CONSTRUCTION,
    "da_khoi_cong": PipelineStatus.UNDER_CONSTRUCTION,
    "hoan_thanh": PipelineStatus.IN_OPERATION,
    "da_hoan_thanh": PipelineStatus.IN_OPERATION,
    "dua_vao_van_hanh": PipelineStatus.IN_OPERATION,
    "da_dua_vao_van_hanh": PipelineStatus.IN_OPERATION,
    "tam_dung_thuc_hien": PipelineStatus.SUSPENDED,
    "dung_thuc_hien": PipelineStatus.CANCELLED,
}
CAPITAL_WORDS = {
    "ngan_sach_trung_uong": CapitalSourceKind.CENTRAL_BUDGET,
    "nstw": CapitalSourceKind.CENTRAL_BUDGET,
    "von_nstw": CapitalSourceKind.CENTRAL_BUDGET,
    "trung_uong": CapitalSourceKind.CENTRAL_BUDGET,
    "ngan_sach_dia_phuong": CapitalSourceKind.LOCAL_BUDGET,
    "nsdp": CapitalSourceKind.LOCAL_BUDGET,
    "von_nsdp": CapitalSourceKind.LOCAL_BUDGET,
    "ngan_sach_tinh": CapitalSourceKind.LOCAL_BUDGET,
    "dia_phuong": CapitalSourceKind.LOCAL_BUDGET,
    "oda": CapitalSourceKind.ODA,
    "von_oda": CapitalSourceKind.ODA,
    "vay_uu_dai": CapitalSourceKind.ODA,
    "tin_dung_dau_tu_phat_trien": CapitalSourceKind.STATE_CREDIT,
    "von_doanh_nghiep": CapitalSourceKind.PRIVATE,
    "tu_nhan": CapitalSourceKind.PRIVATE,
    "ngoai_ngan_sach": CapitalSourceKind.PRIVATE,
    "von_ngoai_ngan_sach": CapitalSourceKind.PRIVATE,
    "xa_hoi_hoa": CapitalSourceKind.PRIVATE,
    "von_xa_hoi_hoa": CapitalSourceKind.PRIVATE,
    "nuoc_ngoai": CapitalSourceKind.FOREIGN,
    "von_nuoc_ngoai": CapitalSourceKind.FOREIGN,
    "fdi": CapitalSourceKind.FOREIGN,
    "khac": CapitalSourceKind.OTHER,
    "von_khac": CapitalSourceKind.OTHER,
    "nguon_von_hop_phap_khac": CapitalSourceKind.OTHER,
}
_CODE_LENGTH = Project._meta.get_field("code").max_length
_YEARS = re.compile(
    r"^(?:giai doan\s+|tu\s+(?:nam\s+)?|nam\s+)?(\d{4})?"
    r"\s*(?:(-|–|—|den\s+(?:nam\s+)?)\s*(\d{4})?)?$"
)


class PeriodError(ValueError):
    """A "Thời gian thực hiện" cell that cannot be read."""


def parse_years(raw: object) -> tuple[int | None, int | None]:
    """Return (start year, end year) of a "Thời gian thực hiện" cell; raise ``PeriodError``.

    "2024-2027", "2024 - 2027", "Giai đoạn 2026–2030", "từ năm 2024 đến năm 2027" → (2024,
    2027); "2025" → (2025, 2025); "2024-" → (2024, None), "-2027" → (None, 2027) (what the
    export writes when one end is unknown). An empty cell is (None, None).
    """
    if raw is None or raw == "":
        return None, None
    if isinstance(raw, int | float) and not isinstance(raw, bool) and float(raw).is_integer():
        year = _year(int(raw), raw)
        return year, year
    original = text_of(raw)
    if not original:
        return None, None
    match = _YEARS.match(plain(original))
    if match is None or not (match[1] or match[3]):
        raise PeriodError(original)
    start = _year(int(match[1]), raw) if match[1] else None
    end = _year(int(match[3]), raw) if match[3] else None
    if match[2] is None:
        end = start
    if start is not None and end is not None and end < start:
        raise PeriodError(original)
    return start, end


def _year(year: int, raw) -> int:
    if not 1900 <= year <= 2100:
        raise PeriodError(text_of(raw))
    return year


def choose_locale(table: Table, declared: str | None, file_name: str):
    """Return (the locale of the file's money amounts, problems), as the observations
    importer chooses it: the declared one, else the style the file's numbers show."""
    if declared:
        return declared, []
    seen: dict[str, list[SourceRow]] = {locale: [] for locale in LOCALES}
    for row in table.rows:
        raw = row.cells.get("total_investment")
        if isinstance(raw, str) and (locale := number_locale(raw)):
            seen[locale].append(row)
    shown = [locale for locale in LOCALES if seen[locale]]
    if len(shown) < 2:
        return (shown[0] if shown else None), []
    minority = min(LOCALES, key=lambda locale: (len(seen[locale]), locale))
    return None, [
        Problem(
            code="mixed_number_formats",
            message=_(
                "Số “%(value)s” viết theo kiểu %(style)s, khác các số khác của tệp: hãy dùng "
                "một kiểu (1.234,5 hoặc 1,234.5), hoặc khai báo kiểu số của tệp."
            )
            % {
                "value": row.cells.get("total_investment"),
                "style": "1,234.5" if minority == "en" else "1.234,5",
            },
            file=file_name,
            sheet=row.sheet,
            row=row.row,
            column=row.columns.get("total_investment", ""),
            value=text_of(row.cells.get("total_investment")),
        )
        for row in seen[minority]
    ]


def check_project_rows(
    table: Table,
    file_name: str,
    *,
    prefix: str | None,
    plan=None,
    locale: str | None = None,
) -> tuple[list[RecordRow], list[Problem], str | None]:
    """Return (checked rows, problems, the locale of amounts) for every row of ``table``."""
    problems: list[Problem] = []
    if table.rows and not any("code" in row.columns for row in table.rows) and not prefix:
        return PROJECT_CHECKER.check(table, file_name, prefix=prefix, context=None) + (None,)
    scale = None
    money_column = next(
        (
            row.columns["total_investment"]
            for row in table.rows
            if "total_investment" in row.columns
        ),
        None,
    )
    if money_column is not None:
        unit = table.units.get("total_investment", "")
        scale = MONEY_UNITS.get(unit)
        if scale is None:
            problems.append(
                Problem(
                    code="missing_money_unit" if not unit else "unknown_money_unit",
                    message=_(
                        "Tiêu đề cột %(column)s phải ghi đơn vị tiền trong ngoặc: (đồng), "
                        "(triệu đồng) hoặc (tỷ đồng)."
                    )
                    % {"column": money_column},
                    file=file_name,
                    column=money_column,
                    value=unit,
                )
            )
    chosen, locale_problems = choose_locale(table, locale, file_name)
    problems += locale_problems
    context = ProjectContext(plan=plan, scale=scale, locale=chosen)
    checked, row_problems = PROJECT_CHECKER.check(table, file_name, prefix=prefix, context=context)
    return checked, problems + row_problems, chosen


@dataclass(frozen=True)
class ProjectContext:
    """What the checks of one project import share: the plan it names, the money unit of the
    total-investment header, the locale of typed amounts, agencies and units."""

    plan: Any
    scale: int | None
    locale: str | None
    agencies: Agencies = field(default_factory=Agencies)
    registry: Registry = field(default_factory=Registry)
    model: type = Project


def _note(row: RecordRow, column: str, context: ProjectContext) -> None:
    """The note, with the project's scale ("Quy mô") in front of it when given."""
    scale = row.text("scale")
    parts = [_("Quy mô: %(scale)s") % {"scale": scale} if scale else "", row.text(column)]
    if note := "\n".join(part for part in parts if part):
        row.values[column] = note


def _kind(row: RecordRow, column: str, context: ProjectContext) -> None:
    if row.text(column):
        _KIND_CHOICE(row, column, context)
    elif row.record is None:
        row.fail("missing_kind", _("Thiếu hình thức đầu tư."), column, "")


def _years(row: RecordRow, column: str, context: ProjectContext) -> None:
    raw = row.raw(column)
    try:
        start, end = parse_years(raw)
    except PeriodError:
        row.fail(
            "invalid_period",
            _(
                "Thời gian thực hiện “%(value)s” không đọc được: dùng 2024-2027, "
                "Giai đoạn 2026-2030 hoặc một năm (2025)."
            )
            % {"value": text_of(raw)},
            column,
            raw,
        )
        start = end = None
    if start is not None:
        row.values["start_year"] = start
    if end is not None:
        row.values["end_year"] = end
    first, last = row.current("start_year"), row.current("end_year")
    if first and last and last < first:
        row.fail(
            "invalid_period",
            _("Năm hoàn thành %(end)s trước năm khởi công %(start)s.")
            % {"end": last, "start": first},
            column,
            raw,
        )


def _total_investment(row: RecordRow, column: str, context: ProjectContext) -> None:
    """The total investment in đồng, from the unit the column's header gives."""
    raw = row.raw(column)
    if not text_of(raw) or context.scale is None:
        return
    value, error = read_number(raw, context.locale)
    if error:
        row.fail(error, number_message(error, text_of(raw)), column, raw)
        return
    if value is None:  # never: read_number gives a value when it gives no error
        return
    amount = (value * context.scale).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if amount < 0:
        row.fail("negative_capital", _("Tổng mức đầu tư không được âm."), column, raw)
    else:
        row.values[column] = amount


def _locations(row: RecordRow, column: str, context: ProjectContext) -> None:
    """The units the project is in, as they were in its years (a commune merged in 2025 is
    found by its old name for a project of 2024)."""
    locations: list[AdminUnit] = []
    if text := row.text(column):
        period = _period(row.current("start_year"), row.current("end_year"))
        for part in (p.strip() for p in re.split(r"[;,\n]+", text)):
            if not part:
                continue
            unit = _known_location(row.record, part)
            error = None
            if unit is None:
                unit, error = context.registry.unit(part, period)
            if error:
                row.fail(error, _unit_message(error, part), column, part)
            elif unit is not None and unit not in locations:  # (a unit when no error)
                locations.append(unit)
    row.related["locations"] = locations


def _capital_sources(row: RecordRow, column: str, context: ProjectContext) -> None:
    kinds: list[str] = []
    if text := row.text(column):
        text = re.sub(r"\s+(?:và|\+)\s+", "; ", text)
        found, unknown = resolve_list(
            text, lambda part: choice_of(CapitalSourceKind, CAPITAL_WORDS, part)
        )
        kinds = list(dict.fromkeys(found))
        for part in unknown:
            row.fail(
                "unknown_capital_source",
                _choices_message(_("Nguồn vốn"), part, CapitalSourceKind),
                column,
                part,
            )
    row.related["capital_kinds"] = kinds


_KIND_CHOICE = choice_column(
    ProjectKind, KIND_WORDS, lambda text: _choices_message(_("Hình thức đầu tư"), text, ProjectKind)
)
# Column → its check, in the order a row's problems are reported.
PROJECT_CHECKS: tuple[tuple[str, Check], ...] = (
    ("name", required_text("missing_name", gettext_lazy("Thiếu tên dự án."))),
    ("sector", text_column),
    ("investor", text_column),
    ("source", text_column),
    ("note", _note),
    ("plan", plan_column),
    ("kind", _kind),
    (
        "status",
        choice_column(
            PipelineStatus,
            STATUS_WORDS,
            lambda text: _choices_message(_("Tình trạng"), text, PipelineStatus),
        ),
    ),
    ("lead_agency", agency_column),
    ("period", _years),
    ("total_investment", _total_investment),
    ("locations", _locations),
    ("capital_sources", _capital_sources),
    (
        "illustrative",
        illustrative_column(gettext_lazy("“%(value)s” không phải là một thông tin của dự án.")),
    ),
)
PROJECT_CHECKER = RecordChecker(
    model=Project,
    checks=PROJECT_CHECKS,
    messages={
        "no_code_column": gettext_lazy(
            "Tệp không có cột Mã: hãy thêm cột mã dự án, hoặc khai báo tiền tố "
            "(--prefix) để tạo mã từ STT."
        ),
        "missing_code": gettext_lazy("Thiếu mã dự án (cột Mã, hoặc STT với tiền tố)."),
        "duplicate_code": gettext_lazy("Mã dự án “%(code)s” đã có ở dòng %(row)s của tệp."),
    },
    stored=lambda codes: Project.objects.filter(code__in=codes).prefetch_related("locations__unit"),
)


def _period(first: int | None, last: int | None) -> Period | None:
    """Return the project's years as a period, for finding the units that existed then."""
    first, last = first or last, last or first
    if first is None or last is None:  # neither year given
        return None
    return Period(
        "years", f"{first}-{last}", datetime.date(first, 1, 1), datetime.date(last, 12, 31)
    )


def _known_location(project: Project | None, text: str) -> AdminUnit | None:
    """Return the project's own location that ``text`` names (by code or name), if any.

    A code reused across the 2025 reform names the unit the project already has, so an
    exported file imports again unchanged whatever the project's years.
    """
    if project is None:
        return None
    wanted = key(text)
    for location in project.locations.all():
        if location.unit.code == text.strip() or key(location.unit.name) == wanted:
            return location.unit
    return None


def _unit_message(code: str, raw: str) -> str:
    if code == "ambiguous_unit":
        return _(
            "Tên đơn vị “%(value)s” khớp nhiều đơn vị hành chính: hãy dùng mã đơn vị (mã thống kê)."
        ) % {"value": raw}
    return _("Không có đơn vị hành chính “%(value)s” (theo mã hay tên).") % {"value": raw}


def _choices_message(what: str, raw: str, choices) -> str:
    with override("vi"):
        labels = "; ".join(str(label) for label in choices.labels)
    return _("%(what)s “%(value)s” không hợp lệ: dùng %(labels)s.") % {
        "what": what,
        "value": raw,
        "labels": labels,
    }
