"""``plantrack template``: writes the agency's template; refuses what it cannot make."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook
from test_export_support import build

from plantrack.observations.importing import DATA_SHEET, META_SHEET


@pytest.fixture
def setting(province, industry):
    return build(province, industry)


def run(*args) -> str:
    out = io.StringIO()
    call_command("template", *args, stdout=out)
    return out.getvalue()


def test_writes_the_template_and_says_what_it_holds(setting, tmp_path):
    path = tmp_path / "bieu-mau.xlsx"

    message = run("--agency", "SCT", "--period", "2025", "-o", str(path))

    assert message.strip() == (
        f"Đã ghi biểu mẫu của Sở Công Thương, kỳ 2025 (3 chỉ số × 3 đơn vị), vào {path}."
    )
    workbook = load_workbook(path)
    assert workbook.sheetnames == [DATA_SHEET, META_SHEET]


def test_english_locale(setting, tmp_path):
    path = tmp_path / "template.xlsx"

    run("--agency", "SCT", "--period", "2025Q1", "-o", str(path), "--locale", "en")

    meta = dict(load_workbook(path)[META_SHEET].iter_rows(values_only=True))
    assert (meta["locale"], meta["period"]) == ("en", "2025Q1")


@pytest.mark.parametrize(
    ("args", "message", "returncode"),
    [
        (["--agency", "SXX", "--period", "2025"], "Không có cơ quan mã “SXX”.", 2),
        (["--agency", "SCT", "--period", "năm 2025"], "Kỳ “năm 2025” không đúng dạng", 2),
        (
            ["--agency", "SYT", "--period", "2025"],
            "Sở Y tế không chủ trì chỉ số nào báo cáo theo kỳ 2025.",
            1,
        ),
    ],
)
def test_refusals_say_why(setting, health, tmp_path, args, message, returncode):
    path = tmp_path / "bieu-mau.xlsx"

    with pytest.raises(CommandError) as refused:
        run(*args, "-o", str(path))

    assert str(refused.value).startswith(message)
    assert refused.value.returncode == returncode
    assert not path.exists()


def test_an_unwritable_output_is_a_usage_error(setting, tmp_path):
    with pytest.raises(CommandError) as refused:
        run("--agency", "SCT", "--period", "2025", "-o", str(tmp_path / "no" / "such.xlsx"))

    assert refused.value.returncode == 2
    assert "Không ghi được tệp" in str(refused.value)
