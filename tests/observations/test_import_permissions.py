"""Who may import what: a reporter only its agency's indicators for units in its remit,
``approve`` only with the approver role, a planner anything.

The demo's owners (an illustrative assignment): trade_turnover belongs to Sở Công Thương
(SCT), grdp_growth to Thống kê tỉnh (TK).
"""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from plantrack.accounts.choices import Role
from plantrack.accounts.models import Agency, Membership
from plantrack.geo.models import AdminUnit
from plantrack.observations.choices import WorkflowState
from plantrack.observations.imports import import_observations
from plantrack.observations.models import Observation
from plantrack.plans.models import Indicator

pytestmark = pytest.mark.django_db

HEADER = ("indicator", "unit", "period", "value")
TRADE = ("trade_turnover", "04", "2025", "1.020,5")
GROWTH = ("grdp_growth", "04", "2026", "7,5")


def run(csv_file, user, *rows, **options):
    return import_observations(csv_file(rows, HEADER), "quyen.csv", user=user, **options)


def codes(report):
    return [(p.code, p.row) for p in report.errors]


def trade_2025():
    return Observation.objects.filter(indicator__code="trade_turnover", period="2025")


def test_a_reporter_imports_its_agencys_indicator(demo, demo_member, csv_file):
    reporter = demo_member("cong", Role.REPORTER, "SCT")

    report = run(csv_file, reporter, TRADE)

    assert report.errors == []
    figure = trade_2025().get()
    assert (figure.value, figure.state, figure.agency.code) == (
        Decimal("1020.5"),
        WorkflowState.SUBMITTED,
        "SCT",
    )


def test_another_agencys_indicator_refuses_the_whole_file(demo, demo_member, csv_file, tables):
    reporter = demo_member("cong", Role.REPORTER, "SCT")
    before = tables()

    report = run(csv_file, reporter, TRADE, GROWTH)

    (problem,) = report.errors
    assert (problem.code, problem.row, problem.column, problem.value) == (
        "not_permitted",
        3,
        "indicator",
        "grdp_growth",
    )
    assert problem.message == (
        "Bạn không được báo cáo chỉ số grdp_growth cho Tỉnh Cao Bằng (04): chỉ số này thuộc "
        "Thống kê tỉnh Cao Bằng."
    )
    assert tables() == before


def test_a_reporter_may_not_approve_while_importing(demo, demo_member, csv_file):
    reporter = demo_member("cong", Role.REPORTER, "SCT")

    report = run(csv_file, reporter, TRADE, approve=True)

    (problem,) = report.errors
    assert (problem.code, problem.row) == ("not_permitted", 2)
    assert problem.message == "Bạn không được phê duyệt số liệu của chỉ số trade_turnover."
    assert not trade_2025().exists()


def test_a_reporter_who_is_also_approver_does_not_approve_own_import(demo, demo_member, csv_file):
    user = demo_member("cong", Role.REPORTER, "SCT")
    Membership.objects.create(user=user, agency=Agency.objects.get(code="SCT"), role=Role.APPROVER)

    report = run(csv_file, user, ("trade_turnover", "04", "2024", "950"), approve=True)

    assert codes(report) == [("self_approval", None)]
    assert "nguyên tắc bốn mắt" in report.errors[0].message
    assert not Observation.objects.filter(indicator__code="trade_turnover", value=950).exists()


def test_a_one_person_office_imports_approved_figures_marked_as_self_approved(
    demo, demo_member, csv_file, settings
):
    settings.PLANTRACK_ALLOW_SELF_APPROVAL = True
    user = demo_member("cong", Role.REPORTER, "SCT")
    Membership.objects.create(user=user, agency=Agency.objects.get(code="SCT"), role=Role.APPROVER)

    report = run(csv_file, user, ("trade_turnover", "04", "2024", "950"), approve=True)

    assert report.errors == []
    current = Observation.objects.current().get(indicator__code="trade_turnover", period="2024")
    assert (current.value, current.state) == (Decimal("950"), WorkflowState.APPROVED)
    assert current.supersedes.value == Decimal("946.462")
    created = current.revisions.get()
    assert created.changes == {"self_approval": [False, True]}
    assert "tự phê duyệt" in created.reason


def test_an_approver_alone_does_not_enter_figures(demo, demo_member, csv_file):
    approver = demo_member("an", Role.APPROVER, "SCT")

    report = run(csv_file, approver, TRADE, approve=True)

    assert codes(report) == [("not_permitted", 2)]


def test_a_planner_imports_any_agencys_figures_and_may_approve(
    demo, demo_member, csv_file, settings
):
    settings.PLANTRACK_ALLOW_SELF_APPROVAL = True  # the planner approves what it imports
    planner = demo_member("phuong", Role.PLANNER, "STC")

    report = run(csv_file, planner, TRADE, GROWTH, approve=True)

    assert report.errors == []
    assert set(
        Observation.objects.filter(
            period__in=["2025", "2026"], import_batch=report.batch
        ).values_list("state", flat=True)
    ) == {WorkflowState.APPROVED}


@pytest.mark.parametrize("who", ["viewer", "anonymous", "nobody"])
def test_viewers_and_anonymous_visitors_import_nothing(who, demo, demo_member, csv_file):
    user = {
        "viewer": lambda: demo_member("xem", Role.VIEWER, "UBND"),
        "anonymous": AnonymousUser,
        "nobody": lambda: None,
    }[who]()

    report = run(csv_file, user, TRADE)

    assert codes(report) == [("not_permitted", 2)]
    assert not trade_2025().exists()


def test_a_reporter_cannot_import_in_another_agencys_name(demo, demo_member, csv_file):
    reporter = demo_member("cong", Role.REPORTER, "SCT")

    report = run(csv_file, reporter, TRADE, agency=Agency.objects.get(code="SYT"))

    (problem,) = report.errors
    assert (problem.code, problem.row, problem.value) == ("not_permitted", None, "SYT")
    assert (
        problem.message == "Bạn không thuộc Sở Y tế nên không nhập số liệu thay cơ quan này được."
    )


def test_a_district_reporter_imports_only_for_units_in_its_district(demo, demo_member, csv_file):
    bao_lam = AdminUnit.objects.get(code="042")
    district = Agency.objects.create(code="UBND-BL", name="UBND huyện Bảo Lâm", unit=bao_lam)
    Indicator.objects.create(code="poor_households", name="Số hộ nghèo", owner=district)
    reporter = demo_member("lam", Role.REPORTER, "UBND-BL")

    report = run(
        csv_file,
        reporter,
        ("poor_households", "01294", "2024", "312"),  # Xã Lý Bôn, in Bảo Lâm
        ("poor_households", "01351", "2024", "205"),  # Xã Hưng Đạo of Bảo Lạc
        ("poor_households", "04", "2024", "9000"),  # the province: above the remit
    )

    assert codes(report) == [("not_permitted", 3), ("not_permitted", 4)]
