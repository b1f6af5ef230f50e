"""A report as of 30/6/2024 uses what was known then: the 2,24 % estimate of 2023 growth;
one as of today uses the revised 3,73 %; two builds on the same data say the same thing."""

import pytest
from report_world import MID_2024, build, docx_text

pytestmark = pytest.mark.django_db


def _grdp(built):
    return next(t for t in built.package()["targets"] if "9,72%/năm" in t["phrase"])


def test_mid_2024_report_uses_the_2023_estimate(reports):
    grdp = _grdp(reports["mid_2024"])
    assert grdp["by_year"]["2023"].startswith("2,24 [")
    assert grdp["latest_status"] == "ước"
    assert grdp["status"] == "off_track"
    assert grdp["required_remaining"] == "13,09 %/năm (2024–2030)"
    figures = reports["mid_2024"].package()["figures"]
    estimate = next(f for f in figures if f["period"] == "2023" and f["value"] == "2,24")
    # Only the estimate was known: it is the first and only vintage then.
    assert estimate["vintage"] == "lần 1/1, công bố 31/12/2023"
    assert not any(f["value"] == "3,73" for f in figures)
    assert "ngày 30/06/2024" in reports["mid_2024"].docx_text()


def test_today_report_uses_the_revised_figure(reports):
    grdp = _grdp(reports["today"])
    assert grdp["by_year"]["2023"].startswith("3,73 [")
    assert grdp["status"] == "needs_acceleration"


def test_two_builds_give_the_same_text(reports):
    again = build(reports["plan"], MID_2024, ["docx", "package"])
    assert docx_text(again.files["docx"]) == reports["mid_2024"].docx_text()
    assert again.run.digest == reports["mid_2024"].run.digest
    assert again.files["package"] == reports["mid_2024"].files["package"]
