"""The site files a post refers to (digest.sources.sitefiles): authors files named by keys, Nikola's
.meta sidecars."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import pytest

from digest.config import load_config
from digest.errors import ContentError
from digest.sources.issue import load_issue
from digest.sources.reviews import read_review
from digest.sources.sitefiles import SiteFiles, resolve_people, sidecar_fields
from tests.conftest import list_first
from tests.helpers import BODY, post, write_file

DOCUSAURUS_AUTHORS = """\
jdoe:
  name: Jane Doe
  title: Maintainer
  image_url: https://example.org/jdoe.png
rroe:
  name: Richard Roe
"""


MKDOCS_AUTHORS = """\
authors:
  jdoe:
    name: Jane Doe
    description: Creator
"""


# --- authors files ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("authors", "expected"),
    [
        ("jdoe", "Jane Doe"),
        ("[jdoe, rroe]", "Jane Doe, Richard Roe"),
        ("\n  - name: Ann Lee\n    title: Guest\n  - key: rroe", "Ann Lee, Richard Roe"),
        ("[jdoe, someone-else]", "Jane Doe, someone-else"),  # an unknown key stays as written
    ],
)
def test_docusaurus_author_keys_are_named_by_the_authors_file(
    tmp_path: Path, authors: str, expected: str
) -> None:
    write_file(tmp_path / "blog" / "authors.yml", DOCUSAURUS_AUTHORS)
    post = write_file(
        tmp_path / "blog" / "2024-01-05-post" / "index.md",
        f"---\ntitle: A post\nauthors: {authors}\n---\n{BODY}",
    )
    assert read_review(post).author == expected


def test_mkdocs_authors_file_three_folders_up(tmp_path: Path) -> None:
    write_file(tmp_path / "blog" / ".authors.yml", MKDOCS_AUTHORS)
    post = write_file(
        tmp_path / "blog" / "posts" / "2024" / "09" / "post.md",
        f"---\ndate: 2024-09-20\nauthors: [jdoe]\n---\n\n# A post\n{BODY}",
    )
    assert read_review(post).author == "Jane Doe"


ASTRO_CONFIG = """\
import starlight from "@astrojs/starlight";
import starlightBlog from "starlight-blog";

const site = process.env.SITE ?? "https://moths.example";

export default defineConfig({
\tsite,
\tintegrations: [
\t\tstarlight({
\t\t\ttitle: "Moths",
\t\t\tsidebar: [{ label: "Guides", items: [{ label: "Start", link: `/start` }] }],
\t\t\tplugins: [
\t\t\t\tstarlightBlog({
\t\t\t\t\tauthors: {
\t\t\t\t\t\tann: { name: "Ann Lee", url: `https://ann.example/` },
\t\t\t\t\t\tteam: {
\t\t\t\t\t\t\tname: "The Moth Team", // the maintainers
\t\t\t\t\t\t\tpicture: "/img/team.png",
\t\t\t\t\t\t},
\t\t\t\t\t},
\t\t\t\t}),
\t\t\t],
\t\t}),
\t],
});
"""


@pytest.mark.parametrize("config", ["astro.config.mjs", "astro.config.ts"])
def test_a_starlight_blogs_author_keys_are_named_by_the_astro_config(tmp_path: Path, config: str) -> None:
    """Astro's Starlight blog plugin keeps the authors a post names by keys in its options, in the
    site's Astro config; the config is a program, read as far as its `authors` map is literals."""
    write_file(tmp_path / config, ASTRO_CONFIG)
    post = write_file(
        tmp_path / "src" / "content" / "blog" / "moths.md",
        f"---\ntitle: Moths\nauthors: [ann, team]\n---\n{BODY}",
    )
    assert read_review(post).author == "Ann Lee, The Moth Team"


def test_a_post_deep_in_an_astro_sites_content_folder_read_alone_finds_its_config(tmp_path: Path) -> None:
    """Starlight keeps its blog in `src/content/docs/blog/`, four folders under the Astro config
    at the project's root: a post there read on its own looks up to the folder holding `src`
    (Astro's project layout), further than the three folders a lone file is given, and no
    further. A post outside `src/content` keeps the three."""
    site = tmp_path / "site"
    write_file(site / "astro.config.mjs", ASTRO_CONFIG)
    post = write_file(
        site / "src" / "content" / "docs" / "blog" / "moths.md",
        f"---\ntitle: Moths\nauthors: [ann]\n---\n{BODY}",
    )
    assert read_review(post).author == "Ann Lee"
    write_file(tmp_path / "authors.yml", "ann:\n  name: Not Her\n")  # above the site: never read
    assert read_review(post).author == "Ann Lee"
    other = write_file(
        site / "a" / "b" / "c" / "d" / "moths.md", f"---\ntitle: Moths\nauthors: [ann]\n---\n{BODY}"
    )
    assert read_review(other).author == "ann"


def test_an_astro_config_without_authors_gives_way_to_an_authors_file(tmp_path: Path) -> None:
    write_file(tmp_path / "astro.config.mjs", "export default defineConfig({ site: 'https://x.example' });\n")
    write_file(tmp_path / "data" / "authors.yml", DOCUSAURUS_AUTHORS)
    post = write_file(tmp_path / "src" / "moths.md", f"---\ntitle: Moths\nauthors: [jdoe]\n---\n{BODY}")
    assert read_review(post).author == "Jane Doe"


def test_without_an_authors_file_the_key_stays(tmp_path: Path) -> None:
    post = write_file(tmp_path / "post.md", f"---\ntitle: A post\nauthors: [jdoe]\n---\n{BODY}")
    assert read_review(post).author == "jdoe"


def test_a_written_name_is_not_looked_up(tmp_path: Path) -> None:
    write_file(tmp_path / "authors.yml", "Jane Doe:\n  name: Somebody Else\n")
    post = write_file(tmp_path / "post.md", f"---\ntitle: A post\nauthor: Jane Doe\n---\n{BODY}")
    assert read_review(post).author == "Jane Doe"  # a name with a space is no key


def test_an_invalid_authors_file_is_named(tmp_path: Path) -> None:
    write_file(tmp_path / "authors.yml", "jdoe: [unclosed\n")
    post = write_file(tmp_path / "post.md", f"---\ntitle: A post\nauthors: jdoe\n---\n{BODY}")
    with pytest.raises(ContentError, match="authors file is not valid YAML") as raised:
        read_review(post)
    assert raised.value.path == tmp_path / "authors.yml"


def test_resolve_people_leaves_values_without_keys() -> None:
    people = {"jdoe": "Jane Doe"}
    assert resolve_people({"name": "Ann Lee"}, people) == {"name": "Ann Lee"}
    assert resolve_people(["jdoe", {"key": "jdoe"}], people) == ["Jane Doe", "Jane Doe"]
    assert resolve_people("jdoe", {}) == "jdoe"


def test_an_issue_reads_the_authors_file_in_its_folder_only(project: Path) -> None:
    folder = project / "issues" / "issue-2025"
    write_file(project / "issues" / "authors.yml", DOCUSAURUS_AUTHORS.replace("Jane Doe", "Outside Folder"))
    write_file(folder / "keyed.md", f"---\ntitle: Keyed\nauthors: [rroe]\n---\n{BODY}")
    list_first(folder / "issue.md", "keyed.md")
    config = load_config(project / "digest.toml")
    loaded = load_issue(config, "issue-2025")
    keyed = next(r for r in loaded.issue.reviews if r.title == "Keyed")
    assert keyed.author == "rroe"  # the file above the issue folder is not the issue's

    write_file(folder / "authors.yml", DOCUSAURUS_AUTHORS)
    loaded = load_issue(config, "issue-2025")
    keyed = next(r for r in loaded.issue.reviews if r.title == "Keyed")
    assert keyed.author == "Richard Roe"
    assert not [notice for notice in loaded.notices if "authors.yml" in notice]  # not a stray file


# --- Nikola's two-file posts --------------------------------------------------------------------


def test_positional_meta_sidecar_gives_title_and_date(tmp_path: Path) -> None:
    write_file(tmp_path / "fast.meta", "Speed matters.\nspeed-matters\n2012/06/12 12:09")
    post = write_file(
        tmp_path / "fast.txt", "A fast site is a good thing, and here is why it matters.\n\nMore text.\n"
    )
    review = read_review(post)
    assert review.title == "Speed matters."
    assert review.date == datetime(2012, 6, 12, 12, 9, tzinfo=UTC)
    assert review.slug == "speed-matters"


def test_keyed_meta_sidecar() -> None:
    fields = sidecar_fields(
        ".. title: A title\n.. slug: a-title\n.. date: 2015-08-08 14:12:36 UTC\n.. tags: a, b\n"
    )
    assert fields == {
        "title": "A title",
        "slug": "a-title",
        "date": "2015-08-08 14:12:36 UTC",
        "tags": "a, b",
    }


def test_a_post_with_its_own_metadata_keeps_it(tmp_path: Path) -> None:
    write_file(tmp_path / "post.meta", "Sidecar title\nsidecar\n2001/01/01 00:00")
    post = write_file(tmp_path / "post.md", f"---\ntitle: Own title\ndate: 2020-02-02\n---\n{BODY}")
    review = read_review(post)
    assert (review.title, review.date) == ("Own title", datetime(2020, 2, 2, tzinfo=UTC))


def test_a_sidecar_beside_a_listed_review_is_no_stray_file(project: Path) -> None:
    folder = project / "issues" / "issue-2025"
    write_file(folder / "two-file.meta", "Two files\ntwo-files\n2012/09/05 17:46:29")
    write_file(folder / "two-file.txt", "The body of a two-file post, in a file of its own.\n")
    list_first(folder / "issue.md", "two-file.txt")
    loaded = load_issue(load_config(project / "digest.toml"), "issue-2025")
    assert "Two files" in [review.title for review in loaded.issue.reviews]
    assert not [notice for notice in loaded.notices if "two-file.meta" in notice]


def test_detached_front_matter_in_a_fm_yaml_file_beside_the_post(tmp_path: Path) -> None:
    # Jekyll's test site: the post's front matter in `<file name>.fm.yaml`; its H1 is a Liquid
    # expression printing that title.
    write_file(
        tmp_path / "2008-10-18-tides.markdown.fm.yaml", "title: Tide tables, read right\nauthor: Ann Lee\n"
    )
    post = write_file(tmp_path / "2008-10-18-tides.markdown", "\n# {{ page.title }}\n\nBest **post** ever\n")
    review = read_review(post)
    assert (review.title, review.author) == ("Tide tables, read right", "Ann Lee")
    assert review.date == datetime(2008, 10, 18, tzinfo=UTC)
    assert "page.title" not in review.body and review.body.strip() == "Best **post** ever"


@pytest.mark.parametrize("sidecar", ["- a list\n- not fields\n", "title: [unclosed\n"])
def test_a_fm_yaml_file_that_is_no_mapping_is_not_read(tmp_path: Path, sidecar: str) -> None:
    write_file(tmp_path / "post.md.fm.yaml", sidecar)
    assert read_review(write_file(tmp_path / "post.md", "# Own title\n\nText.\n")).title == "Own title"


def test_front_matter_of_its_own_wins_over_a_detached_one(tmp_path: Path) -> None:
    write_file(tmp_path / "post.md.fm.yaml", "title: Detached title\n")
    post = write_file(tmp_path / "post.md", "---\ntitle: Own title\n---\nText.\n")
    assert read_review(post).title == "Own title"


def test_a_detached_front_matter_file_beside_a_listed_review_is_no_stray_file(project: Path) -> None:
    folder = project / "issues" / "issue-2025"
    write_file(folder / "detached.md.fm.yaml", "title: Detached\n")
    write_file(folder / "detached.md", "The body of a post whose front matter is a file of its own.\n")
    list_first(folder / "issue.md", "detached.md")
    loaded = load_issue(load_config(project / "digest.toml"), "issue-2025")
    assert "Detached" in [review.title for review in loaded.issue.reviews]
    assert not [notice for notice in loaded.notices if "detached.md.fm.yaml" in notice]


def test_a_meta_file_of_another_tool_is_not_read(tmp_path: Path) -> None:
    write_file(tmp_path / "notes.meta", '{"editor": "some tool", "cursor": 12}\n')
    post = write_file(tmp_path / "notes.md", "# Notes on tides\n\nThe text of the notes.\n")
    assert read_review(post).title == "Notes on tides"
    assert sidecar_fields("Title only\nslug-only\nnot a date\n") == {}


JEKYLL_AUTHORS = """\
jdoe:
  name: Jane Doe
  twitter: jdoe
rroe:
  name: Richard Roe
"""


HUGO_AUTHORS_TOML = """\
[jdoe]
name = "Jane Doe"
bio = "Writes about tides."

[rroe]
name = "Richard Roe"
"""


# --- authors in a site's data folder ------------------------------------------------------------


@pytest.mark.parametrize(
    ("data_file", "content"),
    [
        ("_data/authors.yml", JEKYLL_AUTHORS),  # Jekyll: site.data.authors[page.author]
        ("data/authors.yml", JEKYLL_AUTHORS),  # Middleman, Hugo
        ("data/authors.json", json.dumps({"jdoe": {"name": "Jane Doe"}})),
        ("data/authors.toml", HUGO_AUTHORS_TOML),  # Hugo's data files may be TOML
    ],
)
def test_an_author_key_is_named_by_the_sites_data_folder(
    tmp_path: Path, data_file: str, content: str
) -> None:
    site = tmp_path / "site"
    write_file(site / data_file, content)
    review = read_review(post(site / "_posts", "author: jdoe\n"))
    assert review.author == "Jane Doe"


@pytest.mark.parametrize("data_folder", ["data", "_data"])
def test_one_file_a_person_in_the_data_folder(tmp_path: Path, data_folder: str) -> None:
    site = tmp_path / "site"
    write_file(site / data_folder / "authors" / "jdoe.yaml", "name: Jane Doe\nbio: Writes about tides.\n")
    write_file(site / data_folder / "authors" / "rroe.toml", 'name = "Richard Roe"\n')
    review = read_review(post(site / "content" / "posts", "authors: [jdoe, rroe, nobody]\n"))
    assert review.author == "Jane Doe, Richard Roe, nobody"  # an unknown key stays as written


def test_the_nearest_authors_file_wins(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_file(site / "_data" / "authors.yml", JEKYLL_AUTHORS.replace("Jane Doe", "Far Away"))
    write_file(site / "blog" / "authors.yml", JEKYLL_AUTHORS)
    assert read_review(post(site / "blog", "author: jdoe\n")).author == "Jane Doe"


def test_a_data_folder_above_the_root_is_not_read(tmp_path: Path) -> None:
    write_file(tmp_path / "data" / "authors.yml", JEKYLL_AUTHORS)
    path = post(tmp_path / "issue", "author: jdoe\n")
    inside = SiteFiles(
        tmp_path / "issue", PurePosixPath("post.md"), lambda name: _read(tmp_path / "issue", name)
    )
    assert inside.people(("jdoe",)) == {}
    assert read_review(path, site=inside).author == "jdoe"


def _read(root: Path, name: str) -> bytes | None:
    path = root / name
    return path.read_bytes() if path.is_file() else None


def test_a_key_that_is_a_path_is_not_looked_up_as_a_file(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_file(site / "data" / "secret.yaml", "name: Not A Person\n")
    review = read_review(post(site / "posts", "author: ../secret\n"))
    assert review.author == "../secret"


def test_an_invalid_toml_authors_file_is_named(tmp_path: Path) -> None:
    site = tmp_path / "site"
    bad = write_file(site / "data" / "authors.toml", "[jdoe\nname = 'x'\n")
    with pytest.raises(ContentError) as raised:
        read_review(post(site / "posts", "author: jdoe\n"))
    assert "not valid TOML" in str(raised.value) and str(bad) in str(raised.value)


def test_an_issue_reads_a_data_folder_inside_it_and_reports_it_as_no_stray(project: Path) -> None:
    folder = project / "issues" / "issue-2025"
    write_file(folder / "_data" / "authors.yml", JEKYLL_AUTHORS)
    write_file(folder / "keyed.md", f"---\ntitle: Keyed\nauthor: rroe\n---\n{BODY}")
    list_first(folder / "issue.md", "keyed.md")
    loaded = load_issue(load_config(project / "digest.toml"), "issue-2025")
    keyed = next(r for r in loaded.issue.reviews if r.title == "Keyed")
    assert keyed.author == "Richard Roe"
    assert not [notice for notice in loaded.notices if "authors" in notice]


def test_an_authors_module_is_read_as_far_as_a_site_would_write_one() -> None:
    from digest.sources.sitefiles import MAX_EXPORTS, _exported_objects

    many = "".join(f"export const a{i} = {{ name: 'Author {i}' }}\n" for i in range(MAX_EXPORTS + 50))
    found = _exported_objects(many)
    assert len(found) == MAX_EXPORTS and found["a0"] == {"name": "Author 0"}
    unclosed = "export const ann = { name: 'Ann' }\n" + "export const b = { /*\n" * 20_000
    assert _exported_objects(unclosed) == {"ann": {"name": "Ann"}}


# --- Docusaurus's tags file -----------------------------------------------------------------------

DOCUSAURUS_TAGS = """\
cooking:
  label: Slow Cooking
  permalink: /slow-cooking
  description: Posts about stews
garden:
  label: Allotment
plain:
"""


def test_docusaurus_tag_keys_show_the_labels_of_the_tags_file(tmp_path: Path) -> None:
    write_file(tmp_path / "blog" / "tags.yml", DOCUSAURUS_TAGS)
    post = write_file(
        tmp_path / "blog" / "2024-01-05-stew" / "index.md",
        f"---\ntitle: Stew\ntags: [cooking, garden, plain, unlisted]\n---\n{BODY}",
    )
    # a key without a label, and a tag the file does not name, stay as written
    assert read_review(post).tags == ("Slow Cooking", "Allotment", "plain", "unlisted")


def test_a_tags_file_of_another_shape_is_not_read_for_labels(tmp_path: Path) -> None:
    write_file(tmp_path / "tags.yml", "cooking: Slow Cooking\ngarden: [a, b]\n")
    post = write_file(tmp_path / "stew.md", f"---\ntitle: Stew\ntags: [cooking]\n---\n{BODY}")
    assert read_review(post).tags == ("cooking",)


def test_an_invalid_tags_file_is_named(tmp_path: Path) -> None:
    write_file(tmp_path / "tags.yml", "cooking:\n  label: [unclosed\n")
    post = write_file(tmp_path / "stew.md", f"---\ntitle: Stew\ntags: [cooking]\n---\n{BODY}")
    with pytest.raises(ContentError, match=r"tags\.yml.*tags file is not valid YAML"):
        read_review(post)


def test_a_post_without_tags_does_not_read_the_tags_file(tmp_path: Path) -> None:
    write_file(tmp_path / "tags.yml", "cooking:\n  label: [unclosed\n")  # would be refused if read
    post = write_file(tmp_path / "stew.md", f"---\ntitle: Stew\n---\n{BODY}")
    assert read_review(post).tags == ()


def test_an_issue_reads_its_tags_file_and_reports_it_as_no_stray(project: Path) -> None:
    folder = project / "issues" / "issue-2025"
    write_file(folder / "tags.yml", DOCUSAURUS_TAGS)
    write_file(folder / "keyed.md", f"---\ntitle: Keyed\ntags: [garden]\n---\n{BODY}")
    list_first(folder / "issue.md", "keyed.md")
    loaded = load_issue(load_config(project / "digest.toml"), "issue-2025")
    keyed = next(r for r in loaded.issue.reviews if r.title == "Keyed")
    assert keyed.tags == ("Allotment",)
    assert not [notice for notice in loaded.notices if "tags.yml" in notice]
