"""The report's charts: a key indicator's yearly figures against its target (matplotlib, Agg).

Numbers on the axes are written as the report's language writes them (9,72 in Vietnamese);
the point's marker says how final the figure is (estimate ○, official ●), as on the pages.
PNG bytes are the same for the same content (no timestamp in the file).
"""

from __future__ import annotations

import io

from plantrack.reports.content import Chart
from plantrack.tabular.numbers import format_rounded

MARKERS = {"official": "o", "preliminary": "s", "estimate": "o", "derived": "D"}
FILLED = {"official", "preliminary"}


def chart_png(chart: Chart, language: str = "vi", dpi: int = 150) -> bytes:
    """Return the chart as PNG bytes, 16 × 8 cm."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    locale = "en" if language == "en" else "vi"
    figure = Figure(figsize=(6.3, 3.1), dpi=dpi)
    axes = figure.subplots()
    years = [year for year, _value, _status in chart.points]
    values = [value for _year, value, _status in chart.points]
    axes.plot(years, values, color="#1f4e79", linewidth=1.5, label=chart.labels["figures"])
    for year, value, status in chart.points:
        filled = status in FILLED
        axes.plot(
            [year],
            [value],
            marker=MARKERS.get(status, "o"),
            markersize=5,
            color="#1f4e79",
            markerfacecolor="#1f4e79" if filled else "white",
        )
    if chart.target_value is not None:
        if chart.flat_target:
            axes.axhline(
                chart.target_value,
                color="#c00000",
                linestyle="--",
                linewidth=1.2,
                label=f"{chart.labels['target']} {format_rounded(chart.target_value, locale)}",
            )
        else:
            start = chart.base or (years[0], values[0])
            axes.plot(
                [start[0], chart.target_year],
                [start[1], chart.target_value],
                color="#c00000",
                linestyle="--",
                linewidth=1.2,
                label=chart.labels["path"],
            )
            axes.plot(
                [chart.target_year],
                [chart.target_value],
                marker="*",
                markersize=9,
                color="#c00000",
                label=f"{chart.labels['target']} {chart.target_year}",
            )
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: format_rounded(v, locale, 2)))
    axes.set_ylabel(chart.unit)
    axes.grid(axis="y", color="#dddddd", linewidth=0.6)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.legend(fontsize=7, frameon=False, loc="best")
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()
