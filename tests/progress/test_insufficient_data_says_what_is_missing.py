"""When a target lacks data, its explanation says what is missing: a five-year plan starting
in 2026 with figures up to 2024 lacks its base year 2025, not "a second point"."""

from plantrack.progress import engine


def five_year_level_target() -> engine.Target:
    return engine.Target(
        kind="level", target_year=2030, comparator=">=", value=80.0, start_year=2026
    )


def test_figures_all_before_the_base_year_name_the_missing_base_year():
    series = [(2018, 26.7), (2019, 30.01), (2020, 35.62), (2021, 36.88), (2024, 45.13)]

    judged = engine.assess(five_year_level_target(), series, 2026)

    assert judged.status == engine.INSUFFICIENT_DATA
    assert judged.explanation_vi == (
        "Chưa đủ số liệu: chưa có số liệu của năm gốc 2025 hay năm nào trong thời kỳ "
        "2026–2030 (số liệu hiện có: năm 2018, 2019, 2020, 2021, 2024)."
    )
    assert "no figure yet for the base year 2025" in judged.explanation_en


def test_a_figure_in_the_period_is_judged_once_a_later_one_arrives():
    judged = engine.assess(five_year_level_target(), [(2025, 50.0), (2026, 56.0)], 2027)

    assert judged.status != engine.INSUFFICIENT_DATA
