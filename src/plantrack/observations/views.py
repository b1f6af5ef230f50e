"""Downloads: open data for everyone; for signed-in users, figures exported and an
agency's Excel template.

``open_data`` needs no login and sends the published figures only (approved, current: what
``Observation.objects.for_user`` shows an anonymous visitor, narrowed by ``published``),
whoever asks, so the public file is the same for a visitor and a member. The others are
thin: they read the query string, call ``export`` or ``excel_template``, and send
the file. What a user gets goes through ``for_user``: figures they may see; templates of
their own agencies (every agency for planners and admins). A code that names nothing, or
something the user may not see, is 404 alike.
"""

import io

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from plantrack.accounts.models import Agency
from plantrack.accounts.permissions import Permissions
from plantrack.observations.excel_template import LOCALES, TemplateError, write_template
from plantrack.observations.export import export_bytes, published, select_observations
from plantrack.observations.models import Observation
from plantrack.plans.models import Plan
from plantrack.tabular.writers import FORMAT_INFO, ExportError, ExportFormat


@require_GET
def export(request):
    """Send the current figures the user may see, filtered by ``plan``, ``indicator`` and
    ``unit`` codes, as ``format`` csv (default), xlsx or sdmx-csv. An anonymous visitor is
    sent to the open data (``open_data``) with the same query."""
    if not request.user.is_authenticated:
        query = request.GET.urlencode()
        return redirect(reverse("observations:open_data") + (f"?{query}" if query else ""))
    file_format = request.GET.get("format") or ExportFormat.CSV
    if file_format not in ExportFormat.values:
        return _bad_request(
            _("Định dạng “%(format)s” không hỗ trợ: dùng %(choices)s.")
            % {"format": file_format, "choices": ", ".join(ExportFormat.values)}
        )
    try:
        selected = select_observations(
            Observation.objects.for_user(request.user),
            plans=Plan.objects.for_user(request.user),
            plan=request.GET.get("plan"),
            indicator=request.GET.get("indicator"),
            unit=request.GET.get("unit"),
        )
    except ExportError as error:
        raise Http404(str(error)) from error
    info = FORMAT_INFO[ExportFormat(file_format)]
    name = f"plantrack-so-lieu-{timezone.localdate():%Y%m%d}.{info.extension}"
    return _file(export_bytes(selected, file_format), name, info.content_type)


@require_GET
def open_data(request):
    """Send the published figures (approved, current), filtered by ``plan``, ``indicator``
    and ``unit`` codes, as ``format`` csv (default), xlsx or sdmx-csv; no login needed.

    A plan not yet adopted is unknown here, as for any visitor; nothing a reporter or an
    approver is still working on is in the file, even when a member downloads it.
    """
    file_format = request.GET.get("format") or ExportFormat.CSV
    if file_format not in ExportFormat.values:
        return _bad_request(
            _("Định dạng “%(format)s” không hỗ trợ: dùng %(choices)s.")
            % {"format": file_format, "choices": ", ".join(ExportFormat.values)}
        )
    public = AnonymousUser()
    try:
        selected = select_observations(
            published(Observation.objects.for_user(public)),
            plans=Plan.objects.for_user(public),
            plan=request.GET.get("plan"),
            indicator=request.GET.get("indicator"),
            unit=request.GET.get("unit"),
        )
    except ExportError as error:
        raise Http404(str(error)) from error
    info = FORMAT_INFO[ExportFormat(file_format)]
    name = f"plantrack-du-lieu-mo-{timezone.localdate():%Y%m%d}.{info.extension}"
    return _file(export_bytes(selected, file_format), name, info.content_type)


@require_GET
@login_required
def template(request):
    """Send the Excel template of ``agency`` (a code) for ``period``, in ``locale`` (the
    page's language unless told)."""
    user = request.user
    agencies = Agency.objects.select_related("unit")
    permissions = Permissions.of(user)
    if not permissions.all_seeing:
        agencies = agencies.filter(pk__in=permissions.agency_ids())
    agency = get_object_or_404(agencies, code=(request.GET.get("agency") or "").strip())
    locale = request.GET.get("locale") or (get_language() or "vi")[:2]
    if locale not in LOCALES:
        locale = "vi"
    period = (request.GET.get("period") or "").strip()
    try:
        data = write_template(
            agency, period, locale=locale, observations=Observation.objects.for_user(user)
        )
    except TemplateError as error:
        return _bad_request(str(error))
    name = f"bieu-mau-{agency.code}-{period}.xlsx"
    content_type = FORMAT_INFO[ExportFormat.XLSX].content_type
    return _file(data, name, content_type)


def _file(data: bytes, name: str, content_type: str) -> FileResponse:
    return FileResponse(
        io.BytesIO(data), as_attachment=True, filename=name, content_type=content_type
    )


def _bad_request(message: str) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
