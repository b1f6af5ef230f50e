"""Agencies named in a file: by code, name, short name or English name."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from plantrack.accounts.models import Agency
from plantrack.tabular.text import key


class Agencies:
    """Agencies by code (any case) or by name, short name or English name (without
    diacritics and case), loaded once per import."""

    def __init__(self) -> None:
        self.by_code: dict[str, Agency] = {}
        self.by_name: dict[str, list[Agency]] = defaultdict(list)
        for agency in Agency.objects.all():
            self.by_code[agency.code.lower()] = agency
            for name in {agency.name, agency.short_name, agency.name_en} - {""}:
                self.by_name[key(name)].append(agency)

    def find(self, text: str) -> tuple[Agency | None, str | None]:
        """Return (the agency, None) or (None, "unknown_agency" / "ambiguous_agency").

        Of agencies sharing a name, the one still in force is taken (Sở Kế hoạch và Đầu tư
        ended in 2025 and its successor has another name, so this is rare).
        """
        text = text.strip()
        if found := self.by_code.get(text.lower()):
            return found, None
        named = self.by_name.get(key(text), [])
        if len(named) > 1:
            named = [agency for agency in named if agency.valid_to is None]
        if len(named) == 1:
            return named[0], None
        return None, "ambiguous_agency" if named else "unknown_agency"

    def known(self, text: str) -> Agency | None:
        return self.find(text)[0]


def agency_message(code: str, raw: str) -> str:
    if code == "ambiguous_agency":
        return _("Tên cơ quan “%(value)s” khớp nhiều cơ quan: hãy dùng mã cơ quan.") % {
            "value": raw
        }
    return _("Không có cơ quan “%(value)s” (theo mã hay tên).") % {"value": raw}


def agency_column(row, column: str, context) -> None:
    """One agency (a record's lead agency), by code or name (``context.agencies``)."""
    if text := row.text(column):
        agency, error = context.agencies.find(text)
        if error:
            row.fail(error, agency_message(error, text), column, text)
        else:
            row.values[column] = agency
