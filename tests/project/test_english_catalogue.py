"""The English catalogue is complete, compiled, and used when a visitor chooses English.

Source strings are Vietnamese; ``locale/en/LC_MESSAGES/django.po`` translates them and the
committed ``django.mo`` is what Django reads (docs/translations.md). These tests fail when an
entry is left empty or fuzzy, when the .po was edited without recompiling the .mo, and when
a label of the web templates is missing from the catalogue.
"""

import ast
import gettext
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.utils import translation
from pytest_django.asserts import assertContains, assertNotContains

import plantrack
from plantrack.geo.choices import UnitLevel
from plantrack.geo.models import AdminUnit
from plantrack.observations.choices import FigureStatus
from plantrack.plans.choices import Comparator, PlanKind, PlanStatus, TargetKind
from plantrack.plans.models import Indicator, Target
from plantrack.web.templatetags.plantrack import describe_target_value, period_label

PACKAGE = Path(plantrack.__file__).parent
MESSAGES = PACKAGE / "locale" / "en" / "LC_MESSAGES"
PO_FILE = MESSAGES / "django.po"
MO_FILE = MESSAGES / "django.mo"
TEMPLATES = PACKAGE / "web" / "templates" / "web"

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
TRANSLATE_TAG = re.compile(r"""{%\s*(?:translate|trans)\s+(["'])(.+?)\1""")


@dataclass
class Entry:
    """One message of a .po file; ``msgstr`` maps the plural index (0 if none) to the text."""

    line: int
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)


def parse_po(text: str) -> list[Entry]:
    """Return the entries of a .po file in order, the header first; obsolete ``#~`` ones are
    left out, as msgfmt leaves them out."""
    entries: list[Entry] = []
    entry: Entry | None = None
    flags: set[str] = set()
    key: tuple[str, int] | None = None

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if line.startswith("#,"):
                flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            continue
        keyword, _space, rest = line.partition(" ")
        if keyword.startswith('"'):
            if entry is None or key is None:
                raise ValueError(f"line {number}: a string outside any entry")
            name, index = key
            value = ast.literal_eval(line)
            if name == "msgstr":
                entry.msgstr[index] += value
            else:
                setattr(entry, name, getattr(entry, name) + value)
            continue
        value = ast.literal_eval(rest)
        # msgctxt or msgid after a msgstr starts the next entry, blank line or not.
        if keyword in ("msgctxt", "msgid") and (entry is None or entry.msgstr):
            entry = Entry(line=number, flags=flags)
            entries.append(entry)
            flags = set()
        if entry is None:
            raise ValueError(f"line {number}: {keyword} before any msgid")
        if keyword in ("msgctxt", "msgid", "msgid_plural"):
            setattr(entry, keyword, value)
            key = (keyword, 0)
        elif match := re.fullmatch(r"msgstr(?:\[(\d+)\])?", keyword):
            index = int(match.group(1) or 0)
            entry.msgstr[index] = value
            key = ("msgstr", index)
        else:
            raise ValueError(f"line {number}: unknown keyword {keyword!r}")
    return entries


def catalogue() -> list[Entry]:
    return parse_po(PO_FILE.read_text(encoding="utf-8"))


def messages() -> list[Entry]:
    """Return the catalogue's messages, the header left out."""
    return [entry for entry in catalogue() if entry.msgid]


def template_labels(*names: str) -> set[str]:
    """Return the strings of ``{% translate "…" %}`` in the named web templates."""
    labels = set()
    for name in names:
        text = (TEMPLATES / name).read_text(encoding="utf-8")
        labels |= {match.group(2) for match in TRANSLATE_TAG.finditer(text)}
    return labels


def test_the_parser_reads_entries_flags_and_continued_strings():
    text = (
        '#, fuzzy\nmsgid ""\nmsgstr ""\n"Language: en\\n"\n'
        'msgid "Số liệu"\nmsgstr "Figures"\n\n'
        '#, python-format\nmsgid ""\n"Đơn vị %(unit)s "\n"không tồn tại"\nmsgstr ""\n\n'
        '#~ msgid "cũ"\n#~ msgstr "old"\n'
    )

    header, figures, unit = parse_po(text)

    assert header.flags == {"fuzzy"} and header.msgstr == {0: "Language: en\n"}
    assert (figures.msgid, figures.msgstr, figures.flags) == ("Số liệu", {0: "Figures"}, set())
    assert unit.msgid == "Đơn vị %(unit)s không tồn tại" and unit.flags == {"python-format"}
    assert unit.msgstr == {0: ""}


def test_header_names_the_project_and_the_language():
    header = catalogue()[0]
    fields = dict(line.split(": ", 1) for line in header.msgstr[0].splitlines() if ": " in line)

    assert header.msgid == ""
    assert "fuzzy" not in header.flags
    assert fields["Language"] == "en"
    assert fields["Project-Id-Version"] == "PlanTrack"
    assert fields["Language-Team"] and "LL@li.org" not in fields["Language-Team"]
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"


def test_every_entry_is_translated_and_none_is_fuzzy():
    entries = messages()

    assert len(entries) > 200, "the parser should find every message of the catalogue"
    empty = [entry.msgid for entry in entries if not all(entry.msgstr.values())]
    fuzzy = [entry.msgid for entry in entries if "fuzzy" in entry.flags]
    assert empty == [], "translate these in django.po"
    assert fuzzy == [], "check these translations and remove the fuzzy flag"


def test_translations_keep_the_placeholders_of_the_source():
    changed = {
        entry.msgid: text
        for entry in messages()
        for text in entry.msgstr.values()
        if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(entry.msgid))
    }

    assert changed == {}


def test_compiled_catalogue_matches_the_po():
    with MO_FILE.open("rb") as file:
        compiled = gettext.GNUTranslations(file)

    stale = {}
    for entry in messages():
        for index, expected in entry.msgstr.items():
            if entry.msgid_plural is None:
                actual = (
                    compiled.pgettext(entry.msgctxt, entry.msgid)
                    if entry.msgctxt is not None
                    else compiled.gettext(entry.msgid)
                )
            else:
                count = next(n for n in range(1000) if compiled.plural(n) == index)
                actual = (
                    compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, count)
                    if entry.msgctxt is not None
                    else compiled.ngettext(entry.msgid, entry.msgid_plural, count)
                )
            if actual != expected:
                stale[entry.msgid] = (expected, actual)

    assert compiled.info()["language"] == "en"
    assert stale == {}, "recompile: msgfmt --check -o django.mo django.po (docs/translations.md)"


def test_every_label_of_the_web_templates_is_in_the_catalogue():
    translated = {entry.msgid for entry in messages() if not entry.msgctxt}
    labels = template_labels(*(path.name for path in TEMPLATES.glob("*.html")))

    assert labels, "the templates should have {% translate %} labels"
    assert labels - translated == set(), "run makemessages and translate (docs/translations.md)"


def test_model_and_choice_labels_read_in_english():
    with translation.override("en"):
        assert str(FigureStatus.ESTIMATE.label) == "Estimate"
        assert str(FigureStatus.PRELIMINARY.label) == "Preliminary"
        assert str(FigureStatus.OFFICIAL.label) == "Official"
        assert str(PlanKind.MASTER_PLAN.label) == "Provincial master plan"
        assert str(UnitLevel.COMMUNE.label) == "Commune/ward/township/special zone"
        assert str(Target._meta.verbose_name) == "target"
        assert str(Indicator._meta.verbose_name) == "indicator"
        assert str(AdminUnit._meta.verbose_name) == "administrative unit"
        owner_is_illustrative = Indicator._meta.get_field("owner_is_illustrative")
        assert str(owner_is_illustrative.verbose_name) == "illustrative assignment"
        assert str(apps.get_app_config("plans").verbose_name) == "Plans and targets"

    with translation.override("vi"):
        assert str(FigureStatus.ESTIMATE.label) == "Ước thực hiện"
        assert str(Target._meta.verbose_name) == "chỉ tiêu"


def test_words_inside_values_and_periods_read_in_english():
    approx = Target(
        kind=TargetKind.LEVEL,
        comparator=Comparator.APPROX,
        value=Decimal("102"),
        unit="triệu đồng/người",
        target_year=2030,
        phrase="…",
    )

    with translation.override("en"):
        assert describe_target_value(approx) == "about 102 million VND per person"
        assert period_label("2024Q3") == "Q3 2024"
    with translation.override("vi"):
        assert describe_target_value(approx) == "khoảng 102 triệu đồng/người"
        assert period_label("2024Q3") == "quý 3/2024"


def switch_to_english(client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_home_page_is_in_english_after_switching(client):
    switch_to_english(client)

    response = client.get("/targets/")

    assertContains(response, '<html lang="en">')
    assertContains(response, "Skip to main content")
    assertContains(response, 'aria-label="Main navigation"')
    assertContains(response, ">Log in</a>")
    assertContains(response, "Language:")
    assertContains(response, "<h1>Plans and targets</h1>", html=True)
    assertContains(response, "No plans have been published yet.")
    assertContains(
        response,
        "Figures come from the public sources cited with them; figures that are not yet "
        "official (estimates, preliminary figures, figures derived from published ones) "
        "are marked as such.",
    )


@pytest.mark.django_db
def test_english_home_page_has_no_vietnamese_template_label(client):
    switch_to_english(client)
    translated = {entry.msgid for entry in messages() if entry.msgstr[0] != entry.msgid}
    labels = template_labels("base.html", "home.html") & translated

    response = client.get("/")

    assert labels
    for label in sorted(labels):
        assertNotContains(response, label)


@pytest.mark.django_db
def test_plan_facts_read_in_english(client, master_plan):
    switch_to_english(client)

    response = client.get("/targets/")

    assert master_plan.kind == PlanKind.MASTER_PLAN
    assert master_plan.status == PlanStatus.IN_FORCE
    for label in ("Type", "Status", "Decision or resolution", "Period", "Vision year", "Scope"):
        assertContains(response, f"<dt>{label}</dt>", html=True)
    assertContains(response, "<dd>Provincial master plan</dd>", html=True)
    assertContains(response, "<dd>Under implementation</dd>", html=True)
    assertNotContains(response, "Đang thực hiện")


@pytest.mark.django_db
def test_signed_in_staff_see_the_header_in_english(client, planner):
    planner.is_staff = True
    planner.save(update_fields=["is_staff"])
    client.force_login(planner)
    switch_to_english(client)

    response = client.get("/")

    assertContains(response, ">Admin</a>")
    assertContains(response, "Logged in as phuong")
    assertContains(response, ">Log out</button>")
    for label in ("Quản trị", "Đăng nhập", "Đăng xuất"):
        assertNotContains(response, label)
