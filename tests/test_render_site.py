"""render/site.py: every output of a build, through the cache."""

from __future__ import annotations

import hashlib
from pathlib import Path

from digest.cache import BuildCache
from digest.config import load_config
from digest.render.site import SiteRenderer
from digest.sources.site import load_site


def test_every_output_made_through_the_cache_is_known_by_its_digest(project: Path) -> None:
    config = load_config(project / "digest.toml")
    for _ in range(2):  # made, then read from the cache
        cache = BuildCache(project / ".digest-cache" / "build.sqlite3")
        renderer = SiteRenderer(config, load_site(config, "issue-2025", False, cache), cache)
        outputs = renderer.render()
        cache.close()
        known = renderer.output_digests
        assert {"index.html", "feed.xml", "issue-2025/index.html", "issue-2025/email.html"} <= set(known)
        assert all(hashlib.sha256(outputs[name]).hexdigest() == digest for name, digest in known.items())


def test_without_a_cache_no_digest_is_claimed(project: Path) -> None:
    config = load_config(project / "digest.toml")
    renderer = SiteRenderer(config, load_site(config, "issue-2025", False, None))
    assert renderer.render() and renderer.output_digests == {}


def test_of_two_issues_with_a_missing_image_each_the_first_is_named_as_a_clean_build_names_it(
    project: Path, tmp_path: Path
) -> None:
    """Whether an unchanged issue's outputs are cached is learnt from its pictures, which
    resolving raised that issue's error first: an incremental build named the newer issue's
    missing image, a clean build the older issue's (found by the differential fuzzer, seed 139)."""
    import shutil

    from tests.test_cli import run

    def add_image(issue: str, review: str, name: str) -> None:
        path = project / "issues" / issue / review
        path.write_text(path.read_text(encoding="utf-8") + f"\n![A chart]({name})\n", encoding="utf-8")

    add_image("issue-2025", "llm-report-2025.md", "missing-2025.png")
    first = run(project, "build", "--all")
    assert first.exit_code == 1 and "missing-2025.png" in first.output
    add_image("issue-2024", "mixture-of-experts.md", "missing-2024.png")
    incremental = run(project, "build", "--all")
    shutil.copytree(project, tmp_path / "clean", ignore=shutil.ignore_patterns("dist", ".digest-cache"))
    clean = run(tmp_path / "clean", "build", "--all")
    assert clean.exit_code == incremental.exit_code == 1
    assert "missing-2024.png" in clean.output
    assert incremental.output.replace(str(project), "<p>") == clean.output.replace(
        str(tmp_path / "clean"), "<p>"
    )


def test_an_issue_without_a_preheader_is_summed_up_in_the_feeds_by_its_first_paragraph(project: Path) -> None:
    """An older issue may have no preheader (only the issue built must have one). Its feed
    summary was the introduction's first block as the text email writes it: a heading alone
    ('This week'), or a quotation or a list with its '> ' and '- ' marks and line breaks."""
    import json

    from tests.helpers import built_output, issue_md, with_intro

    older = issue_md(project, "issue-2024")
    lines = older.read_text(encoding="utf-8").split("\n")
    older.write_text("\n".join(line for line in lines if not line.startswith("preheader:")), encoding="utf-8")
    for intro in ("## This week\n\nWe rode the trams.", "> Cities are people.\n\nWe rode the trams.",
                  "- trams\n- buses\n\nWe rode the trams."):  # fmt: skip
        with_intro(project, intro, "issue-2024")
        built_output(project, "index.html")
        feed = json.loads((project / "dist" / "feed.json").read_text(encoding="utf-8"))
        older_entry = next(item for item in feed["items"] if item["id"].endswith(":issue-2024"))
        assert older_entry["summary"] == "We rode the trams.", (intro, older_entry["summary"])
