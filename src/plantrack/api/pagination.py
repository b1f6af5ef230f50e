"""Page-number pagination with a capped page size."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=N`` and ``?page_size=N`` (50 by default, at most 500: a larger size is cut).

    A page or a page size that is not a whole number from 1 (``page=0``, ``page_size=0``,
    ``page=abc``) is a 400 naming the parameter, not a silent default; a page past the last
    is DRF's 404.
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    page_query_description = _("Số trang, từ 1")
    page_size_query_description = _("Số dòng mỗi trang: mặc định 50, tối đa 500")

    def paginate_queryset(self, queryset, request, view=None):
        for name in (self.page_query_param, self.page_size_query_param):
            text = request.query_params.get(name)
            if text is None or text in self.last_page_strings and name == self.page_query_param:
                continue
            if not (text.isascii() and text.isdigit() and int(text) >= 1):
                raise ValidationError(
                    {
                        name: [
                            gettext("Hãy ghi một số nguyên từ 1 trở lên, không phải “%(value)s”.")
                            % {"value": text[:50]}
                        ]
                    }
                )
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"] = {"type": "integer", "minimum": 1}
        return parameters
