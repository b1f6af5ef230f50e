"""``plantrack extract FILE --plan CODE --apply`` imports what was reviewed, never more."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from extraction_helpers import SEED_PATH

from plantrack.extraction import services
from plantrack.extraction.choices import ReviewState
from plantrack.plans.models import Target

pytestmark = pytest.mark.django_db


def test_apply_imports_the_candidates_accepted_in_the_review(capsys, planner, seed_run):
    for candidate in seed_run.candidates.filter(order__in=[1, 3]):
        services.review_candidate(candidate, planner, state=ReviewState.ACCEPTED, changes={})

    call_command("extract", str(SEED_PATH), "--plan", "QH-CB-2021-2030", "--apply")

    assert "Đã nhập 2 chỉ tiêu" in capsys.readouterr().out
    assert sorted(Target.objects.values_list("value", flat=True)) == [Decimal("9.72"), 12]
    call_command("extract", str(SEED_PATH), "--plan", "QH-CB-2021-2030", "--apply")
    assert "Đã nhập 0 chỉ tiêu" in capsys.readouterr().out
    assert Target.objects.count() == 2


def test_apply_without_a_review_says_so_and_fails(seed_run):
    with pytest.raises(CommandError, match="Chưa có chỉ tiêu nào .* được chấp nhận"):
        call_command("extract", str(SEED_PATH), "--plan", "QH-CB-2021-2030", "--apply")

    assert Target.objects.count() == 0


def test_apply_needs_a_known_plan(seed_run):
    with pytest.raises(CommandError, match="cần --plan"):
        call_command("extract", str(SEED_PATH), "--apply")
    with pytest.raises(CommandError, match="Không có quy hoạch, kế hoạch mã “KHONG-CO”"):
        call_command("extract", str(SEED_PATH), "--plan", "KHONG-CO", "--apply")


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        call_command("extract", str(tmp_path / "khong-co.txt"))


def test_the_help_says_it_never_creates_unreviewed_targets(capsys):
    with pytest.raises(SystemExit):
        call_command("extract", "--help")

    assert "không bao giờ tạo chỉ tiêu chưa được rà soát" in " ".join(
        capsys.readouterr().out.split()
    )
