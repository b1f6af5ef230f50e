"""The public pages: thin views that call ``web.services`` and render."""

from django.shortcuts import get_object_or_404, render

from plantrack.plans.models import Indicator
from plantrack.web import services


def home(request):
    """List every plan the visitor may see, its sections, targets and their latest figures."""
    outlines = services.plan_outlines(request.user)
    return render(request, "web/home.html", {"outlines": outlines})


def indicator(request, code: str):
    """Show one indicator: every plan's commitment on it and every figure, with sources."""
    indicator = get_object_or_404(
        Indicator.objects.for_user(request.user).select_related("owner"), code=code
    )
    context = {
        "indicator": indicator,
        "targets": services.indicator_commitments(indicator, request.user),
        "series": services.indicator_series(indicator, request.user),
    }
    return render(request, "web/indicator.html", context)
