"""Fixtures of the extraction tests (helpers live in extraction_helpers.py).

The registry holds three of Cao Bằng's indicators (GRDP growth comes from tests/conftest.py),
so the seed article's poverty target proposes a new indicator.
"""

import pytest
from extraction_helpers import SEED_PATH

from plantrack.extraction import services
from plantrack.plans.choices import Direction
from plantrack.plans.models import Indicator


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


@pytest.fixture
def registry(grdp_growth, finance) -> dict[str, Indicator]:
    """GRDP growth, GRDP per capita and budget revenue, as the demo names them."""
    per_capita = Indicator.objects.create(
        code="grdp_per_capita",
        name="GRDP bình quân đầu người (giá hiện hành)",
        unit="triệu đồng/người",
        direction=Direction.INCREASE,
        owner=finance,
    )
    budget = Indicator.objects.create(
        code="budget_revenue",
        name="Thu ngân sách nhà nước trên địa bàn",
        unit="tỷ đồng",
        direction=Direction.INCREASE,
        owner=finance,
    )
    return {"grdp_growth": grdp_growth, "grdp_per_capita": per_capita, "budget_revenue": budget}


@pytest.fixture
def seed_run(registry, master_plan, planner):
    """The seed article read for the master plan by Phương, the planner."""
    return services.create_run(
        file_name="000_59b5c3e094bc478f.txt",
        data=SEED_PATH.read_bytes(),
        user=planner,
        plan=master_plan,
        source="Quyết định 1486/QĐ-TTg, Điều 1",
    )
