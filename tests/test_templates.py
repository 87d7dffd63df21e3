"""The template tags of site generators in a post (digest.sources.templates): Hugo and Quarto
shortcodes, Liquid and Nunjucks tags, read as the generated page shows them."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.sources.reviews import read_review
from digest.sources.templates import expand_templates, site_path, writes_for_liquid
from tests.helpers import ends_in_time, write_in

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


def test_an_escaped_shortcode_shows_as_the_call_it_escapes(tmp_path: Path) -> None:
    """Hugo writes a shortcode's call without running it when the call is a comment,
    `{{</* name */>}}` or `{{%/* name */%}}`, in code as in prose."""
    text = (
        "---\ntitle: Crops\n---\n\n"
        "Call it so: {{</* crop river 500x300 */>}} or `{{%/* note */%}}`.\n\n"
        '```\n{{</* crop river "500x300" */>}}\nA caption\n{{</* /crop */>}}\n```\n'
    )
    body = read_review(write_in(tmp_path, "post.md", text)).body
    assert "Call it so: {{< crop river 500x300 >}} or `{{% note %}}`." in body
    assert '```\n{{< crop river "500x300" >}}\nA caption\n{{< /crop >}}\n```' in body
    assert "/*" not in body


def test_an_escaped_shortcode_closed_by_the_other_delimiter_is_no_call(tmp_path: Path) -> None:
    # Hugo's comment closes as it opens ('*/>}}' after '{{</*'): '{{</* a */%}}' showed as '{{< a %}}'
    # (found by review25)
    text = "---\ntitle: Crops\n---\n\nMixed `{{</* a */%}}` and `{{%/* b */>}}` stay.\n"
    body = read_review(write_in(tmp_path, "post.md", text)).body
    assert "`{{</* a */%}}` and `{{%/* b */>}}` stay." in body, body


def test_a_line_of_unclosed_escaped_shortcodes_is_read_in_linear_time(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Openers\n---\n\n" + "{{</* a " * 60_000 + "\n\n```\n" + "{{%/* b " * 60_000 + "\n```\n"
    )
    ends_in_time(tmp_path, "openers.md", text, "digest.sources.reviews.read_review")


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


def test_a_code_toggle_shortcode_shows_its_code_as_written() -> None:
    # Hugo's docs site's `code-toggle` shows its content as configuration in tabs (YAML, TOML,
    # JSON, each made from the content): a reader sees code, here the one written.
    text = (
        "Then in the site's configuration:\n\n"
        '{{< code-toggle file="hugo" >}}\n[params]\ncolor = "blue"\n{{< /code-toggle >}}\n\n'
        "And the build's settings:\n\n{{< code-toggle file=hugo config=build />}}\n"
    )
    expanded = expand_templates(text)
    assert '```\n[params]\ncolor = "blue"\n```' in expanded.text
    assert "code-toggle" not in expanded.text and "{{" not in expanded.text
    assert expanded.tags == 2


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


EMBEDS = (
    "---\n"
    "title: Embeds\n"
    "published: true\n"
    "tags: demo, liquid\n"
    "---\n\n"
    "The demo:\n\n"
    "{% embed https://example.org/demo?x=1&file=src%2Fmain.ts %}\n\n"
    "{% youtube dQw4w9WgXcQ %}\n\n"
    '{% include video.html url="https://example.org/v.mp4" title="The talk" %}\n\n'
    '{% include figure.html src="/img/dam.jpg" alt="The dam" %}\n\n'
    "{% assign home = 'https://example.org/' %}{% twitter 1234567890 %}{% github ann/project %}\n\n"
    "Write `{% embed https://example.org/x %}` to embed a page.\n"
)


def test_liquid_tags_that_embed_an_address_become_links_to_it(tmp_path: Path) -> None:
    """dev.to's (Forem's) `{% embed URL %}` and the embed tags Jekyll sites add show the page,
    video or picture they name: a reader of the text gets a link to it (a picture stays one),
    as a Hugo shortcode with an address does; a tag naming no address still goes."""
    body = read_review(write_in(tmp_path, "embeds.md", EMBEDS)).body
    demo = "https://example.org/demo?x=1&file=src%2Fmain.ts"
    assert f"[{demo}]({demo})" in body
    assert "(https://www.youtube.com/watch?v=dQw4w9WgXcQ)" in body
    assert "[The talk](https://example.org/v.mp4)" in body
    assert "![The dam](/img/dam.jpg)" in body
    assert "assign" not in body and "{% twitter" not in body and "{% github" not in body
    assert "Write `{% embed https://example.org/x %}` to embed a page." in body
    assert body.count("{%") == 1


def test_a_tweet_or_repository_named_by_its_id_is_a_link_to_it(tmp_path: Path) -> None:
    """Forem's `{% twitter ID %}` (and the `{% tweet ID %}` of Jekyll's tweet plugins) embeds the
    tweet of that number, and `{% github owner/repo %}` the repository of that name, whatever
    options follow: the reader gets a link to it (twitter.com's `/i/web/status/ID` needs no
    account name). A name that is no repository (one word) still shows nothing."""
    body = read_review(write_in(tmp_path, "embeds.md", EMBEDS)).body
    assert "(https://twitter.com/i/web/status/1234567890)" in body
    assert "(https://github.com/ann/project)" in body
    post = "---\ntitle: More\nlayout: post\n---\n\n{% tweet 42 %}\n\n{% github ann/tool no-readme %}\n\n{% github ann %}\n"
    body = read_review(write_in(tmp_path, "more.md", post)).body
    assert "(https://twitter.com/i/web/status/42)" in body
    assert "(https://github.com/ann/tool)" in body and "(https://github.com/ann)" not in body


def test_a_tag_given_a_page_variable_reads_it_from_the_front_matter(tmp_path: Path) -> None:
    """Liquid's `page` is the post's front matter: `{% twitter page.tweet limit=5 %}` embeds the
    tweet whose address the post's `tweet:` key holds, so the reader gets a link to it; a
    variable the front matter does not hold, or holds as no address, shows nothing."""
    post = (
        "---\ntitle: Lambdas\nlayout: post\ntweet: https://x.com/ann/status/99\nvideo: dQw4w9WgXcQ\n"
        "note: not an address\n---\n\nSee:\n\n{% twitter page.tweet limit=5 hide_media=true %}\n\n"
        "{% youtube page.video %}\n\n{% twitter page.missing %}{% twitter page.note %}\n"
    )
    body = read_review(write_in(tmp_path, "2025-01-02-lambdas.md", post)).body
    assert "[https://x.com/ann/status/99](https://x.com/ann/status/99)" in body
    assert "(https://www.youtube.com/watch?v=dQw4w9WgXcQ)" in body
    assert "page." not in body and "not an address" not in body


def test_an_embed_alone_on_its_line_is_a_paragraph_of_its_own(tmp_path: Path) -> None:
    """An embedding tag alone on its line stands for a block (the tweet's card): its link is a
    paragraph of its own, so it is a link even where the tag sat inside an HTML block (a
    `<div>` around it), where Markdown is not read until the next blank line."""
    post = (
        '---\ntitle: Card\nlayout: post\n---\n\nHere it is:\n\n<div class="card">\n'
        "{% twitter https://x.com/ann/status/7 %}\n</div>\n\nAnd inline {% twitter 8 %} too.\n"
    )
    html = read_review(write_in(tmp_path, "2025-01-03-card.md", post)).html
    assert '<a href="https://x.com/ann/status/7">' in html and "[https://x.com" not in html
    assert 'And inline <a href="https://twitter.com/i/web/status/8">' in html


RAW_ACROSS_FENCES = (
    "---\n"
    "title: Loops\n"
    "---\n\n"
    "Group the posts:\n\n"
    "```njk{% raw %}\n{% for post in posts %}\n\t<p>{{ post.title }}</p>\n{% endfor %}\n{% endraw %}```\n\n"
    "{% note %}The filter is mine.{% endnote %}\n\n"
    "In prose {% raw %}{{ title }}{% endraw %} prints the title.\n\n"
    "```liquid\n{% raw %}\n{{ page.url }}\n{% endraw %}\n```\n\n"
    "The end.\n"
)


def test_raw_tags_go_before_the_markdown_is_read(tmp_path: Path) -> None:
    """Jekyll, Eleventy and Hexo run Liquid or Nunjucks over the whole file before Markdown sees
    it, so `{% raw %}` and `{% endraw %}` are gone wherever they stood, even glued to a code
    fence ('```njk{% raw %}' ... '{% endraw %}```'), and what they enclose is shown as written."""
    review = read_review(write_in(tmp_path, "loops.md", RAW_ACROSS_FENCES))
    body = review.body
    assert "```njk\n{% for post in posts %}\n\t<p>{{ post.title }}</p>\n{% endfor %}\n```\n" in body
    assert "In prose {{ title }} prints the title." in body
    assert "```liquid\n\n{{ page.url }}\n\n```" in body
    assert "The filter is mine." in body and "note %}" not in body
    assert "raw %}" not in body
    html = review.html
    assert html.count("<pre>") == 2 and '<code class="language-njk">' in html
    assert "<p>The filter is mine.</p>" in html and "<p>The end.</p>" in html


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


def test_a_liquid_tag_with_a_long_run_of_spaces_is_read_in_linear_time(tmp_path: Path) -> None:
    """A tag's name and arguments were found lazily, a character at a time, with the spaces that
    may end them tried at each: a run of spaces inside a tag was scanned again at every character
    of it (36 s for one 80 KB tag, four times that at each doubling)."""
    text = "---\ntitle: Gaps\nlayout: post\n---\n{% include a" + " " * 300_000 + "b %}\n"
    ends_in_time(tmp_path, "gaps.md", text, "digest.sources.reviews.read_review")


def test_a_raw_tag_shown_inside_a_raw_pair_is_shown(tmp_path: Path) -> None:
    """Liquid's raw ends at the first `{% endraw %}`: what stands before it, a `{% raw %}` too,
    is text. A post about the tag writes `{% raw %}{% raw %}{% endraw %}` to show it; the pair
    was read from the inner opening, and the outer one left out as a tag: the prose lost the
    very tag it was about."""
    text = (
        "---\ntitle: Escaping\nlayout: post\n---\n\n"
        "Wrap the code in {% raw %}{% raw %}{% endraw %} and its end tag.\n\n"
        "```\n{% raw %}{% raw %}{% endraw %}\n```\n"
    )
    body = read_review(write_in(tmp_path, "escaping.md", text)).body
    assert "Wrap the code in {% raw %} and its end tag." in body
    assert "```\n{% raw %}\n```" in body


@pytest.mark.parametrize(
    ("text", "expanded"),
    [
        ("{% twitter 1 %}", "[https://twitter.com/i/web/status/1](https://twitter.com/i/web/status/1)"),
        ("<div>\n{% twitter 1 %} \t\n</div>\n", "<div>\n\n[L](A)\n \t\n</div>\n"),  # blanks after the tag
        ("<div>\n{% twitter 1 %}\n\n", "<div>\n\n[L](A)\n\n"),  # a blank line below already
        ("<div>\n{% twitter 1 %} and more\n", "<div>\n[L](A) and more\n"),  # text after it on its line
    ],
)
def test_an_embed_is_a_block_by_its_own_line_only(text: str, expanded: str) -> None:
    """Whether an embed is a block of its own is decided by its line and the lines just above
    and below it, wherever in the text it is: the end of the text is the end of its line."""
    link = "[https://twitter.com/i/web/status/1](https://twitter.com/i/web/status/1)"
    want = expanded.replace("[L](A)", link).replace("{% twitter 1 %}", link)
    assert expand_templates(text, liquid=True).text == want


@pytest.mark.parametrize(
    "tag", ["{% twitter ١٢٣ %}", "{% github ann/名前 %}", "{% github ann/.. %}", "{% github ann/. %}"]
)
def test_a_tweet_number_or_repository_name_is_ascii_as_the_sites_write_them(tag: str) -> None:
    """A tweet's number is ASCII digits and a GitHub repository's name ASCII letters, digits,
    '.', '-' and '_', never '.' or '..' (which an address reads as a folder): other words make
    no link (a link to github.com/ann/.. is GitHub's home page)."""
    assert expand_templates(f"Before\n\n{tag}\n", liquid=True).text == "Before\n\n\n"


def test_a_page_variable_is_read_as_one_clean_line(tmp_path: Path) -> None:
    """A front matter value a tag reads is text like the post's title: YAML's escapes may spell
    control characters or a lone surrogate (which no page can encode), a block scalar spans
    lines, and an integer may be too long for Python to write in decimal: the tag shows the value
    without them, on one line, or nothing, never an error."""
    big = "f" * 4000
    post = (
        f'---\ntitle: Values\nlayout: post\nhex: 0x{big}\nbell: "Red\\x07 bell\\x1b[31m"\nlone: "\\ud83d"\n'
        "lines: |\n  /a\n  b.png\n---\n\n{% twitter page.hex %}\n\n"
        "{% include fig.html src=/a.png caption=page.bell %}\n\n{% include v.html url=page.lone %}\n\n"
        "{% include fig.html src=page.lines %}\n\nWords.\n"
    )
    review = read_review(write_in(tmp_path, "2025-01-04-values.md", post))
    review.html.encode("utf-8")
    assert "![Red bell31m](/a.png)" in review.body and "\x07" not in review.html and "\x1b" not in review.html
    assert "\ud83d" not in review.body and "twitter.com" not in review.body  # 0xfff... is no tweet's number
    assert '<img src="/a%20b.png"' in review.html  # the lines joined as a title's are, one address


def test_a_picture_or_link_whose_address_holds_a_space_is_shown() -> None:
    """CommonMark ends an address at a space: one holding spaces is written between '<' and '>'."""
    text = '{% include fig.html src="my photo (1).png" caption="Me" %}'
    assert expand_templates(text, liquid=True).text == "![Me](<my photo (1).png>)"
