"""Interface translations: the catalog covers every string, and the compiled files match their sources."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tailor.resources import translations_dir

from .conftest import REPO

METHODS = [("tailor/**.py", "python"), ("templates/**.html", "jinja2")]


def catalogs() -> list[Path]:
    return sorted(translations_dir().glob("*/LC_MESSAGES/messages.po"))


def test_every_interface_string_is_in_the_template():
    extracted = {m[2] if isinstance(m[2], str) else m[2][0] for m in extract_from_dir(str(REPO), METHODS)}
    with open(translations_dir() / "messages.pot", "rb") as f:
        template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    assert extracted == template, "run: pybabel extract -F babel.cfg -o tailor/translations/messages.pot --no-location --sort-output ."


def test_every_catalog_is_complete_and_compiled():
    assert catalogs(), "at least one interface translation ships"
    for po_path in catalogs():
        with open(po_path, "rb") as f:
            po = read_po(f)
        with open(po_path.with_suffix(".mo"), "rb") as f:
            mo = read_mo(f)
        # A plural message is complete when every form the language has is written.
        untranslated = [m.id for m in po if m.id and not all(forms(m.string))]
        assert untranslated == [], po_path
        assert {forms(m.id): forms(m.string) for m in po if m.id} == {forms(m.id): forms(m.string) for m in mo if m.id}, \
            f"{po_path.with_suffix('.mo')} is stale: run pybabel compile -d tailor/translations"


def forms(value) -> tuple[str, ...]:
    """A message id or string as a tuple (plural messages have several)."""
    return (value,) if isinstance(value, str) else tuple(value)
