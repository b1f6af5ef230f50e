"""A judged level target draws, beside its target point, the path required from its base
year and where the rate achieved so far leads by the target year (chart and table)."""

import datetime
import json
from decimal import Decimal

import pytest

from plantrack.plans.choices import Comparator, TargetKind
from plantrack.plans.models import Target
from plantrack.progress.live import rejudge_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def per_capita_target(master_plan, grdp_per_capita, province, publish):
    for year, value in (("2020", "35.62"), ("2024", "45.13")):
        publish(grdp_per_capita, province, year, value)
    target = Target.objects.create(
        plan=master_plan,
        indicator=grdp_per_capita,
        scope_unit=province,
        kind=TargetKind.LEVEL,
        comparator=Comparator.APPROX,
        value=Decimal("102"),
        unit="triệu đồng/người",
        target_year=2030,
        phrase="GRDP bình quân/người khoảng 102 triệu đồng/người",
    )
    rejudge_all(master_plan, as_of=datetime.date(2025, 6, 30))
    return target


def chart_of(client, code):
    html = client.get(f"/indicators/{code}/").content.decode()
    block = html.split('<script id="indicator-chart-data" type="application/json">', 1)[1]
    return json.loads(block.split("</script>", 1)[0]), html


def test_the_required_path_and_the_projection_are_drawn(client, per_capita_target):
    data, html = chart_of(client, "grdp_per_capita")
    by_kind = {line["kind"]: dict(line["points"]) for line in data["targets"]}

    required, projection = by_kind["required"], by_kind["projection"]
    assert required["2020"] == pytest.approx(35.62)
    assert required["2030"] == pytest.approx(102)
    assert required["2025"] == pytest.approx(35.62 * (102 / 35.62) ** 0.5)  # compound path
    assert projection["2024"] == pytest.approx(45.13)
    assert projection["2030"] < 102  # 6,09 %/năm from 45,13 falls short, as judged
    assert "Lộ trình cần đạt (2021–2030)" in html  # the table's column too
    assert "Dự báo theo tốc độ đã đạt (2021–2030)" in html
