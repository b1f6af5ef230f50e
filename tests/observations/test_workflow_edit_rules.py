"""What an edit may change: not an approved figure, only the editable fields, and a value
that keeps the indicator's allowed range (the importer's own range check)."""

from decimal import Decimal

import pytest

from plantrack.observations.choices import FigureStatus, WorkflowState
from plantrack.observations.models import Observation
from plantrack.observations.vintages import record_observation
from plantrack.observations.workflow import WorkflowError, edit_observation
from plantrack.plans.choices import ValueType
from plantrack.plans.models import Indicator

pytestmark = pytest.mark.django_db


def figure(indicator, unit, value="50", state=WorkflowState.DRAFT):
    observation, _created = record_observation(
        indicator=indicator,
        unit=unit,
        period="2024",
        value=Decimal(value),
        status=FigureStatus.ESTIMATE,
        source="Sở Công Thương",
        state=state,
    )
    return observation


@pytest.fixture
def share(industry):
    return Indicator.objects.create(
        code="industry_share",
        name="Tỷ trọng công nghiệp",
        value_type=ValueType.PERCENT,
        owner=industry,
    )


@pytest.fixture
def rank(industry):
    return Indicator.objects.create(
        code="export_rank", name="Xếp hạng xuất khẩu", value_type=ValueType.RANK, owner=industry
    )


def refused(observation, user, **changes) -> WorkflowError:
    with pytest.raises(WorkflowError) as caught:
        edit_observation(observation.pk, user=user, expected_version=observation.version, **changes)
    return caught.value


def test_an_approved_figure_is_not_edited_in_place(grdp_growth, province, planner):
    approved = figure(grdp_growth, province, "6.74", WorkflowState.APPROVED)

    error = refused(approved, planner, value="6.9")

    assert error.code == "wrong_state"
    assert str(error) == (
        "Số liệu đã phê duyệt không sửa trực tiếp: hãy nhập số liệu mới thay thế."
    )
    assert Observation.objects.get().value == Decimal("6.74")


def test_a_percentage_above_100_is_refused(share, province, reporter):
    draft = figure(share, province)

    error = refused(draft, reporter, value="120")

    assert error.code == "out_of_range"
    assert str(error) == "Giá trị 120 nằm ngoài khoảng cho phép 0 – 100 của industry_share."
    assert Observation.objects.get().value == Decimal("50")


def test_the_indicators_own_range_is_kept(grdp_growth, province, reporter):
    grdp_growth.min_value, grdp_growth.max_value = Decimal(-20), Decimal(30)
    grdp_growth.save(update_fields=["min_value", "max_value"])
    draft = figure(grdp_growth, province, "6.74")

    assert refused(draft, reporter, value="-25").code == "out_of_range"
    edit_observation(draft.pk, user=reporter, expected_version=1, value="-2.5")
    assert Observation.objects.get().value == Decimal("-2.5")


def test_a_rank_stays_a_positive_whole_number(rank, province, reporter):
    draft = figure(rank, province, "12")

    error = refused(draft, reporter, value="2.5")

    assert (error.code, str(error)) == (
        "out_of_range",
        "Thứ hạng phải là số nguyên dương, không phải 2,5.",
    )


def test_a_value_that_is_not_a_number_is_refused(grdp_growth, province, reporter):
    draft = figure(grdp_growth, province, "6.74")

    error = refused(draft, reporter, value="sáu")

    assert (error.code, str(error)) == ("not_a_number", "“sáu” không phải là một số.")


def test_only_the_editable_fields_may_change(grdp_growth, province, reporter):
    draft = figure(grdp_growth, province, "6.74")

    error = refused(draft, reporter, state=WorkflowState.APPROVED, period="2025")

    assert (error.code, str(error)) == ("invalid_field", "Không sửa được trường: period, state.")


def test_a_figure_keeps_its_source(grdp_growth, province, reporter):
    draft = figure(grdp_growth, province, "6.74")

    error = refused(draft, reporter, source="")

    assert error.code == "invalid"
    assert Observation.objects.get().source == "Sở Công Thương"


def test_a_breakdown_cannot_collide_with_another_current_figure(grdp_growth, province, reporter):
    total = figure(grdp_growth, province, "6.74")
    record_observation(
        indicator=grdp_growth,
        unit=province,
        period="2024",
        breakdown="khu_vuc=thanh_thi",
        value=Decimal("8.1"),
        status=FigureStatus.ESTIMATE,
        source="Sở Công Thương",
    )

    error = refused(total, reporter, breakdown="khu_vuc=thanh_thi")

    assert error.code == "invalid"
    assert "Đã có số liệu hiện hành cho chỉ số, đơn vị, kỳ và phân tổ này." in str(error)


def test_a_value_is_read_as_the_importer_reads_a_cell(grdp_growth, province, reporter):
    draft = figure(grdp_growth, province, "6.74")

    edited = edit_observation(draft.pk, user=reporter, expected_version=1, value="6,8")
    assert edited.value == Decimal("6.8")
    edit_observation(draft.pk, user=reporter, expected_version=2, value=7.1)
    assert Observation.objects.get().value == Decimal("7.1")
