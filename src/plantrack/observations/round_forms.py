"""The form a planner opens a reporting round with."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from plantrack.observations.choices import FigureStatus
from plantrack.observations.periods import PeriodError, parse_period
from plantrack.observations.rounds import Owed


class RoundForm(forms.Form):
    """Open a round: title, period, deadline and, for each agency, the indicators it owes.

    Each agency's own indicators are ticked by default (``owes_<agency id>``); any other
    indicator can be added from a list (``extra_<agency id>``). ``agencies`` and
    ``indicators`` are read once by the view and shared by every agency's fields.
    """

    title = forms.CharField(label=_("Tên đợt"), max_length=200)
    period = forms.CharField(
        label=_("Kỳ số liệu"),
        max_length=10,
        help_text=_("2025 (năm), 2025Q3 (quý) hoặc 2025-07 (tháng)"),
    )
    deadline = forms.DateField(
        label=_("Hạn báo cáo (đến hết ngày)"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    figure_status = forms.ChoiceField(
        label=_("Tình trạng số liệu yêu cầu"),
        choices=[("", _("Mọi tình trạng")), *FigureStatus.choices],
        required=False,
        help_text=_("Ví dụ: chỉ nhận số liệu chính thức của năm trước."),
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, agencies, indicators, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.agencies = list(agencies)
        self.indicators = {str(indicator.pk): indicator for indicator in indicators}
        for agency in self.agencies:
            own = [i for i in self.indicators.values() if i.owner_id == agency.pk]
            others = [i for i in self.indicators.values() if i.owner_id != agency.pk]
            if own:
                self.fields[f"owes_{agency.pk}"] = forms.MultipleChoiceField(
                    label=_("Chỉ số do cơ quan chủ trì"),
                    choices=[(str(i.pk), f"{i.name} ({i.code})") for i in own],
                    initial=[str(i.pk) for i in own],
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                )
            self.fields[f"extra_{agency.pk}"] = forms.MultipleChoiceField(
                label=_("Chỉ số khác"),
                choices=[(str(i.pk), f"{i.name} ({i.code})") for i in others],
                required=False,
                widget=forms.SelectMultiple(attrs={"size": 4}),
            )

    def round_fields(self) -> list:
        """Return the round's own fields, before the agencies' ones."""
        return [self[name] for name in ("title", "period", "deadline", "figure_status", "note")]

    def agency_fields(self) -> list[dict]:
        """Return, per agency, its two fields for the template (``owes`` may be None)."""
        groups = []
        for agency in self.agencies:
            owes = self[f"owes_{agency.pk}"] if f"owes_{agency.pk}" in self.fields else None
            groups.append({"agency": agency, "owes": owes, "extra": self[f"extra_{agency.pk}"]})
        return groups

    def clean_period(self) -> str:
        try:
            return parse_period(self.cleaned_data["period"]).text
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        if not self.owed():
            raise forms.ValidationError(
                _("Hãy chọn ít nhất một chỉ số mà một cơ quan phải báo cáo.")
            )
        return cleaned

    def owed(self) -> list[Owed]:
        """Return what each agency owes, from the ticked and added indicators."""
        result = []
        for agency in self.agencies:
            chosen = [
                *self.cleaned_data.get(f"owes_{agency.pk}", []),
                *self.cleaned_data.get(f"extra_{agency.pk}", []),
            ]
            indicators = [self.indicators[pk] for pk in dict.fromkeys(chosen)]
            if indicators:
                result.append(Owed(agency=agency, indicators=indicators))
        return result
