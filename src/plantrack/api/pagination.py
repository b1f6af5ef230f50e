"""Page-number pagination with a capped page size."""

from django.utils.translation import gettext_lazy as _
from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=N`` and ``?page_size=N`` (50 by default, at most 500)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    page_query_description = _("Số trang, từ 1")
    page_size_query_description = _("Số dòng mỗi trang: mặc định 50, tối đa 500")
