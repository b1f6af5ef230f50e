"""The importer's fast path for typed numbers reads exactly what the general parser reads."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from plantrack.tabular.numbers import (
    NumberFormatError,
    _read_common,
    _stored,
    format_number,
    number_locale,
    parse_number,
)

numbers = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=3, allow_nan=False
)


def general(text: str, locale: str):
    shown = number_locale(text)
    try:
        return _stored(parse_number(text, shown or locale))
    except NumberFormatError:
        return None, "not_a_number"


@settings(max_examples=500, deadline=None)
@given(value=numbers, locale=st.sampled_from(["vi", "en"]), grouping=st.booleans())
def test_formatted_numbers_read_the_same_both_ways(value, locale, grouping):
    text = format_number(value, locale, grouping=grouping)

    fast = _read_common(text, locale)

    if fast is not None:
        assert fast == general(text, locale)


@settings(max_examples=500, deadline=None)
@given(text=st.from_regex(r"-?[0-9]{1,7}([.,][0-9]{1,4})?([.,][0-9]{1,3})?", fullmatch=True))
def test_any_typed_form_reads_the_same_both_ways(text):
    for locale in ("vi", "en"):
        fast = _read_common(text, locale)
        if fast is not None:
            assert fast == general(text, locale), (text, locale)


def test_the_usual_forms_take_the_fast_path():
    assert _read_common("1.234,56", "vi") == (Decimal("1234.56"), None)
    assert _read_common("6,74", "en") == general("6,74", "en")
    assert _read_common("1234", "vi") == (Decimal("1234"), None)
