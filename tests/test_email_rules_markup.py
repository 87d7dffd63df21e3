"""The doctype, lang and title checks (digest.checks.email_rules.markup)."""

from __future__ import annotations

import pytest

from tests.helpers import broken, findings_of, only


@pytest.mark.parametrize("doctype", ["", '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">'])
def test_missing_or_legacy_doctype_is_an_error(doctype: str) -> None:
    only(findings_of(broken("<!DOCTYPE html>", doctype)), "doctype")


@pytest.mark.parametrize("lang", ['lang="und"', 'lang=""', ""])
def test_missing_or_undetermined_lang_is_an_error(lang: str) -> None:
    only(findings_of(broken('<html lang="en"', f"<html {lang}")), "lang")


def test_empty_title_is_an_error() -> None:
    only(findings_of(broken("<title>The Digest, issue 12</title>", "<title> </title>")), "title")
