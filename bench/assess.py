"""Time the batch assessment at national scale against a plain SQL scan of its figures.

Run from the checkout (issue 3, item 6):

    DEBUG=1 .venv/bin/python bench/assess.py [--keep] [--years 10] [--indicators 30]
                                             [--provinces 34] [--repeat 3] [--as-of YYYY-MM-DD]

It works in a throwaway database of the configured kind, never in the configured one:
SQLite (the default) gets a new temporary ``PLANTRACK_DATA_DIR``; with a PostgreSQL
``DATABASE_URL`` it creates ``<name>_bench`` beside ``<name>`` (dropping a leftover one
first). Both are removed at the end unless ``--keep``.

What it builds, seeded so every run builds the same data:

- the real units of the 2025 reform, 34 provinces and 3,321 communes, with
  ``geo.services.load_units`` for every province code of the ``vietnamadminunits`` package
  (so the units before 1 July 2025 are loaded too, as in production);
- 30 indicators (sums, means, a weighted mean, a formula, growth rates, percentages,
  scores), one plan a province (2021–2030, scope the province) and one target a unit and
  indicator (kinds mixed: level, average growth on levels and on published rates, annual
  change, cumulative, maintain): about 100,000 targets;
- approved current yearly observations for every unit, indicator and year (2016–2025),
  about 1 million. The current communes get figures for the years before they existed,
  as figures re-aggregated onto today's units would be. Observations are written with
  ``bulk_create``, which bypasses ``Observation.save()`` and so writes no
  ``ObservationRevision`` rows: acceptable for generated benchmark data, never for real
  figures. ``ANALYZE`` follows, as autovacuum would run on PostgreSQL.

Then, in the same run, it times:

1. **scan**: one raw cursor SELECT of the columns ``assess._known_figures`` reads, of all
   approved current yearly observations, fetching every row: the floor for reading them;
2. **first assessment**: ``live.rejudge_all(plan, as_of)`` for every plan from no
   judgements at all (they are deleted, untimed, before each try), so every judgement and
   its first history row is written;
3. **full re-assessment, judgements in place**: the same again, the normal case of the
   planner's re-judge page and ``plantrack rejudge``: every target's inputs are read and
   digested, only those whose inputs changed are judged and written (none, here);
4. **incremental**: ``approve_observations`` of 1 figure, then of 1,000 figures in one
   call (new submitted vintages of random 2025 figures, recorded untimed), each re-judging
   what the figures feed in the same transaction; the re-judging part is timed apart.

Each of 1–3 is timed ``--repeat`` times and the best kept; the load time is printed apart.
Django's query log (on with DEBUG) is turned off after set-up, so the timings are those of
production; the load average is printed around them. The last line is
``ratio assess/scan: N.NN`` for the full re-assessment (3.); the goal is under 3 on SQLite
and PostgreSQL. The first assessment's ratio is printed before it.
"""

from __future__ import annotations

import argparse
import datetime
import math
import os
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from throwaway import use_throwaway_database

FIRST_YEAR_AFTER_DATA = 2026  # the data are 2016–2025 with --years 10
PLAN_START, PLAN_END, VISION = 2021, 2030, 2050
BENCH_PREFIX = "BENCH-"
SOURCE = "Số liệu sinh ngẫu nhiên cho benchmark (bench/assess.py), không phải số liệu thật"


# --- the indicators and their targets -------------------------------------------------------


@dataclass(frozen=True)
class Spec:
    """One generated indicator: how its series is made and what its targets ask."""

    code: str
    name: str
    unit: str
    value_type: str  # plans.choices.ValueType
    direction: str  # plans.choices.Direction
    aggregation: str  # plans.choices.Aggregation; how the province's figure is made
    series: str  # stock (grows), flow (a yearly amount), share (0–100 %), rate (growth %)
    low: float  # a commune's starting value is drawn between low and high
    high: float
    trend: float  # stock, flow: growth a year; share: points a year; rate: the mean rate
    target: str  # level, level_range, average_growth, growth_rate, annual_change, ...
    comparator: str = ">="
    formula: str = ""
    weight: str = ""  # the code of the weight of a weighted mean


# Ordered so that the indicators a formula or a weight needs come first (--indicators N
# takes the first N).
SPECS = [
    Spec("pop", "Dân số trung bình", "nghìn người", "number", "increase", "sum", "stock",
         3, 40, 0.011, "level"),
    Spec("grdp", "Tổng sản phẩm trên địa bàn (giá hiện hành)", "tỷ đồng", "number",
         "increase", "sum", "stock", 150, 4000, 0.09, "average_growth"),
    Spec("grdp_per_capita", "GRDP bình quân đầu người", "triệu đồng/người", "number",
         "increase", "formula", "derived", 0, 0, 0, "level", formula="grdp / pop"),
    Spec("grdp_growth", "Tốc độ tăng GRDP", "%", "rate", "increase", "none", "rate",
         0, 0, 7.0, "growth_rate"),
    Spec("households", "Số hộ dân cư", "hộ", "number", "increase", "sum", "stock",
         800, 12000, 0.015, "level"),
    Spec("poverty_rate", "Tỷ lệ hộ nghèo đa chiều", "%", "percent", "decrease",
         "weighted_mean", "share", 2, 40, -1.6, "annual_change", "<=", weight="households"),
    Spec("budget_revenue", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", "number",
         "increase", "sum", "stock", 5, 300, 0.1, "average_growth"),
    Spec("exports", "Kim ngạch xuất khẩu", "triệu USD", "number", "increase", "sum", "stock",
         1, 200, 0.08, "average_growth"),
    Spec("retail_sales", "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ", "tỷ đồng", "number",
         "increase", "sum", "stock", 50, 2500, 0.1, "average_growth"),
    Spec("industry_growth", "Tốc độ tăng giá trị sản xuất công nghiệp", "%", "rate",
         "increase", "none", "rate", 0, 0, 9.0, "growth_rate"),
    Spec("agri_growth", "Tốc độ tăng giá trị sản xuất nông nghiệp", "%", "rate", "increase",
         "none", "rate", 0, 0, 3.0, "level"),
    Spec("investment", "Tổng vốn đầu tư toàn xã hội", "tỷ đồng", "number", "increase", "sum",
         "flow", 40, 1500, 0.08, "cumulative"),
    Spec("public_investment", "Vốn đầu tư công", "tỷ đồng", "number", "increase", "sum",
         "flow", 10, 300, 0.05, "cumulative"),
    Spec("new_jobs", "Lao động được tạo việc làm mới", "người", "number", "increase", "sum",
         "flow", 50, 1200, 0.02, "cumulative"),
    Spec("social_housing", "Nhà ở xã hội hoàn thành", "căn", "number", "increase", "sum",
         "flow", 1, 80, 0.12, "cumulative"),
    Spec("unemployment_urban", "Tỷ lệ thất nghiệp khu vực thành thị", "%", "percent",
         "decrease", "mean", "share", 1.5, 6, -0.1, "level", "<"),
    Spec("trained_labour", "Tỷ lệ lao động qua đào tạo", "%", "percent", "increase", "mean",
         "share", 20, 60, 1.8, "annual_change"),
    Spec("malnutrition", "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi", "%",
         "percent", "decrease", "mean", "share", 8, 30, -0.6, "annual_change", "<="),
    Spec("waste_collection", "Tỷ lệ thu gom chất thải rắn sinh hoạt", "%", "percent",
         "increase", "mean", "share", 40, 85, 2.5, "annual_change"),
    Spec("forest_cover", "Tỷ lệ che phủ rừng", "%", "percent", "increase", "mean", "share",
         10, 75, 0.3, "maintain"),
    Spec("health_insurance", "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", "percent",
         "increase", "mean", "share", 80, 95, 0.5, "maintain"),
    Spec("school_enrolment", "Tỷ lệ trẻ em đi học đúng độ tuổi tiểu học", "%", "percent",
         "increase", "mean", "share", 95, 99.5, 0.1, "maintain"),
    Spec("electricity_access", "Tỷ lệ hộ sử dụng điện lưới quốc gia", "%", "percent",
         "increase", "mean", "share", 92, 99.8, 0.3, "maintain"),
    Spec("clean_water", "Tỷ lệ dân cư nông thôn sử dụng nước sạch", "%", "percent",
         "increase", "mean", "share", 50, 90, 2.0, "level"),
    Spec("urbanisation", "Tỷ lệ đô thị hóa", "%", "percent", "increase", "mean", "share",
         5, 60, 0.8, "level"),
    Spec("rural_roads", "Tỷ lệ đường giao thông nông thôn được cứng hóa", "%", "percent",
         "increase", "mean", "share", 40, 90, 3.0, "level"),
    Spec("doctors_per_10k", "Số bác sĩ trên một vạn dân", "bác sĩ", "number", "increase",
         "mean", "stock", 4, 15, 0.04, "level"),
    Spec("hospital_beds_per_10k", "Số giường bệnh trên một vạn dân", "giường", "number",
         "increase", "mean", "stock", 15, 40, 0.03, "level_range", "~"),
    Spec("tourists", "Lượt khách du lịch", "nghìn lượt", "number", "increase", "sum", "stock",
         2, 400, 0.12, "level"),
    Spec("pci_score", "Điểm chỉ số năng lực cạnh tranh (PCI, DCI)", "điểm", "score",
         "increase", "none", "share", 55, 70, 0.4, "level"),
]  # fmt: skip


# --- the throwaway database -----------------------------------------------------------------


# --- generated data -------------------------------------------------------------------------


def load_all_units(province_count: int) -> list:
    """Load the units of the first ``province_count`` provinces; return the new provinces."""
    from vietnamadminunits.database import query

    from plantrack.geo.choices import UnitLevel
    from plantrack.geo.models import AdminUnit
    from plantrack.geo.services import load_units

    rows = query("SELECT DISTINCT provinceCode FROM admin_units")
    codes = sorted(row["provinceCode"] for row in rows)[:province_count]
    for code in codes:
        load_units(code)
    provinces = AdminUnit.objects.filter(
        level=UnitLevel.PROVINCE, code__in=codes, valid_to__isnull=True
    )
    return sorted(provinces, key=lambda unit: unit.code)


def create_indicators(count: int) -> dict:
    """Create the first ``count`` indicators of SPECS; return {code: Indicator}."""
    from plantrack.plans.models import Indicator

    if count > len(SPECS):
        sys.exit(f"--indicators: at most {len(SPECS)}.")
    created: dict = {}
    for spec in SPECS[:count]:
        missing = {spec.weight} - {""} - created.keys()
        missing |= {code for code in ("grdp", "pop") if spec.formula and code not in created}
        if missing:
            sys.exit(f"--indicators {count}: {spec.code} needs {', '.join(sorted(missing))}.")
        created[spec.code] = Indicator.objects.create(
            code=spec.code,
            name=spec.name,
            unit=spec.unit,
            value_type=spec.value_type,
            direction=spec.direction,
            aggregation=spec.aggregation,
            formula=spec.formula,
            weight=created.get(spec.weight),
            source=SOURCE,
        )
    return created


class Generator:
    """Seeded series and targets for one unit: deterministic for a seed and a unit code."""

    def __init__(self, seed: int, years: list[int]) -> None:
        self.seed = seed
        self.years = years

    def unit_series(self, unit_code: str, specs: list[Spec]) -> dict[str, list[float]]:
        """Return {indicator code: one value a year} for a commune."""
        rng = random.Random(f"{self.seed}:{unit_code}")  # noqa: S311 -- benchmark data, not secrets
        series: dict[str, list[float]] = {}
        for spec in specs:
            if spec.series == "derived":
                series[spec.code] = _per_capita(series)
            else:
                series[spec.code] = self._series(rng, spec)
        return series

    def _series(self, rng: random.Random, spec: Spec) -> list[float]:
        n = len(self.years)
        if spec.series == "rate":
            mean = rng.gauss(spec.trend, 1.2)
            return [rng.gauss(mean, 1.5) for _ in range(n)]
        start = math.exp(rng.uniform(math.log(max(spec.low, 0.01)), math.log(spec.high)))
        if spec.series == "share":
            step = rng.gauss(spec.trend, abs(spec.trend) * 0.6 + 0.1)
            values, value = [], start
            for _ in range(n):
                values.append(min(100.0, max(0.0, value)))
                value += step + rng.gauss(0, 0.3)
            return values
        growth = rng.gauss(spec.trend, abs(spec.trend) * 0.4 + 0.005)
        values, value = [], start
        for _ in range(n):
            values.append(value)
            value *= 1 + growth + rng.gauss(0, 0.02)
        return values

    def province_series(self, code: str, specs, communes: list[dict]) -> dict:
        """Return the province's series: its communes combined by the indicator's rule."""
        rng = random.Random(f"{self.seed}:province:{code}")  # noqa: S311 -- benchmark data
        series: dict[str, list[float]] = {}
        for spec in specs:
            columns = list(zip(*(c[spec.code] for c in communes), strict=True))
            if spec.aggregation == "sum":
                series[spec.code] = [sum(column) for column in columns]
            elif spec.aggregation == "mean":
                series[spec.code] = [sum(column) / len(column) for column in columns]
            elif spec.aggregation == "weighted_mean":
                weights = list(zip(*(c[spec.weight] for c in communes), strict=True))
                series[spec.code] = [
                    sum(v * w for v, w in zip(vs, ws, strict=True)) / sum(ws)
                    for vs, ws in zip(columns, weights, strict=True)
                ]
            elif spec.aggregation == "formula":
                series[spec.code] = _per_capita(series)
            else:  # rates and scores: the province's own figure
                series[spec.code] = self._series(rng, spec)
        return series

    def target_values(self, rng: random.Random, spec: Spec, values: list[float]) -> dict:
        """Return the target's fields, set near what the unit's series achieves, so the
        statuses are mixed."""
        by_year = dict(zip(self.years, values, strict=True))
        base = by_year.get(PLAN_START - 1, values[0])
        base_year = PLAN_START - 1 if PLAN_START - 1 in by_year else self.years[0]
        latest, latest_year = values[-1], self.years[-1]
        span = max(1, latest_year - base_year)
        push = rng.uniform(0.5, 2.2)
        if spec.target == "growth_rate":
            mean = sum(values) / len(values)
            return {"value": mean * rng.uniform(0.8, 1.25), "unit": "%/năm"}
        if spec.target == "average_growth":
            cagr = ((latest / base) ** (1 / span) - 1) * 100 if base > 0 < latest else 5.0
            return {"value": cagr * push, "unit": "%/năm"}
        if spec.target == "annual_change":
            return {"value": (latest - base) / span * push, "unit": "điểm %/năm"}
        if spec.target == "cumulative":
            done = [v for y, v in by_year.items() if y >= PLAN_START]
            per_year = sum(done) / len(done) if done else latest
            return {"value": per_year * (PLAN_END - PLAN_START + 1) * push, "unit": spec.unit}
        if spec.target == "maintain":
            recent = [v for y, v in by_year.items() if y >= PLAN_START] or values
            return {"value": min(recent) * rng.uniform(0.985, 1.01), "unit": spec.unit}
        if spec.value_type == "rate":  # a level on a rate: "growth of 3 % in 2030"
            mean = sum(values) / len(values)
            return {"value": mean * rng.uniform(0.8, 1.25), "unit": "%"}
        level = base + (latest - base) / span * (PLAN_END - base_year) * push
        if spec.value_type == "percent":
            level = min(100.0, max(0.0, level))
        if spec.target == "level_range":
            return {"value": level * 0.95, "upper_value": level * 1.05, "unit": spec.unit}
        return {"value": level, "unit": spec.unit}


def _per_capita(series: dict) -> list[float]:
    # grdp_per_capita = grdp / pop: tỷ đồng over thousands of people is million đồng a person.
    return [g / p for g, p in zip(series["grdp"], series["pop"], strict=True)]


def _decimal(value: float, places: int = 2) -> Decimal:
    return Decimal(f"{value:.{places}f}")


def create_plan_data(province, communes, indicators: dict, generator: Generator) -> tuple:
    """Create one province's plan, targets and observations; return (targets, observations)."""
    from plantrack.observations.choices import FigureStatus, WorkflowState
    from plantrack.observations.models import Observation
    from plantrack.plans.choices import PlanKind, PlanStatus, SectionKind, SeriesMeasure
    from plantrack.plans.models import Plan, PlanSection, Target

    specs = [spec for spec in SPECS if spec.code in indicators]
    plan = Plan.objects.create(
        code=f"{BENCH_PREFIX}{province.code}",
        title=f"Quy hoạch {province.name} thời kỳ 2021–2030 (benchmark)",
        kind=PlanKind.MASTER_PLAN,
        period_start=PLAN_START,
        period_end=PLAN_END,
        vision_year=VISION,
        scope_unit=province,
        status=PlanStatus.IN_FORCE,
    )
    section = PlanSection.objects.create(
        plan=plan, kind=SectionKind.SPECIFIC_TARGETS, title="Mục tiêu, chỉ tiêu cụ thể"
    )
    commune_series = [generator.unit_series(c.code, specs) for c in communes]
    province_series = generator.province_series(province.code, specs, commune_series)
    last_year = generator.years[-1]
    targets, observations = [], []
    order = 0
    for unit, series in [(province, province_series), *zip(communes, commune_series, strict=True)]:
        rng = random.Random(f"{generator.seed}:targets:{unit.level}:{unit.code}")  # noqa: S311 -- benchmark
        for spec in specs:
            indicator = indicators[spec.code]
            values = series[spec.code]
            for year, value in zip(generator.years, values, strict=True):
                status = FigureStatus.OFFICIAL
                published = datetime.date(year + 1, 9, 30)
                if year == last_year:
                    status, published = FigureStatus.ESTIMATE, datetime.date(year, 12, 15)
                elif year == last_year - 1:
                    status, published = FigureStatus.PRELIMINARY, datetime.date(year + 1, 3, 31)
                observations.append(
                    Observation(
                        indicator=indicator,
                        unit=unit,
                        period=str(year),
                        value=_decimal(value),
                        status=status,
                        state=WorkflowState.APPROVED,
                        source=SOURCE,
                        published_on=published,
                        is_current=True,
                    )
                )
            fields = generator.target_values(rng, spec, values)
            kind = "level" if spec.target == "level_range" else spec.target
            measure = ""
            if kind in ("average_growth", "growth_rate"):
                measure = (
                    SeriesMeasure.GROWTH_RATE if kind == "growth_rate" else SeriesMeasure.LEVEL
                )
                kind = "average_growth"
            order += 1
            targets.append(
                Target(
                    plan=plan,
                    section=section,
                    indicator=indicator,
                    scope_unit=unit,
                    kind=kind,
                    measure=measure,
                    comparator=spec.comparator,
                    value=_decimal(fields["value"], 4),
                    upper_value=(
                        _decimal(fields["upper_value"], 4) if "upper_value" in fields else None
                    ),
                    unit=fields["unit"],
                    start_year=None if kind == "level" else PLAN_START,
                    target_year=PLAN_END,
                    phrase=f"{spec.name} của {unit.name}: {spec.comparator} "
                    f"{fields['value']:.2f} {fields['unit']} (benchmark)",
                    order=order,
                )
            )
    Target.objects.bulk_create(targets, batch_size=2000)
    Observation.objects.bulk_create(observations, batch_size=2000)
    return len(targets), len(observations)


def build(args) -> None:
    """Load units, indicators, plans, targets and observations; print the counts and times."""
    from django.db import connection, transaction

    from plantrack.geo.choices import UnitLevel
    from plantrack.geo.models import REFORM_DATE, AdminUnit

    started = time.perf_counter()
    provinces = load_all_units(args.provinces)
    communes_of: dict = {p.pk: [] for p in provinces}
    for unit in AdminUnit.objects.filter(
        level=UnitLevel.COMMUNE, valid_from=REFORM_DATE, parent__in=provinces
    ).order_by("code"):
        communes_of[unit.parent_id].append(unit)
    communes = sum(len(units) for units in communes_of.values())
    units_time = time.perf_counter() - started
    print(
        f"units: {len(provinces)} provinces, {communes:,} communes (and the units before "
        f"1 July 2025) loaded with load_units in {units_time:.1f} s"
    )

    started = time.perf_counter()
    years = list(range(FIRST_YEAR_AFTER_DATA - args.years, FIRST_YEAR_AFTER_DATA))
    generator = Generator(args.seed, years)
    targets = observations = 0
    with transaction.atomic():
        indicators = create_indicators(args.indicators)
    for province in provinces:
        with transaction.atomic():
            made = create_plan_data(province, communes_of[province.pk], indicators, generator)
        targets += made[0]
        observations += made[1]
    # Fresh statistics, as autovacuum (PostgreSQL) or a maintained SQLite file would have:
    # without them PostgreSQL plans the assessment's queries for empty tables.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    load_time = time.perf_counter() - started
    print(
        f"data: {len(indicators)} indicators, {len(provinces)} plans, {targets:,} targets, "
        f"{observations:,} observations ({years[0]}–{years[-1]}) stored with bulk_create, "
        f"then ANALYZE, in {load_time:.1f} s"
    )


# --- the timings ----------------------------------------------------------------------------


def scan() -> int:
    """Fetch, with a raw cursor, every row the assessment reads; return how many.

    The bench database holds only the generated figures, so filtering on the indicators
    selects the same rows as the assessment's filter on indicators and the plans' units.
    """
    from django.db import connection

    from plantrack.observations.choices import WorkflowState
    from plantrack.observations.models import Observation
    from plantrack.plans.models import Indicator

    ids = list(Indicator.objects.values_list("pk", flat=True))
    marks = ", ".join(["%s"] * len(ids))
    # Built from constants and the model's table name; the values are parameters.
    query = (
        "SELECT indicator_id, unit_id, period, value, published_on, id "  # noqa: S608
        f"FROM {Observation._meta.db_table} WHERE indicator_id IN ({marks}) "
        "AND breakdown = %s AND state = %s AND is_current = %s AND LENGTH(period) = 4"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [*ids, "", WorkflowState.APPROVED, True])
        rows = cursor.fetchall()
    return len(rows)


def bench_plans():
    from plantrack.plans.models import Plan

    return list(Plan.objects.filter(code__startswith=BENCH_PREFIX).order_by("code"))


def assess_all(as_of: datetime.date) -> int:
    """Re-judge every bench plan (``live.rejudge_all``); return how many judgements changed."""
    from plantrack.progress.live import rejudge_all

    return sum(len(rejudge_all(plan, as_of).changed) for plan in bench_plans())


def clear_judgements() -> None:
    """Forget every judgement and its history, so the next full run writes them all."""
    from plantrack.progress.models import Judgement, JudgementChange

    Judgement.objects.all().delete()
    JudgementChange.objects.all().delete()


def full_assessment(repeat: int, as_of: datetime.date) -> tuple[float, float, int]:
    """Time the full re-assessment from no judgements (every one written), best of ``repeat``."""
    best, cpu, changed = math.inf, math.inf, 0
    for _ in range(repeat):
        clear_judgements()
        started, cpu_started = time.perf_counter(), time.process_time()
        changed = assess_all(as_of)
        elapsed = time.perf_counter() - started
        if elapsed < best:
            best, cpu = elapsed, time.process_time() - cpu_started
    return best, cpu, changed


def statuses_now() -> Counter:
    from plantrack.progress.models import Judgement

    return Counter(Judgement.objects.values_list("status", flat=True))


def approver():
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.get_or_create(
        username="bench-approver", defaults={"is_superuser": True, "is_staff": True}
    )
    return user


def pending_figures(count: int, seed: int) -> list[int]:
    """Record ``count`` new submitted vintages of random approved figures; return their ids.

    Mostly commune figures: one feeds its commune's target, and, for the indicators that add
    up, the province's and those of the formulas that read it.
    """
    from decimal import Decimal

    from plantrack.observations.choices import FigureStatus, WorkflowState
    from plantrack.observations.models import Observation
    from plantrack.observations.vintages import record_observation

    rng = random.Random(f"{seed}:incremental:{count}")  # noqa: S311 -- benchmark
    approved = list(
        # The last year: the current communes exist since 1 July 2025 (earlier years were
        # written around the checks, see the module's text), and estimates get revised.
        Observation.objects.filter(is_current=True, state=WorkflowState.APPROVED, period="2025")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    chosen = rng.sample(approved, count)
    ids = []
    for figure in Observation.objects.filter(pk__in=chosen).select_related("indicator", "unit"):
        observation, _written = record_observation(
            indicator=figure.indicator,
            unit=figure.unit,
            period=figure.period,
            value=(figure.value * Decimal("1.05") + 1).quantize(Decimal("0.0001")),
            status=FigureStatus.PRELIMINARY,
            source=SOURCE + " (vintage mới)",
            state=WorkflowState.SUBMITTED,
        )
        ids.append(observation.pk)
    return ids


def incremental(count: int, seed: int) -> tuple[float, float, int]:
    """Approve ``count`` submitted figures in one call; return (approval s, re-judge s, changed).

    The approval re-judges what the figures feed in the same transaction
    (``observations.signals.figures_changed`` → ``live.rejudge_figures``); the re-judging
    part is timed on its own by wrapping ``live.rejudge_figures``.
    """
    from plantrack.observations.workflow import approve_observations
    from plantrack.progress import live

    ids = pending_figures(count, seed)
    user = approver()
    spent = {"rejudge": 0.0, "changed": 0}
    plain = live.rejudge_figures

    def timed(*args, **kwargs):
        started = time.perf_counter()
        changed = plain(*args, **kwargs)
        spent["rejudge"] += time.perf_counter() - started
        spent["changed"] += len(changed)
        return changed

    live.rejudge_figures = timed
    try:
        started = time.perf_counter()
        approve_observations(ids, user=user)
        elapsed = time.perf_counter() - started
    finally:
        live.rejudge_figures = plain
    return elapsed, spent["rejudge"], spent["changed"]


def best_of(repeat: int, function, *args):
    """Return (best seconds, this process's CPU seconds in that call, the last result)."""
    best, cpu, result = math.inf, math.inf, None
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = function(*args)
        elapsed = time.perf_counter() - started
        if elapsed < best:
            best, cpu = elapsed, time.process_time() - cpu_started
    return best, cpu, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the bench database")
    parser.add_argument("--years", type=int, default=10, help="years of figures (default 10)")
    parser.add_argument("--indicators", type=int, default=len(SPECS), help="default 30")
    parser.add_argument("--provinces", type=int, default=34, help="default all 34")
    parser.add_argument("--repeat", type=int, default=3, help="time each part N times, best")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument(
        "--as-of",
        type=datetime.date.fromisoformat,
        default=None,
        help="assess as of this date (default today, and not before 2026-01-01)",
    )
    args = parser.parse_args()
    if not 1 <= args.years <= FIRST_YEAR_AFTER_DATA - 2000:
        parser.error("--years: between 1 and 26")

    label, cleanup = use_throwaway_database(args.keep, suffix="bench", script="bench/assess.py")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plantrack.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.utils import timezone

    try:
        keeps = "kept" if args.keep else "removed at the end"
        print(f"database: {label} (throwaway, {keeps})")
        call_command("migrate", verbosity=0)
        # DEBUG keeps every query's SQL in memory; production does not. Turned off here
        # (the settings module needs DEBUG=1 for its development secret key).
        settings.DEBUG = False
        build(args)
        as_of = args.as_of or max(timezone.localdate(), datetime.date(FIRST_YEAR_AFTER_DATA, 1, 1))
        # Other work on the machine slows both timings, not always alike: say how busy it was.
        print("load average before timing: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        scan_time, scan_cpu, rows = best_of(args.repeat, scan)
        assess_time, assess_cpu, targets = full_assessment(args.repeat, as_of)
        statuses = statuses_now()
        again_time, again_cpu, unchanged = best_of(args.repeat, assess_all, as_of)
        one_time, one_rejudge, one_changed = incremental(1, args.seed)
        many_time, many_rejudge, many_changed = incremental(1000, args.seed)
        print("statuses: " + ", ".join(f"{name} {n:,}" for name, n in statuses.most_common()))
        best = f" (best of {args.repeat})" if args.repeat > 1 else ""
        print(f"rows scanned: {rows:,}")
        print(f"targets judged: {targets:,} as of {as_of:%Y-%m-%d}")
        # CPU: this process only (all of the work on SQLite; PostgreSQL's server works apart).
        print(f"scan: {scan_time:.2f} s{best}, CPU {scan_cpu:.2f} s")
        print(
            f"first assessment, from no judgements, every one written: {assess_time:.2f} s"
            f"{best}, CPU {assess_cpu:.2f} s"
        )
        print(
            f"full re-assessment, judgements in place: {again_time:.2f} s{best}, "
            f"CPU {again_cpu:.2f} s ({unchanged} changed)"
        )
        print(
            f"incremental, 1 figure approved: {one_time * 1000:.0f} ms "
            f"(re-judging {one_rejudge * 1000:.0f} ms, {one_changed} judgements changed)"
        )
        print(
            f"incremental, 1,000 figures approved: {many_time:.2f} s "
            f"(re-judging {many_rejudge:.2f} s, {many_changed:,} judgements changed)"
        )
        print("load average after timing: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        print(f"ratio first assessment/scan: {assess_time / scan_time:.2f}")
        print(f"ratio incremental 1,000 re-judging/scan: {many_rejudge / scan_time:.2f}")
        print(f"ratio assess/scan: {again_time / scan_time:.2f}")
    finally:
        cleanup()


if __name__ == "__main__":
    main()
