"""The fifth round's rules, each on a small input written for these tests: a plain YAML value
holding `: ` read as line-by-line front matter readers read it, a title kept under another key
ending in "title", and the template tags of site generators (Hugo and Quarto shortcodes, Liquid
and Nunjucks tags) read as the generated page shows them, never as braces."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.errors import ContentError
from digest.sources.headers import front_matter
from digest.sources.reviews import read_review
from digest.sources.templates import expand_templates, site_path, writes_for_liquid


def write_in(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- a plain value holding ': ' ------------------------------------------------------------------

COLON_TITLE = (
    "---\n"
    "title: Release notes: what changed in May\n"
    "author: Ada Lovelace\n"
    "category: announcements\n"
    "---\n\n"
    "Body text.\n"
)


def test_plain_value_with_a_colon_is_read_as_text_and_reported(tmp_path: Path) -> None:
    review = read_review(write_in(tmp_path, "2021-05-04-notes.md", COLON_TITLE))
    assert review.title == "Release notes: what changed in May"
    assert review.author == "Ada Lovelace"
    assert any(guess.startswith("line 2: a value holding ': '") for guess in review.guesses)


def test_quotes_inside_such_a_value_survive(tmp_path: Path) -> None:
    text = COLON_TITLE.replace("Release notes: what", "Ada's notes: what")
    assert read_review(write_in(tmp_path, "post.md", text)).title == "Ada's notes: what changed in May"


def test_valid_yaml_is_read_as_before_without_a_note(tmp_path: Path) -> None:
    text = COLON_TITLE.replace("title: Release notes: what changed in May", 'title: "Release notes: May"')
    review = read_review(write_in(tmp_path, "post.md", text))
    assert review.title == "Release notes: May"
    assert not any("holding ': '" in guess for guess in review.guesses)


def test_other_yaml_mistakes_are_still_refused_with_their_line(tmp_path: Path) -> None:
    text = "---\ntitle: Fine\ntags: [one, two\nauthor: Ada\n---\n\nBody.\n"
    with pytest.raises(ContentError, match="invalid YAML front matter") as caught:
        read_review(write_in(tmp_path, "post.md", text))
    assert caught.value.line is not None


def test_nested_values_are_never_rewritten(tmp_path: Path) -> None:
    text = "---\ntitle: Fine\nauthor:\n  name: Ada: Countess\n---\n\nBody.\n"
    with pytest.raises(ContentError, match="invalid YAML front matter"):
        read_review(write_in(tmp_path, "post.md", text))


def test_strict_reading_stays_strict() -> None:
    with pytest.raises(ContentError, match="invalid YAML front matter"):
        front_matter(COLON_TITLE, Path("issue.md"), "yaml")
    header = front_matter(COLON_TITLE, Path("post.md"), "yaml", lenient=True)
    assert header.meta["title"] == "Release notes: what changed in May"
    assert header.notes


# --- the title under another key ----------------------------------------------------------------


def test_a_key_ending_in_title_names_the_post_without_title(tmp_path: Path) -> None:
    text = "---\nnewstitle: How do I get a sticker?\nlayout: news\n---\nAsk someone who has one.\n"
    review = read_review(write_in(tmp_path, "2020-02-05-stickers.md", text))
    assert review.title == "How do I get a sticker?"
    assert any("'newstitle' key" in guess for guess in review.guesses)


def test_headline_names_the_post(tmp_path: Path) -> None:
    text = "---\nheadline: Rivers rise in spring\n---\nThe water came early.\n"
    assert read_review(write_in(tmp_path, "note.md", text)).title == "Rivers rise in spring"


def test_the_body_heading_beats_a_page_title_key(tmp_path: Path) -> None:
    text = "---\nPageTitle: Product 1.7 Incident Report\n---\n\n# 1.7 Incident Report\n\nWhat happened.\n"
    assert read_review(write_in(tmp_path, "report.md", text)).title == "1.7 Incident Report"


@pytest.mark.parametrize("key", ["subtitle", "authorTitle", "imageTitle", "seriesTitle"])
def test_keys_naming_something_else_are_no_title(tmp_path: Path, key: str) -> None:
    text = f"---\n{key}: Engineer at a company\n---\nSome text without a heading.\n"
    with pytest.raises(ContentError, match="no title"):
        read_review(write_in(tmp_path, "post.md", text))


# --- Hugo and Quarto shortcodes ------------------------------------------------------------------

SHORTCODES = (
    "+++\n"
    'title = "Shortcodes"\n'
    "date = 2020-01-01T10:00:00+02:00\n"
    "+++\n\n"
    '{{< figure src="/img/river.jpg" caption="The river in May" >}}\n\n'
    "{{< youtube dQw4w9WgXcQ >}}\n\n"
    "{{% notice warning %}}\nMind the **flood**.\n{{% /notice %}}\n\n"
    'See [the guide]({{< ref "/docs/guide.md" >}}) and the {{< pdf title="manual" link="https://example.org/m.pdf" >}}.\n\n'
    "{{< highlight go >}}\nfunc main() {}\n{{< /highlight >}}\n\n"
    "{{< tweet 12345 >}}\n\n"
    "Write `{{< figure >}}` to add a picture.\n\n"
    '```\n{{< figure src="x.png" >}}\n```\n'
)


def test_shortcodes_become_what_the_page_shows(tmp_path: Path) -> None:
    review = read_review(write_in(tmp_path, "post.md", SHORTCODES))
    body = review.body
    assert "![The river in May](/img/river.jpg)" in body
    assert "(https://www.youtube.com/watch?v=dQw4w9WgXcQ)" in body
    assert "Mind the **flood**." in body and "notice" not in body
    assert "See the guide and the [manual](https://example.org/m.pdf)." in body
    assert "```go\nfunc main() {}\n```" in body
    assert "tweet" not in body
    assert any("template tag(s)" in guess for guess in review.guesses)


def test_shortcodes_in_code_stay_as_written(tmp_path: Path) -> None:
    body = read_review(write_in(tmp_path, "post.md", SHORTCODES)).body
    assert "Write `{{< figure >}}` to add a picture." in body
    assert '```\n{{< figure src="x.png" >}}\n```' in body


def test_no_braces_reach_the_page(tmp_path: Path) -> None:
    html = read_review(write_in(tmp_path, "post.md", SHORTCODES)).html
    outside_code = html.split("<pre")[0]
    assert "{{&lt;" not in outside_code and "{{%" not in outside_code


def test_a_quarto_video_shortcode_is_a_link() -> None:
    expanded = expand_templates("{{< video https://example.org/talk.mp4 >}}\n")
    assert expanded.text == "[https://example.org/talk.mp4](https://example.org/talk.mp4)\n"
    assert expanded.tags == 1


# --- Liquid and Nunjucks ----------------------------------------------------------------------------

LIQUID = (
    "---\n"
    "layout: post\n"
    "title: Liquid\n"
    "date: 2018-02-25 13:02:08 +0530\n"
    "---\n\n"
    "# {{ page.title }}\n\n"
    "Since [v1.0]({% link _posts/2018-01-02-one.md %}) and [the docs]({{ site.baseurl }}/docs/) "
    "and [the FAQ]({{ '/faq/' | relative_url }}) and [issues]({{ site.repository }}/issues).\n\n"
    "{% raw %}Write {% link x.md %} to link a post.{% endraw %}\n\n"
    "{% highlight ruby %}\nputs 'hi'\n{% endhighlight %}\n\n"
    "{% comment %}not for readers{% endcomment %}Read the [changelog][log] and [upgrading].\n\n"
    "{% include note.html content='x' %}\n\n"
    "[log]: {{ get_url('changelog/') }}\n"
    "[upgrading]: {{ site.github.url }}/upgrading\n"
)


def test_liquid_tags_become_what_the_page_shows(tmp_path: Path) -> None:
    review = read_review(write_in(tmp_path, "2018-02-25-liquid.md", LIQUID))
    body = review.body
    assert "Since v1.0 and [the docs](/docs/) and [the FAQ](/faq/) and issues." in body
    assert "Write {% link x.md %} to link a post." in body
    assert "```ruby\nputs 'hi'\n```" in body
    assert "not for readers" not in body and "include" not in body
    assert "Read the [changelog][log] and upgrading." in body
    assert "[log]: /changelog/" in body
    assert "{{" not in body.replace("{% link x.md %}", "")


def test_a_heading_made_only_of_an_expression_goes(tmp_path: Path) -> None:
    body = read_review(write_in(tmp_path, "2018-02-25-liquid.md", LIQUID)).body
    assert "\n# \n" not in body and not body.lstrip().startswith("#")


def test_merge_syntax_in_a_plain_review_stays_as_written(tmp_path: Path) -> None:
    text = "---\ntitle: Mail tricks\n---\n\nHello {{ first_name }}! {% if vip %}Thanks{% endif %}.\n"
    body = read_review(write_in(tmp_path, "review.md", text)).body
    assert "Hello {{ first_name }}! {% if vip %}Thanks{% endif %}." in body


def test_what_marks_a_post_written_for_liquid() -> None:
    assert writes_for_liquid({"layout": "post"}, "text")
    assert writes_for_liquid({"eleventyNavigation": {}}, "text")
    assert writes_for_liquid({}, "see {% post_url 2010-01-01-a %}")
    assert not writes_for_liquid({"title": "x"}, "{% if vip %}Thanks{% endif %} {{ name }}")


@pytest.mark.parametrize(
    ("target", "path"),
    [
        ("{{ site.baseurl }}/docs/", "/docs/"),
        ("{{site.url}}{{site.baseurl}}/a", "/a"),
        ("{{ '/faq/' | relative_url }}", "/faq/"),
        ('{{ "img/x.png" | absolute_url }}', "/img/x.png"),
        ("{{ get_url('docs/quickstart/#pages') }}", "/docs/quickstart/#pages"),
        ("{{ site.repository }}/issues", None),
        ("{{ page.url }}", None),
    ],
)
def test_site_paths(target: str, path: str | None) -> None:
    assert site_path(target) == path


# --- found by the property test while this round ran ------------------------------------------


def test_an_unfinished_doctype_is_no_html_post(tmp_path: Path) -> None:
    review = read_review(write_in(tmp_path, "note.txt", "<!doctype html"))
    assert review.format != "html-meta"
