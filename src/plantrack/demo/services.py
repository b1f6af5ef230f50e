"""Load the Cao Bằng demo and reset its demo users.

Two files feed the demo, and they are kept apart on purpose (DESIGN.md: the demo never
passes off invented numbers as real):

- ``data/caobang-facts.json``: the public facts (plans, targets with the decisions' own
  phrases, 23 indicators, 47 observations), each with its source; loaded as they are.
- ``data/demo-config.json``: what the demo needs that is configuration, not figures, and
  is PlanTrack's own: agencies, English names, value types and aggregation rules, the
  indicators the targets name but the facts do not describe, the owner agency of each
  indicator (an illustrative assignment, "phân công minh họa"), the publication dates of
  the two vintages of Cao Bằng's 2023 GRDP growth, and the demo users.

Loading is idempotent: rows are keyed on codes (and, for sections and targets, on their
place in their plan), and a second run creates and changes nothing.
"""

import datetime
import json
import re
import secrets
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import models, transaction
from django.utils import timezone

from plantrack.accounts.choices import AgencyKind, Role
from plantrack.accounts.models import Agency, Membership
from plantrack.demo.geography import load_unit_figures
from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit
from plantrack.geo.services import UnitLoadReport, attach_boundaries, load_units
from plantrack.investment.choices import PipelineStatus, ProjectKind
from plantrack.investment.models import Project, ProjectLocation
from plantrack.loading import Outcome, Tally
from plantrack.observations.choices import FigureStatus, WorkflowState
from plantrack.observations.models import ReportingRound
from plantrack.observations.rounds import Owed, open_round
from plantrack.observations.vintages import record_observation
from plantrack.plans.choices import (
    Aggregation,
    Comparator,
    Direction,
    PlanKind,
    PlanStatus,
    SectionKind,
    Sector,
    SeriesMeasure,
    TargetKind,
    ValueType,
)
from plantrack.plans.models import Indicator, Plan, PlanSection, Target
from plantrack.progress.assess import PlanAssessment, assess_plan
from plantrack.reports.models import SourceDocument
from plantrack.tabular.commands import command_user
from plantrack.tabular.numbers import format_number
from plantrack.workplan.choices import Priority, TaskStatus
from plantrack.workplan.models import Task

_Row = TypeVar("_Row", bound=models.Model)


DATA_DIR = Path(__file__).resolve().parent / "data"
FACTS_PATH = DATA_DIR / "caobang-facts.json"
CONFIG_PATH = DATA_DIR / "demo-config.json"
WORDING_PATH = DATA_DIR / "demo-wording.json"
# GPL-3.0 data shipped beside its notice (caobang-districts.NOTICE.md); optional.
BOUNDARIES_PATH = DATA_DIR / "caobang-districts.geojson"
# The documents the figures come from, as the evaluation report cites them.
SOURCES_PATH = DATA_DIR / "caobang-sources.json"

# In the facts, an observation whose source is "same" has the source of the row above it.
_SAME_SOURCE = "same"
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class DemoDataError(ValueError):
    """The facts or the demo configuration cannot be loaded; the message says where."""


@dataclass
class DemoReport:
    """What ``load_demo`` wrote: the unit load, the boundaries, and a tally per kind."""

    units: UnitLoadReport
    boundaries: int = 0
    agencies: Tally = field(default_factory=Tally)
    indicators: Tally = field(default_factory=Tally)
    plans: Tally = field(default_factory=Tally)
    sections: Tally = field(default_factory=Tally)
    targets: Tally = field(default_factory=Tally)
    observations: Tally = field(default_factory=Tally)
    tasks: Tally = field(default_factory=Tally)
    projects: Tally = field(default_factory=Tally)
    unit_indicators: Tally = field(default_factory=Tally)
    unit_figures: Tally = field(default_factory=Tally)
    rounds: Tally = field(default_factory=Tally)
    sources: Tally = field(default_factory=Tally)

    def tallies(self) -> dict[str, Tally]:
        """Return the demo's own tallies with their Vietnamese labels, in loading order."""
        return {
            "Cơ quan": self.agencies,
            "Chỉ số": self.indicators,
            "Quy hoạch, kế hoạch": self.plans,
            "Mục của quy hoạch, kế hoạch": self.sections,
            "Chỉ tiêu": self.targets,
            "Số liệu": self.observations,
            "Nhiệm vụ": self.tasks,
            "Dự án": self.projects,
            "Chỉ số theo huyện, xã (đếm từ danh mục đơn vị hành chính)": self.unit_indicators,
            "Số liệu theo huyện, xã": self.unit_figures,
            "Đợt báo cáo (minh họa)": self.rounds,
            "Văn bản nguồn": self.sources,
        }

    @property
    def created(self) -> int:
        """Return how many demo rows were created (units not included)."""
        return sum(tally.created for tally in self.tallies().values())

    @property
    def changed_anything(self) -> bool:
        """Return True if the load created or updated any row, units included."""
        mine = any(tally.changed_anything for tally in self.tallies().values())
        return mine or self.units.changed_anything

    def summary_lines(self) -> list[str]:
        """Return one Vietnamese line per kind of row: created, updated, unchanged."""
        rows = {
            f"Đơn vị hành chính (tỉnh {self.units.province_code})": self.units.units,
            "Quan hệ kế thừa đơn vị": self.units.successions,
            **self.tallies(),
        }
        lines = [f"{label}: {tally.describe()}" for label, tally in rows.items()]
        lines.append(f"Ranh giới huyện (GeoJSON): {self.boundaries}")
        return lines


@dataclass(frozen=True)
class DemoLogin:
    """A demo user's credentials, shown once when the demo starts."""

    username: str
    role: Role
    agency: str
    password: str


@transaction.atomic
def load_demo(
    *,
    facts_path: Path = FACTS_PATH,
    config_path: Path = CONFIG_PATH,
    boundaries_path: Path | None = BOUNDARIES_PATH,
) -> DemoReport:
    """Load the Cao Bằng demo: units, agencies, indicators, plans, targets, observations.

    All or nothing, in one transaction. Idempotent: a second run creates nothing and
    changes nothing. The province's units come from ``plantrack.geo.services.load_units``;
    the district boundaries are attached when the GeoJSON file is present (it is GPL-3.0
    data that a redistributor may remove). Raise ``DemoDataError`` when a file refers to
    something it does not define.
    """
    wording = _read_json(WORDING_PATH)
    facts = reader_wording(_read_json(facts_path), wording)
    config = _read_json(config_path)
    province_code = config["province_code"]

    report = DemoReport(units=load_units(province_code))
    if boundaries_path is not None and Path(boundaries_path).exists():
        report.boundaries = attach_boundaries(boundaries_path)
    province = AdminUnit.objects.get(
        code=province_code, level=UnitLevel.PROVINCE, valid_from__isnull=True
    )

    agencies = _load_agencies(config, province, report.agencies)
    indicators = _load_indicators(facts, config, agencies, report.indicators)
    for plan_facts in facts["plans"]:
        _load_plan(plan_facts, config, province, indicators, report)
    _load_observations(facts, config, province, indicators, report.observations)
    load_unit_figures(
        province, agencies, config["load_reason"], report.unit_indicators, report.unit_figures
    )
    _load_source_documents(_read_json(SOURCES_PATH), wording, report.sources)
    master = Plan.objects.get(code=facts["plans"][0]["code"])
    _load_tasks(facts, config, agencies, master, report.tasks)
    _load_projects(facts, config, master, report.projects)
    _load_round(config, agencies, indicators, report.rounds)
    return report


def assess_demo_plans() -> list[PlanAssessment]:
    """Judge every demo plan on today's figures and store the runs, for the pages to show."""
    return [assess_plan(plan) for plan in Plan.objects.order_by("period_start", "code")]


@transaction.atomic
def reset_demo_users(*, config_path: Path = CONFIG_PATH) -> list[DemoLogin]:
    """Create or update one demo user per role, each with a fresh random password.

    Each user ends with exactly the one membership the configuration names (the admin is
    also a superuser and staff). Run after ``load_demo``: the agencies must exist.
    """
    config = _read_json(config_path)
    user_model = get_user_model()
    logins = []
    for entry in config["demo_users"]:
        role = _choice(Role, entry["role"], f"demo_users/{entry['username']}/role")
        try:
            agency = Agency.objects.get(code=entry["agency"])
        except Agency.DoesNotExist as error:
            raise DemoDataError(
                f"Tài khoản minh họa “{entry['username']}”: chưa có cơ quan mã "
                f"“{entry['agency']}”; hãy nạp dữ liệu minh họa trước."
            ) from error
        is_admin = bool(entry.get("superuser"))
        admin_apps = entry.get("admin_apps", [])
        password = secrets.token_urlsafe(12)
        user, _created = user_model.objects.get_or_create(username=entry["username"])
        user.set_password(password)
        user.is_active = True
        user.is_staff = is_admin or bool(admin_apps)
        user.is_superuser = is_admin
        user.save(update_fields=["password", "is_active", "is_staff", "is_superuser"])
        # The planner maintains the plan framework in the admin: view, add and change, no
        # delete (figures are superseded, never erased).
        user.user_permissions.set(
            Permission.objects.filter(content_type__app_label__in=admin_apps).exclude(
                codename__startswith="delete_"
            )
        )
        Membership.objects.filter(user=user).exclude(agency=agency, role=role).delete()
        Membership.objects.get_or_create(user=user, agency=agency, role=role)
        logins.append(DemoLogin(user.get_username(), role, agency.name, password))
    return logins


# --- loading, one kind of row at a time -------------------------------------------------


def _load_agencies(config: dict, province: AdminUnit, tally: Tally) -> dict[str, Agency]:
    """Create or update the configured agencies; return them by code."""
    agencies: dict[str, Agency] = {}
    for entry in config["agencies"]:
        predecessor_code = entry.get("predecessor")
        if predecessor_code and predecessor_code not in agencies:
            raise DemoDataError(
                f"Cơ quan “{entry['code']}”: cơ quan tiền thân “{predecessor_code}” phải được "
                "khai báo trước trong demo-config.json."
            )
        agency, outcome = _upsert(
            Agency,
            {"code": entry["code"]},
            {
                "name": entry["name"],
                "name_en": entry.get("name_en", ""),
                "short_name": entry.get("short_name", ""),
                "kind": _choice(AgencyKind, entry["kind"], f"agencies/{entry['code']}/kind"),
                "unit": province,
                "predecessor": agencies.get(predecessor_code) if predecessor_code else None,
                "valid_from": _date(entry.get("valid_from")),
                "valid_to": _date(entry.get("valid_to")),
                "note": entry.get("note", ""),
                "source": "Cấu hình của bản demo (demo-config.json)",
            },
        )
        tally.count(outcome)
        agencies[entry["code"]] = agency
    return agencies


def _load_indicators(
    facts: dict, config: dict, agencies: dict[str, Agency], tally: Tally
) -> dict[str, Indicator]:
    """Create or update the facts' indicators and the ones only the targets name."""
    described = facts["indicators"]
    configured = config["indicators"]
    referenced = {t["indicator"] for plan in facts["plans"] for t in plan["targets"]}
    referenced |= {row["indicator"] for row in facts["observations"]}
    missing = sorted(referenced - described.keys() - configured.keys())
    if missing:
        raise DemoDataError(f"Chỉ số được nhắc tới nhưng không được mô tả: {', '.join(missing)}.")
    unconfigured = sorted(described.keys() - configured.keys())
    if unconfigured:
        raise DemoDataError(
            "demo-config.json thiếu cấu hình (tên tiếng Anh, cơ quan chủ trì…) cho chỉ số: "
            + ", ".join(unconfigured)
        )

    assignment_label = config["owner_assignment"]["label"]
    assignment_note = config["owner_assignment"]["note"]
    indicators: dict[str, Indicator] = {}
    codes = [*described, *(code for code in configured if code not in described)]
    # A weighted mean names its weight indicator, which must exist first (stable sort).
    codes.sort(key=lambda code: "weight" in configured[code])
    for code in codes:
        fact = described.get(code, {})
        conf = configured[code]
        where = f"indicators/{code}"
        owner = agencies.get(conf["owner"])
        if owner is None:
            raise DemoDataError(f"{where}: không có cơ quan mã “{conf['owner']}”.")
        weight = indicators.get(conf["weight"]) if "weight" in conf else None
        if "weight" in conf and weight is None:
            raise DemoDataError(f"{where}/weight: không có chỉ số “{conf['weight']}”.")
        definition = [conf.get("definition", "")]
        definition.append(
            f"Cơ quan chủ trì ({conf.get('owner_assignment') or assignment_label}): "
            f"{owner.name}. {assignment_note}"
        )
        if not fact:
            definition.append(
                "Tên, đơn vị và chiều tiến bộ do bản demo đặt: chỉ số này được các chỉ tiêu "
                "nhắc tới nhưng không có trong danh mục chỉ số của dữ kiện công khai."
            )
        indicator, outcome = _upsert(
            Indicator,
            {"code": code},
            {
                "name": fact.get("name_vi") or conf["name_vi"],
                "name_en": conf["name_en"],
                "unit": fact.get("unit", conf.get("unit", "")),
                "definition": "\n".join(line for line in definition if line),
                "owner": owner,
                "owner_is_illustrative": bool(conf.get("owner_assignment")),
                "sector": _choice(Sector, conf["sector"], f"{where}/sector")
                if "sector" in conf
                else "",
                "value_type": _choice(ValueType, conf["value_type"], f"{where}/value_type"),
                "direction": _choice(
                    Direction, fact.get("direction") or conf["direction"], f"{where}/direction"
                ),
                "aggregation": _choice(Aggregation, conf["aggregation"], f"{where}/aggregation"),
                "formula": conf.get("formula") or fact.get("formula", ""),
                "weight": weight,
                "decimals": conf.get("decimals", 2),
                "min_value": conf.get("min_value"),
                "max_value": conf.get("max_value"),
            },
        )
        tally.count(outcome)
        indicators[code] = indicator
    return indicators


def _load_plan(
    facts: dict,
    config: dict,
    province: AdminUnit,
    indicators: dict[str, Indicator],
    report: DemoReport,
) -> None:
    """Create or update one plan with its sections and targets."""
    code = facts["code"]
    conf = config["plans"].get(code)
    if conf is None:
        raise DemoDataError(f"demo-config.json thiếu cấu hình cho kế hoạch “{code}”.")
    period_start, period_end = facts["period"]
    plan, outcome = _upsert(
        Plan,
        {"code": code},
        {
            "title": facts["title"],
            "title_en": conf.get("title_en", ""),
            "kind": _choice(PlanKind, conf["kind"], f"plans/{code}/kind"),
            "decision": facts.get("decision", ""),
            "decision_date": _full_date(facts.get("date")),
            "issuer": facts.get("issuer", ""),
            "period_start": period_start,
            "period_end": period_end,
            "vision_year": facts.get("vision_year"),
            "scope_unit": province,
            "status": _choice(PlanStatus, conf["status"], f"plans/{code}/status"),
            "sources": facts.get("sources", []),
            "note": _plan_note(facts),
        },
    )
    report.plans.count(outcome)

    if plan.kind == PlanKind.MASTER_PLAN:
        sections = _load_master_plan_sections(plan, facts, config, report.sections)
    else:
        sections = {
            SectionKind.SPECIFIC_TARGETS: _section(
                plan,
                None,
                SectionKind.SPECIFIC_TARGETS,
                1,
                report.sections,
                title="Các chỉ tiêu chủ yếu",
                title_en="Main targets",
                source="; ".join(facts.get("sources", [])),
            )
        }
    _load_targets(
        plan,
        facts,
        {**conf, "speech": config["speech"]},
        province,
        indicators,
        sections,
        report.targets,
    )


def _load_master_plan_sections(
    plan: Plan, facts: dict, config: dict, tally: Tally
) -> dict[str, PlanSection]:
    """Create the master plan's tree in the decision's order; return the top sections."""
    seed = article_source(config)
    top: dict[str, PlanSection] = {
        SectionKind.GENERAL_OBJECTIVE: _section(
            plan,
            None,
            SectionKind.GENERAL_OBJECTIVE,
            1,
            tally,
            title="Mục tiêu tổng quát",
            title_en="General objective",
            text=facts["general_objective"],
            source=facts["general_objective_source"],
        ),
        SectionKind.SPECIFIC_TARGETS: _section(
            plan,
            None,
            SectionKind.SPECIFIC_TARGETS,
            2,
            tally,
            title="Mục tiêu, chỉ tiêu cụ thể",
            title_en="Specific objectives and targets",
            text="Các chỉ tiêu cụ thể như bài báo thuật lại; chưa đối chiếu toàn văn quyết định.",
            source=seed,
        ),
        SectionKind.BREAKTHROUGHS: _section(
            plan,
            None,
            SectionKind.BREAKTHROUGHS,
            3,
            tally,
            title="Khâu đột phá (mới có một phần)",
            title_en="Breakthroughs (partial)",
            text=_UNTRANSLATED_NOTE.sub("", facts["breakthroughs_partial"]).strip()
            + "\n\nChưa đầy đủ: mới tìm được một trong ba khâu đột phá của quyết định; "
            "hai khâu còn lại chưa tìm thấy.",
            source=facts["breakthroughs_source"],
        ),
    }
    lists = [
        (
            SectionKind.KEY_TASKS,
            4,
            "Nhiệm vụ trọng tâm",
            "Key tasks",
            "Các nhiệm vụ trọng tâm như bài báo thuật lại tại hội nghị công bố quy hoạch.",
            facts["key_tasks_from_seed"],
        ),
        (
            SectionKind.SECTOR_ORIENTATION,
            5,
            "Phương án phát triển ngành, lĩnh vực",
            "Sector development orientations",
            "Bảy nội dung được trình bày thành tham luận tại hội nghị công bố quy hoạch; "
            "chưa phải danh mục đầy đủ các phương án của quyết định.",
            facts["sector_presentations_from_seed"],
        ),
        (
            SectionKind.KEY_ISSUES,
            6,
            "Sáu nhóm vấn đề cốt yếu",
            "Six key issue groups",
            "Các cấp, ngành được yêu cầu làm tốt 6 nhóm vấn đề mang tính cốt yếu (phát biểu "
            "chỉ đạo của Bí thư Tỉnh ủy tại hội nghị công bố quy hoạch).",
            facts["key_issue_groups_from_seed"],
        ),
    ]
    for kind, order, title, title_en, text, items in lists:
        parent = _section(
            plan, None, kind, order, tally, title=title, title_en=title_en, text=text, source=seed
        )
        top[kind] = parent
        for index, item in enumerate(items, start=1):
            _section(plan, parent, kind, index, tally, title=_capitalized(item), source=seed)
    return top


def _section(
    plan: Plan,
    parent: PlanSection | None,
    kind: SectionKind,
    order: int,
    tally: Tally,
    *,
    title: str,
    title_en: str = "",
    text: str = "",
    source: str = "",
) -> PlanSection:
    """Create or update one section, keyed on its plan, parent, kind and place."""
    section, outcome = _upsert(
        PlanSection,
        {"plan": plan, "parent": parent, "kind": kind, "order": order},
        {"title": title, "title_en": title_en, "text": text, "source": source},
    )
    tally.count(outcome)
    return section


def _load_targets(
    plan: Plan,
    facts: dict,
    conf: dict,
    province: AdminUnit,
    indicators: dict[str, Indicator],
    sections: dict[str, PlanSection],
    tally: Tally,
) -> None:
    """Create or update a plan's targets, and a second row for each revised one.

    A target is keyed on its plan and indicator (each indicator appears once per plan in
    the facts); its revision is keyed on the target it supersedes.
    """
    plan_sources = "; ".join(facts.get("sources", []))
    revision = conf.get("revision", {})
    speech = conf["speech"]
    for order, entry in enumerate(facts["targets"], start=1):
        where = f"plans/{plan.code}/targets/{entry['indicator']}"
        kind = _choice(TargetKind, entry["kind"], f"{where}/kind")
        section = sections[SectionKind.SPECIFIC_TARGETS]
        if kind == TargetKind.QUALITATIVE:
            section = sections.get(SectionKind.GENERAL_OBJECTIVE, section)
        revised = entry.get("revised")
        values = {
            "section": section,
            "scope_unit": province,
            "kind": kind,
            "measure": _choice(SeriesMeasure, entry["measure"], f"{where}/measure")
            if entry.get("measure")
            else "",
            "comparator": _choice(Comparator, entry["comparator"], f"{where}/comparator")
            if entry.get("comparator")
            else "",
            "value": entry.get("value"),
            "upper_value": entry.get("upper_value"),
            "unit": entry.get("unit", ""),
            "start_year": entry.get("start_year"),
            "target_year": entry["target_year"],
            "phrase": entry["phrase"],
            "source": public_source(entry.get("source") or plan_sources, speech),
            "note": _joined(
                entry.get("note", ""), revision.get("original_note", "") if revised else ""
            ),
            "adopted_on": _date(revision.get("original_adopted_on")) if revised else None,
            "order": order,
        }
        indicator = indicators[entry["indicator"]]
        original, outcome = _upsert(
            Target, {"plan": plan, "indicator": indicator, "supersedes": None}, values
        )
        tally.count(outcome)
        if not revised:
            continue
        if not revision:
            raise DemoDataError(f"{where}: chỉ tiêu được điều chỉnh nhưng thiếu cấu hình revision.")
        revised_values = {
            **values,
            "value": revised["value"],
            "phrase": _revised_phrase(entry["phrase"], revised),
            "source": revision["revised_source"],
            "note": revision["revised_note"],
            "adopted_on": _full_date(revised.get("date")),
        }
        _revision, outcome = _upsert(
            Target, {"plan": plan, "indicator": indicator, "supersedes": original}, revised_values
        )
        tally.count(outcome)


def _load_observations(
    facts: dict,
    config: dict,
    province: AdminUnit,
    indicators: dict[str, Indicator],
    tally: Tally,
) -> None:
    """Record every observation of the facts for the province, approved, with its source.

    A figure with several vintages (a December estimate, then a revised figure a year
    later) is recorded oldest first, so the latest is current and the older ones are kept
    as superseded, with their revision history.
    """
    vintages = {
        (v["indicator"], v["period"], Decimal(v["value"])): v
        for v in config["observation_vintages"]
    }
    rows = []
    previous_source = ""
    for number, row in enumerate(facts["observations"], start=1):
        source = row["source"].strip()
        if source.lower() == _SAME_SOURCE:
            source = previous_source
        if not source:
            raise DemoDataError(f"observations[{number}] ({row['indicator']}): thiếu nguồn.")
        previous_source = source
        period = row.get("period") or str(row["year"])
        vintage = vintages.get((row["indicator"], period, Decimal(row["value"])), {})
        rows.append(
            {
                "indicator": indicators[row["indicator"]],
                "period": period,
                "value": row["value"],
                "status": _choice(FigureStatus, row["status"], f"observations[{number}]/status"),
                "source": source,
                "comment": _joined(row.get("note", ""), vintage.get("comment", "")),
                "published_on": _date(vintage.get("published_on")),
            }
        )
    # Stable sort: rows without a publication date keep the facts' order.
    rows.sort(key=lambda r: r["published_on"] or datetime.date.min)
    for row in rows:
        _observation, created = record_observation(
            unit=province,
            state=WorkflowState.APPROVED,
            # Collected from public sources, not reported through PlanTrack by an agency.
            agency=None,
            reason=config["load_reason"],
            **row,
        )
        tally.count(Outcome.CREATED if created else Outcome.UNCHANGED)


def _load_source_documents(sources: dict, wording: dict, tally: Tally) -> None:
    """Create or update the documents the figures cite (title, issuer, date, link), each
    known by the source as a figure records it (the facts' words, in the reader's wording)."""
    seen: set[str] = set()
    for entry in sources["documents"]:
        cited_as = wording["texts"].get(entry["cited_as"], entry["cited_as"])
        if cited_as in seen:  # two working notes of the facts worded alike: one document
            continue
        seen.add(cited_as)
        _document, outcome = _upsert(
            SourceDocument,
            {"cited_as": cited_as},
            {
                "title": entry["title"],
                "issuer": entry.get("issuer", ""),
                "date": entry.get("date", ""),
                "link": entry.get("link", ""),
                "note": entry.get("note", ""),
            },
        )
        tally.count(outcome)


def _load_tasks(facts: dict, config: dict, agencies: dict, plan: Plan, tally: Tally) -> None:
    """Load the published tasks and every directive sentence of the Party Secretary's speech.

    Each directive sentence is a task (CT-…), its title the sentence verbatim; the sentence
    asking for the six key issue groups becomes one task per group (CY-…), hung from that
    group's section. A directive's lead agency, product, start, deadline and status are not
    public: the demo assigns them and lists them in ``illustrative_fields``, which every
    screen and export shows. Their source is the speech, as a reader can find it.
    """
    settings = config["tasks"]
    key_tasks = PlanSection.objects.filter(
        plan=plan, kind=SectionKind.KEY_TASKS, parent=None
    ).first()
    for entry in settings["real"]:
        fact = facts["tasks_real"][entry["fact"]]
        lead = agencies.get(entry["lead"]) if entry["lead"] else None
        status = _choice(TaskStatus, entry["status"], f"tasks/{entry['code']}/status")
        values = {
            "title": fact["title"],
            "legal_basis": fact.get("document", ""),
            "plan": plan,
            "section": key_tasks,
            "lead_agency": lead,
            "deadline": _full_date(fact.get("deadline")),
            "status": status,
            "completed_on": _full_date(entry.get("completed_on")),
            "percent_complete": 100 if status == TaskStatus.COMPLETED else 0,
            "source": fact["source"],
            "description": _joined(
                "" if lead else f"Cơ quan thực hiện theo nguồn: {fact['lead']}.",
                f"Cơ quan theo nguồn: {fact['lead']}." if lead else "",
            ),
            "illustrative_fields": ["status", "percent_complete"]
            + (["completed_on"] if entry.get("completed_on") else []),
        }
        _task, outcome = _upsert(Task, {"code": entry["code"]}, values)
        tally.count(outcome)

    source = speech_source(config)
    start = _full_date(settings["directive_start_date"])
    for entry in settings["directives"]:
        values = _directive_values(entry, agencies, start)
        values.update({"title": entry["title"], "plan": plan, "section": key_tasks})
        values["source"] = source
        values["description"] = settings["directive_start_note"]
        _task, outcome = _upsert(Task, {"code": entry["code"]}, values)
        tally.count(outcome)

    groups = PlanSection.objects.filter(
        plan=plan, kind=SectionKind.KEY_ISSUES, parent__isnull=False
    ).order_by("order")
    by_order = {group.order: group for group in groups}
    sentence = settings["key_issue_sentence"]
    for entry in settings["key_issue_tasks"]:
        group = by_order.get(entry["group"])
        if group is None:
            raise DemoDataError(
                f"tasks/key_issue_tasks/{entry['code']}: không có nhóm vấn đề cốt yếu thứ "
                f"{entry['group']}."
            )
        values = _directive_values(entry, agencies, start)
        values.update(
            {
                "title": f"Làm tốt nhóm vấn đề cốt yếu: {group.title}",
                "plan": plan,
                "section": group,
                "source": source,
                "description": _joined(
                    f"Một trong sáu nhóm của câu chỉ đạo (nguyên văn): “{sentence}”",
                    settings["directive_start_note"],
                ),
            }
        )
        _task, outcome = _upsert(Task, {"code": entry["code"]}, values)
        tally.count(outcome)


def _directive_values(entry: dict, agencies: dict, start: datetime.date | None) -> dict:
    """Return the demo's illustrative assignment of a directive: who, what, when, how far."""
    where = f"tasks/{entry['code']}"
    status = _choice(TaskStatus, entry["status"], f"{where}/status")
    lead = agencies.get(entry["lead"])
    if lead is None:
        raise DemoDataError(f"{where}/lead: không có cơ quan mã “{entry['lead']}”.")
    completed_on = _full_date(entry.get("completed_on"))
    return {
        "lead_agency": lead,
        "expected_product": entry["expected_product"],
        "start_date": start,
        "deadline": _full_date(entry.get("deadline")),
        "status": status,
        "completed_on": completed_on,
        "percent_complete": 100 if status == TaskStatus.COMPLETED else 0,
        "priority": _choice(Priority, entry["priority"], f"{where}/priority"),
        "illustrative_fields": [
            "lead_agency",
            "expected_product",
            "start_date",
            "deadline",
            "status",
            "percent_complete",
            *(["completed_on"] if completed_on else []),
        ],
    }


def _load_projects(facts: dict, config: dict, plan: Plan, tally: Tally) -> None:
    """Load the published priority projects; capital that is not public stays empty."""
    settings = config["projects"]
    sections = PlanSection.objects.filter(plan=plan, parent=None)
    issues = sections.filter(kind=SectionKind.KEY_ISSUES).first()
    for entry in settings["items"]:
        fact = facts["projects_real"][entry["fact"]]
        kind = _choice(ProjectKind, settings["kinds"][fact["kind"]], f"projects/{entry['code']}")
        values = {
            "name": fact["name"],
            "kind": kind,
            "sector": entry["sector"],
            "plan": plan,
            "section": issues,
            "status": _choice(PipelineStatus, entry["status"], f"projects/{entry['code']}"),
            "start_year": entry.get("start_year"),
            "source": fact["source"],
            "note": _joined(
                f"Tình trạng theo nguồn: {entry['status_vi']}.",
                f"Địa điểm theo nguồn: {fact['location']}." if fact.get("location") else "",
            ),
        }
        project, outcome = _upsert(Project, {"code": entry["code"]}, values)
        for code in entry["locations"]:
            unit = AdminUnit.objects.get(code=code, valid_to__isnull=False)
            ProjectLocation.objects.get_or_create(project=project, unit=unit)
        tally.count(outcome)


def _load_round(
    config: dict, agencies: dict[str, Agency], indicators: dict[str, Indicator], tally: Tally
) -> None:
    """Open the demo's illustrative reporting round once, so the overview shows who is late.

    The round's dates are counted back from the day the demo is first loaded (its deadline
    has passed, the round is still open); which agency owes which indicator is the demo's
    assignment, said in the round's note. It goes through ``observations.rounds.open_round``
    like any round, opened by the command line's system account. Keyed on its title: a
    second load changes nothing.
    """
    settings = config["demo_round"]
    if ReportingRound.objects.filter(title=settings["title"]).exists():
        tally.count(Outcome.UNCHANGED)
        return
    owed = []
    for code, indicator_codes in settings["owed"].items():
        agency = agencies.get(code)
        if agency is None:
            raise DemoDataError(f"demo_round/owed: không có cơ quan mã “{code}”.")
        missing = [name for name in indicator_codes if name not in indicators]
        if missing:
            raise DemoDataError(f"demo_round/owed/{code}: không có chỉ số {', '.join(missing)}.")
        owed.append(Owed(agency=agency, indicators=[indicators[name] for name in indicator_codes]))
    now = timezone.now()
    open_round(
        title=settings["title"],
        period=settings["period"],
        deadline=timezone.localdate(now)
        - datetime.timedelta(days=settings["deadline_days_before_load"]),
        owed=owed,
        user=command_user(None),
        note=settings["note"],
        as_of=now - datetime.timedelta(days=settings["opened_days_before_load"]),
    )
    tally.count(Outcome.CREATED)


# --- sources a reader can find ----------------------------------------------------------

# The facts file cites the project's seed article by its file name; a reader gets the article.
_SEED_ARTICLE = re.compile(r"^seed article(?: \(000_[0-9a-f]+\.txt\))?")


def article_source(config: dict) -> str:
    """Return the seed article as a reader finds it: its title, where it was published, its
    address."""
    speech = config["speech"]
    return f"Bản tin “{speech['title']}”, {speech['published_in']}: {speech['url']}"


def speech_source(config: dict) -> str:
    """Return the Party Secretary's speech as a source: who spoke, where, when (or that the
    date is not known), and the article that reports it."""
    speech = config["speech"]
    when = speech["date"] or speech["date_note"]
    return f"{speech['speaker']}, {speech['event']} ({when}). {article_source(config)}"


def public_source(text: str, speech: dict) -> str:
    """Return a fact's source with the seed article named as a reader finds it (and the
    facts file's English "also" in Vietnamese)."""
    if not _SEED_ARTICLE.match(text):
        return text
    cited = _SEED_ARTICLE.sub(lambda _match: article_source({"speech": speech}), text, count=1)
    return cited.replace("; also ", "; xem thêm: ", 1)


# A note the facts file adds in English inside a Vietnamese text.
_UNTRANSLATED_NOTE = re.compile(r"\s*\(the other two were not found\)")


# --- small helpers ---------------------------------------------------------------------


def reader_wording(facts: dict, wording: dict) -> dict:
    """Return the facts with what a reader sees in Vietnamese and sources as documents.

    The facts file keeps its working notes in English; every string of it that
    ``wording["texts"]`` names is replaced by its reader's text (the seed article itself is
    cited by ``public_source``), and a target
    whose phrase is a news paraphrase (not the decision's wording) says so in its note.
    """
    texts = wording["texts"]

    def worded(value):
        if isinstance(value, str):
            return texts.get(value, value)
        if isinstance(value, list):
            return [worded(item) for item in value]
        if isinstance(value, dict):
            return {key: worded(item) for key, item in value.items()}
        return value

    result = worded(facts)
    for plan, original in zip(result["plans"], facts["plans"], strict=True):
        for target, phrase in zip(plan["targets"], original["targets"], strict=True):
            if phrase["phrase"].endswith("(as reported)"):
                target["note"] = _joined(target.get("note", ""), wording["paraphrase_note"])
        if "breakthroughs_partial" in plan:
            plan["breakthroughs_source"] = wording["breakthroughs_source"]
    return result


def _read_json(path: Path) -> dict:
    """Read a JSON file with decimals as ``Decimal``, so 9.72 stays 9.72."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"), parse_float=Decimal)
    except (OSError, json.JSONDecodeError) as error:
        raise DemoDataError(f"Không đọc được tệp {path}: {error}") from error


def _upsert(
    model: type[_Row], lookup: dict[str, Any], values: dict[str, Any]
) -> tuple[_Row, Outcome]:
    """Create the row ``lookup`` names, or update only the fields that differ.

    Return the row and what happened to it. Relations in ``values`` are compared by id,
    so an unchanged row costs one query and no write.
    """
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        instance.full_clean(validate_unique=False, validate_constraints=False)
        instance.save()
        return instance, Outcome.CREATED
    changed = []
    for name, value in values.items():
        model_field = model._meta.get_field(name)
        if not isinstance(model_field, models.Field):
            raise TypeError(f"_upsert: {name} is not a field with a column")
        if model_field.is_relation:
            same = getattr(instance, model_field.attname) == (value.pk if value else None)
        else:
            same = getattr(instance, name) == value
        if not same:
            setattr(instance, name, value)
            changed.append(name)
    if not changed:
        return instance, Outcome.UNCHANGED
    instance.full_clean(validate_unique=False, validate_constraints=False)
    instance.save(update_fields=changed)
    return instance, Outcome.UPDATED


def _choice(choices: type[models.TextChoices], value: str, where: str):
    """Return ``value`` as a member of ``choices``, or say where it is wrong."""
    try:
        return choices(value)
    except ValueError as error:
        allowed = ", ".join(choices.values)
        raise DemoDataError(f"{where}: “{value}” không hợp lệ (được dùng: {allowed}).") from error


def _date(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def _full_date(text: str | None) -> datetime.date | None:
    """Return a date only when the text gives the day; "2025-05" is not a date."""
    return _date(text) if text and _FULL_DATE.match(text) else None


def _joined(*parts: str) -> str:
    """Join the non-blank parts of a note or comment, one per line."""
    return "\n".join(part.strip() for part in parts if part and part.strip())


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _vietnamese_number(value: Decimal) -> str:
    """Write a number the Vietnamese way: 6700.3 → "6.700,3", 12.97 → "12,97"."""
    return format_number(Decimal(value).normalize(), "vi")


def _revised_phrase(phrase: str, revised: dict) -> str:
    """Rebuild a revised target's phrase: "CN-XD +11,9%" → "CN-XD +12,97% (điều chỉnh …)".

    The revision's own wording was not found, only its figure, so the phrase is the
    original's label with the revised figure; the target's note says so.
    """
    label = phrase.rsplit("+", 1)[0]
    when = ""
    if match := _YEAR_MONTH.match(revised.get("date", "")):
        when = f" tháng {int(match[2])}/{match[1]}"
    return f"{label}+{_vietnamese_number(revised['value'])}% (điều chỉnh{when})"


def _plan_note(facts: dict) -> str:
    """Return the plan's note: the facts' note, its scope and the legal chain if given."""
    lines = [facts.get("note", "")]
    scope = facts.get("scope") or {}
    if scope.get("area_km2") is not None:
        lines.append(
            f"Phạm vi: toàn bộ diện tích tự nhiên {_vietnamese_number(scope['area_km2'])} km²"
            + (f", gồm {scope['units']}." if scope.get("units") else ".")
        )
    if facts.get("legal_chain"):
        lines.append("Căn cứ, trình tự phê duyệt: " + "; ".join(facts["legal_chain"]) + ".")
    return "\n".join(line for line in lines if line)
