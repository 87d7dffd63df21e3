"""What CLDR says of each language, kept at install (digest.render.localefacts): the same
answers Babel gives, read without importing Babel."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from digest.render import localefacts
from digest.render.direction import _cldr_direction
from digest.render.language import _cldr_og_locale
from digest.render.localefacts import _facts_file, _table, canonical_tag, write_facts

TAGS = ["en", "en-GB", "de-CH", "ar", "ar-MA", "he", "fa-IR", "ur", "pt-BR", "sr-Latn-RS", "zh-Hant-TW", "yi"]


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [("EN-gb", "en-GB"), ("sr_latn_rs", "sr-Latn-RS"), ("es-419", "es-419"), ("de-ch-1996", "de-CH-1996")],
)
def test_a_tag_is_looked_up_in_its_usual_case(typed: str, canonical: str) -> None:
    assert canonical_tag(typed) == canonical


def test_the_kept_answers_are_babels(tmp_path: Path) -> None:
    assert write_facts(tmp_path) > 500
    table = _table(tmp_path)
    for tag in TAGS:
        assert table[canonical_tag(tag)] == (_cldr_direction(tag), _cldr_og_locale(tag)), tag
    assert table["ar"][0] == "rtl" and table["en"] == ("ltr", "en_US")


@pytest.mark.parametrize(
    "content", [b"{not json", b"[1, 2]", b'{"en": ["sideways", "en_US"]}', b"", b'{"en": ' + b"[" * 200_000]
)
def test_a_damaged_table_is_not_used(tmp_path: Path, content: bytes) -> None:
    _facts_file(tmp_path).write_bytes(content)
    _table.cache_clear()
    assert _table(tmp_path).get("en") is None


def test_without_the_table_babel_is_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from digest.render.direction import language_direction

    monkeypatch.setattr(localefacts, "THEME_CODE", tmp_path)  # an empty folder: nothing installed
    assert localefacts.installed_facts("ar") is None
    assert language_direction("ar") == "rtl"


def test_an_english_build_imports_no_babel(project: Path) -> None:
    if not _table(localefacts.THEME_CODE):
        pytest.skip("the locale facts are not installed here (make install writes them)")
    code = (
        "import sys; from digest.cli import main; sys.argv = ['digest', 'build', 'issue-2025', "
        "'--no-check-links']\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'babel'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=False
    )
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr


def test_a_table_another_version_of_digest_wrote_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_facts(tmp_path)
    monkeypatch.setattr(localefacts, "code_fingerprint", lambda: "another version of digest")
    _table.cache_clear()
    assert _table(tmp_path) == {}
    _table.cache_clear()
