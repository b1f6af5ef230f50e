"""The forms of the data-entry pages (``entry_views``): upload a file, enter one figure,
edit one figure.

They only parse what the user typed; the services decide (``import_observations``,
``enter_observation``, ``edit_observation``): a number is read there, as the importer
reads a cell, so the form keeps the text as typed.
"""

from pathlib import PurePath
from typing import cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from plantrack.observations.choices import FigureStatus
from plantrack.tabular.formatting import number_text
from plantrack.tabular.limits import size_text

# What the importer reads; an .xls reaches it too, so its own message says to save as .xlsx.
IMPORT_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".json", ".xls")


class ImportForm(forms.Form):
    """Upload a file of figures: CSV, XLSX or JSON, in the long layout or the template."""

    file = forms.FileField(
        label=_("Tệp số liệu (.csv, .xlsx, .json)"),
    )
    dry_run = forms.BooleanField(
        label=_("Chỉ kiểm tra, không ghi"),
        required=False,
        help_text=_("Chạy mọi bước kiểm tra và cho biết kết quả nếu nhập thật; không ghi gì."),
    )
    locale = forms.ChoiceField(
        label=_("Kiểu số"),
        required=False,
        choices=[
            ("", _("Tự nhận biết")),
            ("vi", _("Kiểu Việt Nam: 1.234,5")),
            ("en", _("Kiểu Anh: 1,234.5")),
        ],
        help_text=_("Quyết định cách đọc số viết kiểu “1.234” (đọc được hai cách)."),
    )
    agency = forms.TypedChoiceField(label=_("Cơ quan báo cáo"), coerce=int, required=False)
    approve = forms.BooleanField(
        label=_("Phê duyệt luôn"),
        required=False,
        help_text=_(
            "Ghi số liệu ở trạng thái đã phê duyệt; cần quyền phê duyệt mọi chỉ số trong tệp."
        ),
    )

    def __init__(self, *args, agencies, may_approve: bool, agency_required: bool, **kwargs):
        """``agencies`` are those the user may import for, read once by the view."""
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Tối đa %(limit)s. Dạng dọc (mỗi dòng một giá trị) hoặc biểu mẫu Excel."
        ) % {"limit": size_text(settings.PLANTRACK_IMPORT_MAX_BYTES)}
        self.agencies = {agency.pk: agency for agency in agencies}
        field = cast(forms.TypedChoiceField, self.fields["agency"])  # as declared above
        field.required = agency_required
        choices = [(agency.pk, agency.name) for agency in self.agencies.values()]
        field.choices = choices if agency_required else [("", _("— không ghi cơ quan —")), *choices]
        if not may_approve:
            # Not shown, and not read: a forged "approve" is ignored, not obeyed.
            del self.fields["approve"]

    def clean_agency(self):
        chosen = self.cleaned_data.get("agency")
        return self.agencies.get(chosen) if chosen not in (None, "") else None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.PLANTRACK_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _(
                    "Tệp “%(name)s” lớn %(size)s MB, quá giới hạn %(limit)s: hãy tách thành "
                    "nhiều tệp nhỏ hơn (ví dụ mỗi tệp một nhóm chỉ số)."
                ),
                params={
                    "name": upload.name,
                    "size": round(upload.size / 1024 / 1024, 1),
                    "limit": size_text(settings.PLANTRACK_IMPORT_MAX_BYTES),
                },
            )
        if PurePath(upload.name).suffix.lower() not in IMPORT_SUFFIXES:
            raise forms.ValidationError(
                _("Tệp “%(name)s” không đúng loại: chỉ nhận tệp .csv, .xlsx hoặc .json."),
                params={"name": upload.name},
            )
        return upload


class FigureForm(forms.Form):
    """Enter one figure: an indicator the user may report, a unit, a period and a value.

    ``indicators`` and ``units`` are (code, label) pairs the view builds from the user's
    rights; the value stays text, read by ``enter_observation`` in the page's style.
    """

    indicator = forms.ChoiceField(label=_("Chỉ số"))
    unit = forms.ChoiceField(label=_("Đơn vị hành chính"))
    period = forms.CharField(
        label=_("Kỳ"), max_length=10, help_text=_("2025 (năm), 2025Q3 (quý) hoặc 2025-07 (tháng)")
    )
    value = forms.CharField(
        label=_("Giá trị"), max_length=40, help_text=_("Ví dụ 6,74 hoặc 1.234,5")
    )
    status = forms.ChoiceField(
        label=_("Tình trạng số liệu"), choices=FigureStatus.choices, initial=FigureStatus.ESTIMATE
    )
    source = forms.CharField(
        label=_("Nguồn"),
        max_length=1000,
        help_text=_("Văn bản, báo cáo công bố số liệu: số hiệu, ngày, cơ quan ban hành."),
    )
    comment = forms.CharField(
        label=_("Ghi chú, giải thích"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bắt buộc khi giá trị thay đổi nhiều so với kỳ trước."),
    )
    submit = forms.BooleanField(label=_("Gửi duyệt ngay"), required=False)

    # The period comes before the unit: it chooses the units offered (before or after the
    # 2025 reform).
    field_order = ["indicator", "period", "unit"]

    def __init__(self, *args, indicators, units, refresh_url: str = "", **kwargs):
        """``units`` are grouped choices; ``refresh_url`` (the page itself) is asked by htmx
        for the units of a period as soon as the period is typed."""
        super().__init__(*args, **kwargs)
        indicator = cast(forms.ChoiceField, self.fields["indicator"])  # as declared above
        indicator.choices = [("", _("— chọn chỉ số —")), *indicators]
        unit = cast(forms.ChoiceField, self.fields["unit"])
        unit.choices = [("", _("— chọn đơn vị —")), *units]
        if refresh_url:
            self.fields["period"].widget.attrs.update(
                {
                    "hx-get": refresh_url,
                    "hx-trigger": "change",
                    "hx-include": "closest form",
                    "hx-target": "#id_unit",
                    "hx-select": "#id_unit",
                    "hx-swap": "outerHTML",
                }
            )


class EditForm(forms.Form):
    """Change a draft or rejected figure, carrying the version it was loaded at."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    value = forms.CharField(label=_("Giá trị"), max_length=40)
    status = forms.ChoiceField(label=_("Tình trạng số liệu"), choices=FigureStatus.choices)
    source = forms.CharField(label=_("Nguồn"), max_length=1000)
    comment = forms.CharField(
        label=_("Ghi chú, giải thích"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    reason = forms.CharField(
        label=_("Lý do sửa"),
        required=False,
        max_length=500,
        help_text=_("Ghi vào lịch sử sửa số liệu."),
    )

    # The fields the figure is changed with (``edit_observation``); version and reason
    # say how, not what.
    FIGURE_FIELDS = ("value", "status", "source", "comment")

    @classmethod
    def initial_for(cls, observation) -> dict:
        """Return the form's values for the figure as stored now, with its version."""
        return {
            "version": observation.version,
            "value": number_text(observation.value, grouping=False),
            "status": observation.status,
            "source": observation.source,
            "comment": observation.comment,
        }
