from typing import Any, cast

from django import forms
from django.contrib.auth.models import AnonymousUser, User
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plantrack.plans.models import Plan
from plantrack.reports.choices import ReportFormat, ReportKind, ReportLanguage


class EvaluationForm(forms.Form):
    """Ask for an evaluation report of a plan as of a date (the planner's page)."""

    plan = forms.ModelChoiceField(
        label=_("Quy hoạch, kế hoạch"), queryset=Plan.objects.none(), to_field_name="code"
    )
    as_of = forms.DateField(
        label=_("Số liệu tính đến ngày"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    kind = forms.ChoiceField(
        label=_("Loại đánh giá"), choices=ReportKind.choices, initial=ReportKind.ANNUAL
    )
    year = forms.IntegerField(
        label=_("Năm đánh giá"),
        required=False,
        min_value=1900,
        max_value=2200,
        help_text=_("Để trống: vốn của dự án lũy kế đến ngày báo cáo."),
    )
    formats = forms.MultipleChoiceField(
        label=_("Định dạng"),
        choices=ReportFormat.choices,
        initial=list(ReportFormat.values),
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ChoiceField(
        label=_("Ngôn ngữ"), choices=ReportLanguage.choices, initial=ReportLanguage.VI
    )

    def __init__(self, *args: Any, user: User | AnonymousUser | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plan = cast("forms.ModelChoiceField[Plan]", self.fields["plan"])  # as declared above
        plan.queryset = Plan.objects.for_user(user).order_by("period_start", "code")
        self.fields["as_of"].initial = timezone.localdate()
