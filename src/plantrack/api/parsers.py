"""The API's JSON parser: DRF's, with a 400 for a body nested past Python's recursion limit.

Its own module, imported by the settings' ``DEFAULT_PARSER_CLASSES`` before the views.
DRF's parser catches ``ValueError`` only (an integer of 5,000 digits is already its 400);
a body nested 10,000 deep raised ``RecursionError``, a 500.
"""

from django.utils.translation import gettext
from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(gettext("Nội dung JSON lồng nhau quá sâu.")) from None
