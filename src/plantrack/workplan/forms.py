from django import forms
from django.utils.translation import gettext_lazy as _

from plantrack.workplan.choices import TaskStatus


class DayInput(forms.DateInput):
    """A browser date picker. ``<input type=date>`` takes its value as yyyy-mm-dd whatever
    the page's language: the Vietnamese input format (03/12/2026) would leave it blank."""

    input_type = "date"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class TaskUpdateForm(forms.Form):
    date = forms.DateField(label=_("Ngày"), widget=DayInput())
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))
    percent_complete = forms.IntegerField(
        label=_("Tiến độ (%)"), min_value=0, max_value=100, required=False
    )
    new_status = forms.ChoiceField(
        label=_("Tình trạng mới"),
        choices=[("", _("(không đổi)")), *TaskStatus.choices],
        required=False,
    )
    # A form field's name: taken off the class by Django's form metaclass, so it does not
    # hide BaseForm.files, which django-stubs cannot tell.
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Minh chứng (PDF, Word, Excel, ảnh)"),
        required=False,
    )


class MoveDeadlineForm(forms.Form):
    new_deadline = forms.DateField(label=_("Thời hạn mới"), widget=DayInput())
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))
