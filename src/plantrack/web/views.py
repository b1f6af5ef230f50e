"""The public pages: thin views that call ``web.services`` and render."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from plantrack.geo.choices import UnitLevel
from plantrack.plans.models import Indicator, Plan, Target
from plantrack.progress.models import Judgement
from plantrack.tabular.pipeline import collector_paused
from plantrack.web import services
from plantrack.web.maps import MAP_LEVELS, indicator_map, map_year, sub_provincial_years
from plantrack.web.overview_work import work_overview
from plantrack.web.target_page import target_page
from plantrack.web.templatetags.plantrack import describe_target_value


def home(request):
    """Show the leaders' overview of one plan (``?plan=CODE``; the master plan by default)."""
    try:
        overview = services.plan_overview(request.user, request.GET.get("plan", "").strip())
    except Plan.DoesNotExist:
        raise Http404 from None
    context = {"overview": overview}
    if overview is not None:
        context["chart_data"] = overview.chart_data()
        context["work"] = work_overview(request.user, overview.plan)
    return render(request, "web/home.html", context)


def targets(request):
    """List plans, their sections and targets, narrowed by the query (``TargetFilter``)."""
    chosen = services.TargetFilter.from_query(request.GET)
    listed = services.plan_outlines(request.user, chosen, request.GET.get("page", 1))
    if chosen.plan and not listed.outlines:
        raise Http404
    context = {
        "outlines": listed.outlines,
        "chosen": chosen,
        "described": listed.described,
        "page": listed.page,
        "page_counts": "targets",
        **_page_links(request, listed.page),
    }
    return render(request, "web/targets.html", context)


def target(request, pk: int):
    """Show one target: its judgement, the three methods side by side, its status history."""
    target = get_object_or_404(
        services.targets_marked_replaced(Target.objects.for_user(request.user)).select_related(
            "plan__scope_unit", "section", "indicator__owner", "scope_unit", "supersedes"
        ),
        pk=pk,
    )
    page = target_page(target, request.user)
    context = {"page": page, "target": target, "history_data": page.history_data()}
    return render(request, "web/target.html", context)


@collector_paused()  # a national indicator's thousands of targets and units, no cycles
def indicator(request, code: str):
    """Show one indicator: every plan's commitment on it and every figure, with sources."""
    indicator = get_object_or_404(
        Indicator.objects.for_user(request.user).select_related("owner"), code=code
    )
    targets = services.indicator_commitments(indicator, request.user)
    # Only what the page shows is read (a national indicator has 33,000 figures of 3,300
    # units): the province's figures, the chart's unit's, a page of the units below, and the
    # map's year.
    units = services.indicator_units(indicator, request.user)
    below = [unit for unit in units if unit.level != UnitLevel.PROVINCE]
    page = Paginator(below, UNITS_PER_PAGE).get_page(request.GET.get("page", 1))
    chart_unit = services.targets_unit(target for target in targets if not target.replaced)
    shown = [unit for unit in units if unit.level == UnitLevel.PROVINCE] + list(page)
    series = services.indicator_series(
        indicator, request.user, units=shown + ([chart_unit] if chart_unit else [])
    )
    judgements = {
        judgement.target_id: judgement
        for judgement in Judgement.objects.for_user(request.user).filter(
            target__in=[target.pk for target in targets]
        )
    }
    chart = services.indicator_chart(indicator, targets, series, describe_target_value, judgements)
    try:
        asked = int(request.GET.get("map_year", ""))
    except ValueError:
        asked = None
    years = sub_provincial_years(indicator, request.user)
    year = map_year(years, asked)
    units_map = None
    if year is not None:
        year_series = services.indicator_series(
            indicator, request.user, levels=MAP_LEVELS, period=str(year)
        )
        units_map = indicator_map(year_series, year, years)
    if units_map is not None and chart is not None and len(chart.figures) < 2 and not chart.lines:
        chart = None  # one unit's one figure says less than the map of them all
    # The map's table too (a national indicator's year holds 3,000 communes): the choropleth
    # draws them all, the table lists them a page at a time.
    map_page = None
    if units_map is not None:
        map_page = Paginator(units_map.areas, MAP_AREAS_PER_PAGE).get_page(
            request.GET.get("map_page", 1)
        )
    # Every plan's targets on it, a page at a time too (a national indicator has a target for
    # each of 3,000 communes; the chart draws the province's).
    commitments = Paginator(targets, services.TARGETS_PER_PAGE).get_page(
        request.GET.get("targets_page", 1)
    )
    listed = {unit.pk for unit in shown}
    context = {
        "indicator": indicator,
        "targets": targets,
        "commitments": commitments,
        **_page_links(
            request, commitments, "targets_page", anchor="#commitments", prefix="commitments_"
        ),
        "series": [each for each in series if each.unit.pk in listed],
        "page": page,
        "page_counts": "units",
        **_page_links(request, page),
        "chart": chart,
        "chart_data": chart.data(indicator) if chart is not None else None,
        "map": units_map,
        "map_page": map_page,
        # A year or a page of the map asked for: the page opens on the map's tab.
        "map_chosen": units_map is not None
        and ("map_year" in request.GET or "map_page" in request.GET),
        **(
            _page_links(request, map_page, "map_page", anchor="#over-the-years", prefix="map_")
            if map_page is not None
            else {}
        ),
        "map_data": units_map.data(indicator.unit) if units_map and units_map.drawn else None,
    }
    return render(request, "web/indicator.html", context)


# Units below the province whose figures an indicator page lists at a time.
UNITS_PER_PAGE = 50
# Units the map's table lists at a time: a province's communes on one page (Thanh Hóa, the
# largest after the 2025 reform, has 166), the country's 3,321 on seventeen.
MAP_AREAS_PER_PAGE = 200


def _page_links(
    request, page, parameter: str = "page", *, anchor: str = "", prefix: str = ""
) -> dict[str, str]:
    """Return the addresses of the pages before and after ``page`` (``parameter`` in the
    query, the rest of the query kept), named ``{prefix}previous_url`` and ``…next_url``."""
    links = {}
    for name, there, number in (
        (f"{prefix}previous_url", page.has_previous(), page.number - 1),
        (f"{prefix}next_url", page.has_next(), page.number + 1),
    ):
        query = request.GET.copy()
        query.pop(parameter, None)
        if number > 1:
            query[parameter] = str(number)
        address = f"{request.path}?{query.urlencode()}".rstrip("?")
        links[name] = address + anchor if there else ""
    return links


def open_data(request):
    """Say what is published and how to take it: files of every plan's figures, the API."""
    plans = Plan.objects.for_user(request.user).order_by("-period_start", "code")
    return render(request, "web/open_data.html", {"plans": plans})
