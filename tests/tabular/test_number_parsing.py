"""One number parser for Vietnamese and English figures: 6.700,3 is 6700.3 in Vietnamese."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plantrack.tabular.numbers import NumberFormatError, format_number, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6.700,3", "6700.3"),
        ("160.200", "160200"),
        ("9,72", "9.72"),
        ("4,0", "4.0"),
        ("12", "12"),
        ("1.500", "1500"),
        ("13.794", "13794"),
        ("2.009,8", "2009.8"),
        ("1 500", "1500"),
        ("1\u00a0500,25", "1500.25"),
        ("9.72", "9.72"),  # a single dot that cannot group thousands is a decimal mark
        ("-4,0", "-4.0"),
        ("−4,0", "-4.0"),
        ("+3,3", "3.3"),
    ],
)
def test_vietnamese_numbers(text, expected):
    assert parse_number(text) == Decimal(expected)
    assert str(parse_number(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("6,700.3", "6700.3"), ("160,200", "160200"), ("9.72", "9.72"), ("1,500", "1500")],
)
def test_english_numbers(text, expected):
    assert parse_number(text, locale="en") == Decimal(expected)


@pytest.mark.parametrize("text", ["", " ", "12a", "1,2,3", "1..2", ",5", "5,", "1.50.0", "1 50"])
def test_anything_else_is_refused_with_the_text_quoted(text):
    with pytest.raises(NumberFormatError, match="không phải là một số"):
        parse_number(text)


def test_an_unknown_locale_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown locale"):
        parse_number("1", locale="fr")


def test_format_writes_documents_style():
    assert format_number(Decimal("6700.3")) == "6.700,3"
    assert format_number(Decimal("6700.3"), locale="en") == "6,700.3"
    assert format_number(Decimal("160200")) == "160.200"
    assert format_number(Decimal("-4.0")) == "-4,0"
    assert format_number(Decimal("1234567.5"), grouping=False) == "1234567,5"


decimals = st.decimals(
    min_value=Decimal("-1e15"), max_value=Decimal("1e15"), allow_nan=False, allow_infinity=False
).filter(lambda value: value.as_tuple().exponent >= -8)


@given(decimals, st.sampled_from(["vi", "en"]), st.booleans())
def test_format_then_parse_gives_the_same_number(value, locale, grouping):
    written = format_number(value, locale=locale, grouping=grouping)

    assert parse_number(written, locale=locale) == value


@given(st.integers(min_value=1000, max_value=10**12))
def test_grouped_integers_read_the_same_in_both_conventions_when_unambiguous(value):
    vietnamese = format_number(Decimal(value))
    english = format_number(Decimal(value), locale="en")

    assert parse_number(vietnamese) == parse_number(english, locale="en") == value
