"""The reporting rounds pages: the list of rounds, a round's page, opening and closing.

Signed-in users only; an anonymous visitor is sent to the login page. Planners and admins
see every round and every agency; other members see the rounds that ask their agencies for
figures, and only their own agencies' rows (``ReportingRound.objects.for_user``,
``RoundObligation.objects.for_user``). Opening and closing are for planners and admins;
anyone else gets 404, as for a round that is not theirs.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plantrack.accounts.gates import permissions_of, planners_only
from plantrack.accounts.models import Agency
from plantrack.accounts.permissions import Action, permits
from plantrack.observations import rounds
from plantrack.observations.choices import RoundState
from plantrack.observations.models import ReportingRound, RoundObligation
from plantrack.observations.round_forms import RoundForm
from plantrack.observations.workflow import WorkflowError
from plantrack.plans.models import Indicator

# How many closed rounds the list shows after the open ones.
RECENT_CLOSED_ROUNDS = 20


@login_required
def round_list(request):
    """List the open rounds and the recent closed ones, with the agencies' on-time record."""
    permissions = permissions_of(request)
    everything = permissions.all_seeing
    visible = ReportingRound.objects.for_user(request.user)
    open_rounds = list(visible.filter(closed_at__isnull=True))
    closed_rounds = list(
        visible.filter(closed_at__isnull=False).order_by("-closed_at", "-id")[:RECENT_CLOSED_ROUNDS]
    )
    progress = rounds.round_progress(
        open_rounds + closed_rounds, obligations=RoundObligation.objects.for_user(request.user)
    )
    agency_ids = None if everything else sorted(permissions.agency_ids())
    records = rounds.agency_records(agency_ids)
    agencies = Agency.objects.in_bulk(records.keys())
    record_rows = sorted(
        ({"agency": agencies[pk], "record": record} for pk, record in records.items()),
        # The least punctual first: who is behind is what the page is for.
        key=lambda row: (row["record"].rate, row["agency"].name),
    )
    context = {
        "open_rounds": progress[: len(open_rounds)],
        "closed_rounds": progress[len(open_rounds) :],
        "records": record_rows,
        "may_open": everything,
    }
    return render(request, "observations/rounds.html", context)


@login_required
def round_detail(request, round_id: int):
    """Show one round: per agency what it owes, reported, reported late or never, and its
    on-time record over closed rounds; then each owed figure."""
    reporting_round = get_object_or_404(
        ReportingRound.objects.for_user(request.user).select_related("opened_by", "closed_by"),
        pk=round_id,
    )
    (progress,) = rounds.round_progress(
        [reporting_round], obligations=RoundObligation.objects.for_user(request.user)
    )
    rounds.attach_records([progress])
    context = {
        "progress": progress,
        "round": reporting_round,
        "may_close": progress.state == RoundState.PAST_DEADLINE
        and permits(request.user, Action.APPROVE, reporting_round),
        "round_states": RoundState,
    }
    return render(request, "observations/rounds_detail.html", context)


@planners_only
def round_new(request):
    """Show the form that opens a round; open it."""
    today = timezone.localdate()
    agencies = Agency.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
    form = RoundForm(
        request.POST or None,
        agencies=agencies.select_related("unit").order_by("name"),
        indicators=Indicator.objects.order_by("code"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            reporting_round = rounds.open_round(
                title=form.cleaned_data["title"],
                period=form.cleaned_data["period"],
                deadline=form.cleaned_data["deadline"],
                figure_status=form.cleaned_data["figure_status"],
                note=form.cleaned_data["note"],
                owed=form.owed(),
                user=request.user,
            )
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Đã mở đợt “%(title)s”: %(count)s số liệu phải báo cáo.")
                % {"title": reporting_round.title, "count": reporting_round.obligations.count()},
            )
            return redirect("rounds:detail", round_id=reporting_round.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "observations/rounds_new.html", {"form": form}, status=status)


@require_POST
@planners_only
def round_close(request, round_id: int):
    """Close a round past its deadline and record each agency's outcome."""
    reporting_round = get_object_or_404(ReportingRound.objects.for_user(request.user), pk=round_id)
    try:
        rounds.close_round(reporting_round, user=request.user)
    except WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Đã đóng đợt “%(title)s”.") % {"title": reporting_round.title})
    return redirect("rounds:detail", round_id=reporting_round.pk)
