"""A master plan whose targets cover the statuses a leader reads on the overview.

- GRDP growth 9,72 %/năm 2021–2030 (Sở Công Thương's indicator): needs acceleration;
- growth of 8 % in 2025, reached 7,22 % (the same indicator): off track;
- GRDP per capita of about 102 million in 2030, no figure yet (Sở Tài chính): not enough data;
- a qualitative target outside any section, on no indicator: not assessable.
"""

import datetime
from decimal import Decimal

from plantrack.plans.choices import Comparator, SectionKind, SeriesMeasure, TargetKind, ValueType
from plantrack.plans.models import PlanSection, Target
from plantrack.progress.live import rejudge_all

AS_OF = datetime.date(2026, 6, 30)
GROWTH_PHRASE = "tốc độ tăng trưởng kinh tế (GRDP) bình quân thời kỳ 2021 - 2030 đạt 9,72%/năm"
GROWTH_2025_PHRASE = "tăng trưởng kinh tế năm 2025 đạt 8%"
PER_CAPITA_PHRASE = "GRDP bình quân/người khoảng 102 triệu đồng/người"
QUALITATIVE_PHRASE = "hình thành các vùng động lực phát triển của tỉnh"


def build(master_plan, grdp_growth, grdp_per_capita, province, publish) -> dict:
    """Create the plan's sections, targets and figures, judged as of ``AS_OF``."""
    grdp_growth.value_type = ValueType.RATE  # a growth rate, compared with 8 % as it stands
    grdp_growth.save(update_fields=["value_type"])
    for year, value in (("2023", "3.73"), ("2024", "6.74"), ("2025", "7.22")):
        publish(grdp_growth, province, year, value)
    specific = PlanSection.objects.create(
        plan=master_plan,
        kind=SectionKind.SPECIFIC_TARGETS,
        number="b)",
        title="Mục tiêu, chỉ tiêu cụ thể",
        title_en="Specific objectives and targets",
        order=2,
    )
    yearly = PlanSection.objects.create(
        plan=master_plan, kind=SectionKind.SPECIFIC_TARGETS, title="Chỉ tiêu năm 2025", order=3
    )
    targets = {
        "growth": Target.objects.create(
            plan=master_plan,
            section=specific,
            indicator=grdp_growth,
            scope_unit=province,
            kind=TargetKind.AVERAGE_GROWTH,
            measure=SeriesMeasure.GROWTH_RATE,
            comparator=Comparator.GTE,
            value=Decimal("9.72"),
            unit="%/năm",
            start_year=2021,
            target_year=2030,
            phrase=GROWTH_PHRASE,
        ),
        "growth_2025": Target.objects.create(
            plan=master_plan,
            section=yearly,
            indicator=grdp_growth,
            scope_unit=province,
            kind=TargetKind.LEVEL,
            comparator=Comparator.GTE,
            value=Decimal("8"),
            unit="%",
            target_year=2025,
            phrase=GROWTH_2025_PHRASE,
        ),
        "per_capita": Target.objects.create(
            plan=master_plan,
            section=specific,
            indicator=grdp_per_capita,
            scope_unit=province,
            kind=TargetKind.LEVEL,
            comparator=Comparator.APPROX,
            value=Decimal("102"),
            unit="triệu đồng/người",
            target_year=2030,
            phrase=PER_CAPITA_PHRASE,
            order=1,
        ),
        "qualitative": Target.objects.create(
            plan=master_plan,
            kind=TargetKind.QUALITATIVE,
            target_year=2030,
            phrase=QUALITATIVE_PHRASE,
        ),
    }
    rejudge_all(master_plan, as_of=AS_OF)
    return {"sections": {"specific": specific, "yearly": yearly}, "targets": targets}
