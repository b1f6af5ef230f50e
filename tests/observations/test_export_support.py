"""Shared builders for the template and export tests (no tests here).

A small Cao Bằng: the province with two districts until 30/6/2025 (one with an old commune)
and two communes from 1/7/2025; Sở Công Thương (``industry``) covers the province and owns
three annual indicators (a turnover in millions of USD, a percentage, a growth rate), one
quarterly and one qualitative indicator.
"""

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import load_workbook

from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import REFORM_DATE, AdminUnit
from plantrack.observations.choices import FigureStatus, WorkflowState
from plantrack.observations.excel_template import CODE_ROW, FIRST_DATA_ROW
from plantrack.observations.vintages import record_observation
from plantrack.plans.choices import Frequency, ValueType
from plantrack.plans.models import Indicator

LAST_LEGACY_DAY = REFORM_DATE - datetime.timedelta(days=1)
SOURCE = "Báo cáo tình hình kinh tế - xã hội năm 2024, Thống kê tỉnh Cao Bằng"


@dataclass
class Setting:
    province: AdminUnit
    districts: list[AdminUnit]
    old_commune: AdminUnit
    communes: list[AdminUnit]
    turnover: Indicator
    share: Indicator
    growth: Indicator
    quarterly: Indicator
    qualitative: Indicator


def build(province, industry) -> Setting:
    """Create the units and Sở Công Thương's indicators; put the agency in the province."""
    industry.unit = province
    industry.save(update_fields=["unit"])
    districts = [
        AdminUnit.objects.create(
            code=code,
            name=name,
            level=UnitLevel.DISTRICT,
            parent=province,
            valid_to=LAST_LEGACY_DAY,
        )
        for code, name in (("040", "Thành phố Cao Bằng"), ("042", "Huyện Bảo Lâm"))
    ]
    old_commune = AdminUnit.objects.create(
        code="01273",
        name="Phường Sông Hiến",
        level=UnitLevel.COMMUNE,
        parent=districts[0],
        valid_to=LAST_LEGACY_DAY,
    )
    communes = [
        AdminUnit.objects.create(
            code=code, name=name, level=UnitLevel.COMMUNE, parent=province, valid_from=REFORM_DATE
        )
        for code, name in (("01273", "Phường Thục Phán"), ("01279", "Phường Nùng Trí Cao"))
    ]
    turnover = Indicator.objects.create(
        code="trade_turnover",
        name="Kim ngạch xuất nhập khẩu qua địa bàn",
        name_en="Import-export turnover through the province",
        unit="triệu USD",
        owner=industry,
        min_value=Decimal(0),
        decimals=1,
    )
    share = Indicator.objects.create(
        code="industry_share",
        name="Tỷ trọng công nghiệp - xây dựng trong GRDP",
        unit="%",
        owner=industry,
        value_type=ValueType.PERCENT,
    )
    growth = Indicator.objects.create(
        code="growth_industry",
        name="Tốc độ tăng giá trị tăng thêm ngành công nghiệp",
        unit="%",
        owner=industry,
        value_type=ValueType.RATE,
    )
    quarterly = Indicator.objects.create(
        code="industrial_production_index",
        name="Chỉ số sản xuất công nghiệp",
        unit="%",
        owner=industry,
        frequency=Frequency.QUARTERLY,
    )
    qualitative = Indicator.objects.create(
        code="industry_cluster_progress",
        name="Tiến độ hình thành cụm công nghiệp",
        owner=industry,
        value_type=ValueType.QUALITATIVE,
    )
    return Setting(
        province, districts, old_commune, communes, turnover, share, growth, quarterly, qualitative
    )


def publish(indicator, unit, period, value, **fields):
    """Record an approved figure through the service that keeps the history."""
    values = {"status": FigureStatus.OFFICIAL, "source": SOURCE, "state": WorkflowState.APPROVED}
    observation, _ = record_observation(
        indicator=indicator, unit=unit, period=period, value=Decimal(value), **(values | fields)
    )
    return observation


def open_workbook(data: bytes):
    return load_workbook(io.BytesIO(data))


def save_workbook(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def input_column(sheet, unit_code: str) -> int:
    """Return the column of a unit's input cells, found by its code in the code row."""
    for cell in sheet[CODE_ROW]:
        if cell.value == unit_code:
            return cell.column
    raise AssertionError(f"no input column for unit {unit_code}")


def indicator_row(sheet, code: str) -> int:
    for row in range(FIRST_DATA_ROW, sheet.max_row + 1):
        if sheet.cell(row=row, column=1).value == code:
            return row
    raise AssertionError(f"no row for indicator {code}")
