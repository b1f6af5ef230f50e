from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from plantrack.accounts.gates import planners_only
from plantrack.progress.forms import RejudgeForm
from plantrack.progress.live import rejudge_all


@planners_only
def rejudge(request: HttpRequest) -> HttpResponse:
    """Re-judge every target of a plan as of a date; show what changed."""
    form = RejudgeForm(request.POST or None, user=request.user)
    sweep = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            sweep = rejudge_all(form.cleaned_data["plan"], form.cleaned_data["as_of"])
        else:
            status = 400
    return render(request, "progress/rejudge.html", {"form": form, "sweep": sweep}, status=status)
