from typing import Any, cast

from django import forms
from django.contrib.auth.models import AnonymousUser, User
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plantrack.plans.models import Plan


class RejudgeForm(forms.Form):
    """Re-judge a whole plan as of a date (the planner's page)."""

    plan = forms.ModelChoiceField(
        label=_("Quy hoạch, kế hoạch"), queryset=Plan.objects.none(), to_field_name="code"
    )
    as_of = forms.DateField(
        label=_("Tính đến ngày"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )

    def __init__(self, *args: Any, user: User | AnonymousUser | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plan = cast("forms.ModelChoiceField[Plan]", self.fields["plan"])  # as declared above
        plan.queryset = Plan.objects.for_user(user).order_by("period_start", "code")
        self.fields["as_of"].initial = timezone.localdate()
