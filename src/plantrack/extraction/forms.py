from decimal import Decimal
from pathlib import PurePath

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from plantrack.extraction.choices import CandidateKind
from plantrack.extraction.models import Candidate
from plantrack.extraction.readers import SUPPORTED_SUFFIXES
from plantrack.plans.models import Plan
from plantrack.tabular.numbers import NumberFormatError, format_number, parse_number

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

# The buttons of a candidate's form: what the reviewer decided.
ACCEPT, SAVE, REJECT = "accept", "save", "reject"


class UploadForm(forms.Form):
    """Upload a decision (.txt, .docx, .pdf up to 10 MB) and choose the plan it feeds."""

    file = forms.FileField(label=_("Tệp văn bản (.txt, .docx, .pdf)"))
    plan = forms.ModelChoiceField(
        label=_("Nhập vào quy hoạch, kế hoạch"),
        queryset=Plan.objects.none(),
        required=False,
        empty_label=_("— chọn sau —"),
    )
    source = forms.CharField(
        label=_("Nguồn ghi cho chỉ tiêu"),
        required=False,
        max_length=300,
        help_text=_("Ví dụ: Quyết định 1486/QĐ-TTg, Điều 1. Để trống: số quyết định của kế hoạch."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.for_user(user)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Tệp “%(name)s” lớn hơn 10 MB; hãy tách văn bản thành các tệp nhỏ hơn."),
                params={"name": upload.name},
            )
        if PurePath(upload.name).suffix.lower() not in SUPPORTED_SUFFIXES:
            raise forms.ValidationError(
                _("Tệp “%(name)s” không đúng loại: chỉ nhận tệp .txt, .docx hoặc .pdf."),
                params={"name": upload.name},
            )
        return upload


def _locale() -> str:
    return "en" if (get_language() or "").startswith("en") else "vi"


class NumberInput(forms.TextInput):
    """Show a number as the page's language writes it (9,72 in Vietnamese), without the
    six decimal places the database keeps."""

    def format_value(self, value):
        if isinstance(value, Decimal):
            return format_number(value.normalize() if value else Decimal(0), _locale(), False)
        return super().format_value(value)


class NumberField(forms.DecimalField):
    """A decimal typed in either convention: "9,72", "9.72", "1.500" (Vietnamese first,
    through the same parser as the extractor: numbers.parse_number)."""

    widget = NumberInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_number(str(value), locale=_locale())
        except NumberFormatError:
            raise forms.ValidationError(
                _("“%(value)s” không phải là một số."), code="invalid", params={"value": value}
            ) from None


class CandidateForm(forms.ModelForm):
    """Accept, edit or reject one candidate: its indicator (an existing one or a new one)
    and its comparator, values, unit, kind and years.

    ``indicator_choices`` is built once per page and shared by every form, so a page of a
    hundred candidates reads the indicators once.
    """

    indicator = forms.TypedChoiceField(label=_("Chỉ số"), coerce=int, required=False)
    value = NumberField(label=_("Giá trị"), required=False, max_digits=24, decimal_places=6)
    upper_value = NumberField(
        label=_("Giá trị cận trên"), required=False, max_digits=24, decimal_places=6
    )

    class Meta:
        model = Candidate
        fields = [
            "indicator",
            "new_indicator_code",
            "new_indicator_name",
            "kind",
            "comparator",
            "value",
            "upper_value",
            "unit",
            "period_start",
            "period_end",
            "target_year",
        ]

    def __init__(self, *args, indicator_choices, indicators_by_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators_by_id = indicators_by_id
        self.fields["indicator"].choices = [("", _("— chỉ số mới —")), *indicator_choices]
        if self.instance.indicator_id:
            self.initial["indicator"] = self.instance.indicator_id
        self.fields["kind"].choices = CandidateKind.choices

    def clean_indicator(self):
        chosen = self.cleaned_data.get("indicator")
        if chosen in (None, ""):
            return None
        return self.indicators_by_id[chosen]

    def clean(self):
        data = super().clean()
        action = self.data.get(self.add_prefix("action"))
        if action != ACCEPT:
            return data
        if data.get("indicator") is None and not data.get("new_indicator_code"):
            self.add_error(
                "new_indicator_code",
                _("Chọn một chỉ số có sẵn hoặc đặt mã cho chỉ số mới trước khi chấp nhận."),
            )
        if data.get("kind") != CandidateKind.QUALITATIVE:
            if data.get("value") is None:
                self.add_error("value", _("Chỉ tiêu định lượng phải có giá trị."))
            if not data.get("comparator"):
                self.add_error("comparator", _("Chỉ tiêu định lượng phải có phép so sánh."))
        if data.get("target_year") is None and data.get("period_end") is None:
            self.add_error("target_year", _("Chỉ tiêu phải có năm mục tiêu."))
        return data
