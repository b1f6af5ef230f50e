"""What every resource of the API shares: the error answers of the schema, the read-only
viewset, decimals as plain strings, relations by code, numbers sent as text, the ``as_of``
date, the JSON 404 and the endpoint list.

Relations are named by code where the code is unique and stable (plans, indicators,
agencies) and by id otherwise (units, whose codes repeat across the 2025 reform; sections;
targets; figures). Decimals are strings without trailing zeros ("6.74", not "6.740000"), so no
precision is lost to a float.
"""

import datetime
import re
from decimal import Decimal

from django import forms
from django.db import models
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as django_filters
from drf_spectacular.utils import OpenApiResponse, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.utils import html
from rest_framework.views import APIView

LOCALES = [("vi", "1.234,5"), ("en", "1,234.5")]


# --- errors (for the schema) ----------------------------------------------------------------


class ErrorBodySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="not_found, not_permitted, concurrent_edit, …")
    message = serializers.CharField()
    details = serializers.JSONField(allow_null=True)


class ErrorSerializer(serializers.Serializer):
    error = ErrorBodySerializer()


ERROR_CODES = {
    400: "invalid",
    401: "not_authenticated, authentication_failed",
    403: "not_permitted, self_approval",
    404: "not_found",
    409: "concurrent_edit, wrong_state, duplicate_figure",
    422: "invalid_observation, import_refused",
    428: "version_required",
}

# The 422 codes of the tasks' and projects' writes and imports (``TaskError``, ``ProjectError``).
WORKPLAN_REFUSALS = (
    "file_too_large, file_type_not_allowed, text_required, invalid_percent, "
    "reason_required, unchanged, deadline_before_start, negative_capital, not_whole, invalid_year, "
    "import_refused"
)


def errors(*codes: int, refusals: str | None = None) -> dict:
    """Return the schema's error answers for these status codes, each naming its error codes.

    ``refusals`` names the 422 codes where they are not the figures' (``WORKPLAN_REFUSALS``).
    """
    described = ERROR_CODES if refusals is None else {**ERROR_CODES, 422: refusals}
    return {code: OpenApiResponse(ErrorSerializer, description=described[code]) for code in codes}


# --- views ----------------------------------------------------------------------------------


class ListFiltersOnly:
    # Filters apply to the list only: a detail is found whatever the list's defaults
    # (``all_vintages`` off hides an old vintage from the list, not from its own URL).
    # No docstring: the schema would show it as every operation's description.

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)


# The largest id a path or a filter accepts: 18 digits stay below 2**63 (a bigint), so a
# longer id is refused before it reaches the database (SQLite raises OverflowError past 64
# bits). ``ID_PATTERN`` is the path's regex; a longer one answers the JSON 404.
MAX_ID = 10**18 - 1
ID_PATTERN = r"[0-9]{1,18}"


class ReadOnlyViewSet(ListFiltersOnly, viewsets.ReadOnlyModelViewSet):
    # A list with filters and pages, and a detail; by id unless a viewset says otherwise.
    lookup_value_regex = ID_PATTERN


class StrictBooleanField(forms.NullBooleanField):
    """true/false (or 1/0); anything else is refused, not read as "no filter"."""

    widget = forms.TextInput

    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).strip().lower()
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
        raise forms.ValidationError(gettext("Dùng true hoặc false."), code="invalid")


class BooleanFilter(django_filters.BooleanFilter):
    """A yes/no filter that refuses a value other than true/false (django-filter's own
    treats "2" or "oui" as no filter at all, so a typo lists everything)."""

    field_class = StrictBooleanField

    def __init__(self, *args, **kwargs) -> None:
        # The raw text reaches the field (django-filter's BooleanWidget maps the unknown
        # to None first).
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """A filter on an id: a whole number from 1 to ``MAX_ID``, else a 400 naming it."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


# A date in the query string, where an empty value means "no date given" (today for
# ``as_of``, no filter for ``valid_on``), as the API has always read it.
DATE_OR_EMPTY = {"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "enum": [""]}]}


@extend_schema_field(DATE_OR_EMPTY)
class DateOrEmptyFilter(django_filters.DateFilter):
    """A date filter, not applied when empty (django-filter's rule, said in the schema)."""


class FilterSet(django_filters.FilterSet):
    """django-filter's, with the strict yes/no filter for the models' boolean fields, and
    no empty value where the schema names the values.

    django-filter reads ``?status=`` as no filter at all; the schema says ``status`` is one
    of its values, an id a whole number, a yes/no true or false. So an empty value is a 400
    naming the parameter, except for free text and the dates the schema says may be empty.
    """

    FILTER_DEFAULTS = {
        **django_filters.FilterSet.FILTER_DEFAULTS,
        models.BooleanField: {"filter_class": BooleanFilter},
        models.DateField: {"filter_class": DateOrEmptyFilter},
    }
    MAY_BE_EMPTY = (django_filters.CharFilter, DateOrEmptyFilter)

    def is_valid(self) -> bool:
        if not super().is_valid():
            return False
        for name, filter_ in self.filters.items():
            if self.data.get(name) == "" and not isinstance(filter_, self.MAY_BE_EMPTY):
                self.form.add_error(
                    name, gettext("Giá trị trống: bỏ tham số này đi hoặc cho một giá trị.")
                )
        return self.form.is_valid()


ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def as_of_of(request) -> datetime.date:
    """Return the ``as_of`` date of the query string (today without one), or refuse it."""
    text = request.query_params.get("as_of", "").strip()
    if not text:
        return timezone.localdate()
    try:
        # YYYY-MM-DD as the schema's "date" says; Python also reads 20241231 and 2024-W53-2.
        if not ISO_DATE.fullmatch(text):
            raise ValueError(text)
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            {
                "as_of": [
                    gettext("Ngày “%(value)s” không hợp lệ: dùng YYYY-MM-DD.") % {"value": text}
                ]
            }
        ) from None


class NotFoundView(APIView):
    """Any other path under /api/: a JSON 404, not the site's HTML page."""

    permission_classes: list[type] = []
    schema = None

    def http_method_not_allowed(self, request, *args, **kwargs):
        raise NotFound()

    options = http_method_not_allowed


def docs(request):
    """List every endpoint of the schema on a plain page (no script, nothing from a CDN)."""
    from plantrack.api.schema import schema_of_language  # (schema imports this module)

    schema = schema_of_language()
    groups: dict[str, list[dict]] = {}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            tag = (operation.get("tags") or ["api"])[0]
            groups.setdefault(tag, []).append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": operation.get("parameters", []),
                    "responses": sorted(operation.get("responses", {})),
                    "request": sorted(operation.get("requestBody", {}).get("content", {})),
                }
            )
    context = {"info": schema["info"], "groups": sorted(groups.items())}
    return render(request, "api/docs.html", context)


# --- serializers ----------------------------------------------------------------------------


class PlainDecimalField(serializers.DecimalField):
    """A decimal written as a string without trailing zeros: "6.74", "102"."""

    def to_representation(self, value):
        if value is None:
            return None
        return format(Decimal(value).normalize(), "f")


class ModelSerializer(serializers.ModelSerializer):
    """Decimals as plain strings."""

    serializer_field_mapping = serializers.ModelSerializer.serializer_field_mapping | {
        models.DecimalField: PlainDecimalField
    }


def code_of(**kwargs) -> serializers.SlugRelatedField:
    """A read-only relation named by its ``code``; ``allow_null=True`` where it is optional
    (the schema then says ``nullable``)."""
    return serializers.SlugRelatedField(slug_field="code", read_only=True, **kwargs)


@extend_schema_field(
    {
        "oneOf": [{"type": "number"}, {"type": "string"}],
        "description": "6.74, hoặc “6,74”, “1.234,5” (kiểu Việt Nam), “1,234.5” (kiểu Anh)",
    }
)
class NumberOrTextField(serializers.Field):
    """A value sent as a JSON number, or as text in Vietnamese or English format.

    Text is read by the importer's number reader (``observations.importing.read_number``),
    with the ``locale`` sent beside it when "1.234" alone cannot say which format it is.
    """

    default_error_messages = {"invalid": _("Hãy gửi một số hoặc một chuỗi số.")}

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | float | str):
            self.fail("invalid")
        if isinstance(data, float):
            # JSON numbers arrive as floats; their shortest repr is the number as typed.
            return Decimal(repr(data))
        return data

    def to_representation(self, value):
        return format(Decimal(value).normalize(), "f")


class TextField(serializers.CharField):
    """Text as the schema says: a JSON string, never a number or a yes/no made into one
    (DRF's CharField takes ``0`` for "0")."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class NullableDateField(serializers.DateField):
    """A date, or JSON null for none; an empty form value is refused as not a date.

    DRF reads an empty form value of a nullable field as null; the schema's null is JSON's,
    and an empty text is no date, so it is answered as one.
    """

    def get_value(self, dictionary):
        if html.is_html_input(dictionary) and dictionary.get(self.field_name) == "":
            return ""
        return super().get_value(dictionary)


@extend_schema_field({"type": "string", "minLength": 1, "pattern": r"\S"})
class RequiredTextField(TextField):
    """Text its service requires, which answers its own code when it is blank or missing.

    (``text_required``, ``reason_required``): blank is let through here, and missing is ""
    (never a ``default``, which the schema would show beside its ``minLength``), so the
    code stays the service's; the schema says what the service wants, a non-blank text.
    """

    def run_validation(self, data=serializers.empty):
        if data is serializers.empty and not self.required:
            return ""
        if isinstance(data, str) and not data.strip():
            return ""
        return super().run_validation(data)


def enum_field(choices, component: str):
    """Return a ChoiceField class whose enum is one named schema component.

    Several models have a ``status`` or ``kind`` with different values; named components keep
    the schema free of drf-spectacular's enum-name collisions (and of their warnings).
    """

    @extend_schema_field({"type": "string", "enum": list(choices.values)}, component_name=component)
    class Field(serializers.ChoiceField):
        def __init__(self, **kwargs):
            super().__init__(choices=choices.choices, **kwargs)

    Field.__name__ = component.removesuffix("Enum") + "Field"
    return Field


ILLUSTRATIVE_HELP = _(
    "Các trường do bản minh họa gán vì không có trong văn bản công bố (ví dụ "
    '["lead_agency", "deadline"]): hiển thị kèm nhãn “minh họa”.'
)


class IllustrativeField(serializers.ListField):
    """The names of the fields the demo assigned (``illustrative_fields``)."""

    def __init__(self, **kwargs):
        super().__init__(
            child=serializers.CharField(), read_only=True, help_text=ILLUSTRATIVE_HELP, **kwargs
        )
