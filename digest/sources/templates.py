"""Template tags that static site generators expand in a post's Markdown, read as a reader sees them.

A post written for Jekyll, Eleventy or Hexo holds Liquid/Nunjucks tags (`{% link ... %}`,
`{% highlight ruby %}`, `{{ site.baseurl }}`); one written for Hugo or Quarto holds shortcodes
(`{{< figure src="..." >}}`, `{{% notice %}}...{{% /notice %}}`). Rendered as Markdown they show
as braces and percent signs. Here they become what the generator's page shows, where that can be
known without the site: `{% raw %}` keeps its text, `{% highlight %}` and Hugo's docs' `{{< code-toggle >}}`
become a fenced code block (the toggle's content as written: its tabs show the same data),
a shortcode or Liquid tag with a picture (`src=`) becomes that picture, one with an address (`link=`,
a video's URL or a YouTube id, dev.to's `{% embed URL %}`, a tweet's number, a GitHub repository's
`owner/name`) a link to it, a tag's `page.key` argument read from the post's front matter (Liquid's
`page`), the text between paired tags stays; a link whose target is a
tag (`{% post_url ... %}`, `{{< ref ... >}}`) keeps its text without the link; anything else is
left out. Code blocks and code spans are left exactly as written.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from digest.sources.mdx import split_code
from digest.sources.values import one_line

# Each pattern stops at the next tag of its kind, so text with many unclosed tags is read in
# linear time; a link target or a shortcode's quoted value is at most a few hundred characters.
CODE_SPAN = re.compile(r"(`+)[^`](?:(?!\n[ \t]*\n).)*?\1", re.DOTALL)
# Liquid's raw: what follows the opening tag up to the first end tag (another opening tag in it is text).
RAW_OPENING = re.compile(r"\{%-?\s*raw\s*-?%\}")
RAW_CLOSING = re.compile(r"\{%-?\s*endraw\s*-?%\}")
RAW = re.compile(r"\{%-?\s*raw\s*-?%\}((?:(?!\{%-?\s*(?:end)?raw\b).)*)\{%-?\s*endraw\s*-?%\}", re.DOTALL)
COMMENT = re.compile(
    r"\{%-?\s*comment\s*-?%\}(?:(?!\{%-?\s*(?:end)?comment\b).)*\{%-?\s*endcomment\s*-?%\}", re.DOTALL
)
LIQUID_HIGHLIGHT = re.compile(
    r"\{%-?\s*highlight\s+([\w+#.-]+)[^%{}]*%\}\n?((?:(?!\{%-?\s*(?:end)?highlight\b).)*?)\n?"
    r"\{%-?\s*endhighlight\s*-?%\}",
    re.DOTALL,
)
SHORTCODE_HIGHLIGHT = re.compile(
    r"\{\{([<%])\s*highlight\s+\"?([\w+#.-]+)\"?[^{}]*?[>%]\}\}\n?((?:(?!\{\{[<%]\s*/?\s*highlight\b).)*?)\n?"
    r"\{\{[<%]\s*/\s*highlight\s*[>%]\}\}",
    re.DOTALL,
)
# Hugo's docs site's `code-toggle`: configuration shown as code, in tabs of the formats Hugo reads;
# a self-closing one (`{{< code-toggle config=build />}}`) shows the site's own data instead.
SHORTCODE_CODE_TOGGLE = re.compile(
    r"\{\{([<%])\s*code-toggle\b[^{}]*?(?<!/)[>%]\}\}\n?((?:(?!\{\{[<%]\s*/?\s*code-toggle\b).)*?)\n?"
    r"\{\{[<%]\s*/\s*code-toggle\s*[>%]\}\}",
    re.DOTALL,
)
# A link or picture whose target is a tag: `[text]({% post_url x %})`, `[text]({{< ref "x" >}})`.
LINK_TO_TAG = re.compile(r"(!?)\[([^\]\n]{0,400})\]\(\s*(\{[{%][^)\n]{0,400}?[}%]\})\s*\)")
LINK_TO_SHORTCODE = re.compile(r"(!?)\[([^\]\n]{0,400})\]\(\s*(\{\{[<%][^)\n]{0,400}?[>%]\}\})\s*\)")
LIQUID_TAG_NAME = re.compile(r"\{%-?\s*(\w+)")
# Tags mail services' templates use too (Kit's Liquid, Buttondown's Django templates).
MAIL_SERVICE_TAGS = {
    "if", "elsif", "elif", "else", "endif", "unless", "endunless", "case", "when", "endcase", "for",
    "endfor", "assign", "capture", "endcapture", "with", "endwith", "set", "cycle", "break", "continue",
}  # fmt: skip
# Front matter keys only a site generator reads: Jekyll's and Eleventy's layouts and permalinks.
GENERATOR_KEYS = {
    "layout", "permalink", "eleventynavigation", "eleventycomputed", "eleventyexcludefromcollections",
    "excerptseparator", "redirectfrom", "renderwithliquid", "templateengineoverride", "pagination",
}  # fmt: skip
# A link, picture or link reference definition whose target holds a Liquid expression.
LINK_WITH_EXPRESSION = re.compile(r"(!?)\[([^\]\n]{0,400})\]\(\s*([^)\s]{0,400}\{\{[^)\n]{0,400}?)\s*\)")
DEFINITION_WITH_EXPRESSION = re.compile(r"^ {0,3}\[([^\]\n]+)\]:[ \t]*(\S*\{\{.*)$", re.MULTILINE)
# Expressions that print the site's root (`{{ site.baseurl }}`, `{{ site.url }}`) or turn a path
# into an address of the site (`{{ '/x' | relative_url }}`, `{{ get_url('x') }}`, `{{ url_for('x') }}`).
SITE_ROOT = re.compile(r"\{\{-?\s*(?:site\.(?:baseurl|url|base_url|root)|base_?url|root_?url)\s*-?\}\}")
SITE_PATH = re.compile(
    r"\{\{-?\s*(?:(?P<quote>['\"])(?P<path>[^'\"]*)(?P=quote)\s*\|\s*(?:relative_url|absolute_url|url|prepend:\s*site\.baseurl)"
    r"|(?:get_url|url_for|url|static|relative_url)\(\s*(?P<q2>['\"])(?P<path2>[^'\"]*)(?P=q2)\s*\))\s*-?\}\}"
)
EMPTY_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]*$", re.MULTILINE)
SHORTCODE = re.compile(
    r"\{\{([<%])\s*(/?)\s*([\w.-]++)"
    r"((?:[^{}\"'>%]|[>%](?!\}\})|\"[^\"{}\n]{0,500}\"|'[^'{}\n]{0,500}'|\}(?!\})|\{(?!\{))*+)[>%]\}\}"
)
# A shortcode's call Hugo shows without running it, written as a comment (`{{</* name */>}}`,
# `{{%/* name */%}}`): the page shows the call, `{{< name >}}`, in code as in prose; it closes as
# it opens. One stops at the next `{{`, so a line of unclosed ones is read in linear time.
ESCAPED_SHORTCODE = re.compile(r"\{\{(?:(<)|%)/\*((?:[^*{\n]|\*(?!/[>%]\}\})|\{(?!\{))*+)\*/(?(1)>|%)\}\}")
LIQUID_TAG = re.compile(r"\{%(?:[^%{]|%(?!\})|\{(?!%))*+%\}")
LIQUID_OUTPUT = re.compile(r"\{\{-?\s*[^<%{}][^{}\n]*?-?\}\}")
ADDRESS = re.compile(r"^(?:https?://|/)\S+$")
YOUTUBE_ID = re.compile(r"^[\w-]{11}$")
TWEET_ID = re.compile(r"[0-9]{1,20}")  # fullmatch: ASCII digits, as twitter.com writes them
# GitHub's owner/name, in ASCII; a name of '.' or '..' would be read as a folder of the address.
REPOSITORY = re.compile(r"[A-Za-z0-9][\w.-]{0,99}/(?!\.\.?$)[\w.-]{1,100}", re.ASCII)
# A Liquid variable of the page (`page.tweet`): Jekyll's `page` holds the post's front matter.
PAGE_VARIABLE = re.compile(r"^page\.([A-Za-z_][\w-]{0,100})$")
PLACEHOLDER = "\x00{}\x00"
# Stands for "{" inside a `{% raw %}` pair while the tags around it are read (never in a review:
# expand_templates checks).
HELD_BRACE = "\x02"
RESTORE = re.compile("\x00(\\d+)\x00")


@dataclass(frozen=True)
class Expanded:
    text: str
    tags: int  # how many tags were left out or rewritten


def has_template_tags(text: str) -> bool:
    return "{%" in text or "{{" in text


def writes_for_liquid(meta: Any, body: str) -> bool:
    """Whether a post was written for a generator that runs Liquid or Nunjucks over it (Jekyll,
    Eleventy, Hexo, Cobalt): its front matter has a key of such a site (`layout`, `permalink`,
    `eleventyNavigation`...) or its text uses one of their own tags (`{% link %}`, `{% include %}`).
    A post without either keeps `{{ name }}` and `{% if %}` as written: they may be a mail
    service's merge syntax, which digest escapes and reports instead."""
    keys = {re.sub(r"[\s_.-]+", "", str(key).lower()) for key in meta} if isinstance(meta, dict) else set()
    if keys & GENERATOR_KEYS:
        return True
    return any(name.lower() not in MAIL_SERVICE_TAGS for name in LIQUID_TAG_NAME.findall(body))


def expand_templates(text: str, *, liquid: bool = False, page: Mapping[str, Any] | None = None) -> Expanded:
    """The Markdown a reader of the generated page sees: shortcodes always (nothing else writes
    `{{<` or `{{%`), Liquid tags and `{{ output }}` when the post was written for `liquid`, a tag's
    `page.key` argument read from `page`, the post's front matter."""
    count = 0
    held = liquid and "raw" in text and HELD_BRACE not in text
    if held:
        text, count = _release_raw(text)
    pieces: list[str] = []
    for part, is_code in split_code(text):
        if is_code:
            pieces.append(ESCAPED_SHORTCODE.sub(_escaped_call, part))
            continue
        expanded = _expand_prose(part, liquid, page or {})
        pieces.append(expanded.text)
        count += expanded.tags
    expanded_text = "".join(pieces)
    return Expanded(expanded_text.replace(HELD_BRACE, "{") if held else expanded_text, count)


def _release_raw(text: str) -> tuple[str, int]:
    """The text without its `{% raw %}` and `{% endraw %}` tags, as the template engine leaves it
    before Markdown reads it: the engine runs over the whole file, so a pair glued to a code fence
    ('```njk{% raw %}' ... '{% endraw %}```') goes too and the fence is whole again. What a pair
    enclosed is shown as written: its braces are held under a mark no tag pattern reads."""
    pieces: list[str] = []
    position = count = 0
    while opening := RAW_OPENING.search(text, position):
        closing = RAW_CLOSING.search(text, opening.end())
        if closing is None:  # no pair is closed from here on
            break
        enclosed = text[opening.end() : closing.start()]  # to the first end tag, as Liquid reads it
        pieces += [text[position : opening.start()], enclosed.replace("{", HELD_BRACE)]
        position, count = closing.end(), count + 1
    return "".join([*pieces, text[position:]]), count


def _expand_prose(text: str, liquid: bool, page: Mapping[str, Any]) -> Expanded:
    kept: list[str] = []
    counter = [0]

    def keep(value: str) -> str:
        kept.append(value)
        return PLACEHOLDER.format(len(kept) - 1)

    def counted(replace: Callable[[re.Match[str]], str]) -> Callable[[re.Match[str]], str]:
        def wrapper(match: re.Match[str]) -> str:
            counter[0] += 1
            return replace(match)

        return wrapper

    text = CODE_SPAN.sub(lambda m: keep(ESCAPED_SHORTCODE.sub(_escaped_call, m.group(0))), text)
    text = ESCAPED_SHORTCODE.sub(lambda m: keep(_escaped_call(m)), text)
    if liquid:
        text = RAW.sub(counted(lambda m: keep(m.group(1))), text)
        text = COMMENT.sub(counted(lambda m: ""), text)
        text = LIQUID_HIGHLIGHT.sub(counted(lambda m: keep(f"```{m.group(1)}\n{m.group(2)}\n```")), text)
    text = SHORTCODE_HIGHLIGHT.sub(counted(lambda m: keep(f"```{m.group(2)}\n{m.group(3)}\n```")), text)
    text = SHORTCODE_CODE_TOGGLE.sub(counted(lambda m: keep(f"```\n{m.group(2)}\n```")), text)
    if liquid:  # targets the site's URL helpers make keep their path; other tags lose the link
        text = LINK_WITH_EXPRESSION.sub(counted(_link_without_expressions), text)
        text = _definitions_without_expressions(text, counter)
    text = (LINK_TO_TAG if liquid else LINK_TO_SHORTCODE).sub(counted(lambda m: m.group(2)), text)
    text = SHORTCODE.sub(counted(_as_block(_shortcode)), text)
    if liquid:
        text = LIQUID_TAG.sub(counted(_as_block(lambda m: _liquid_tag(m, page))), text)
        text = LIQUID_OUTPUT.sub(counted(lambda m: ""), text)
    if counter[0]:
        text = EMPTY_HEADING.sub("", text)  # `# {{ page.title }}`: nothing of the heading is left
    text = RESTORE.sub(lambda m: kept[int(m.group(1))], text)
    return Expanded(text, counter[0])


def _as_block(replace: Callable[[re.Match[str]], str]) -> Callable[[re.Match[str]], str]:
    """A tag alone on its line embeds a block (a tweet's card, a video): what it shows becomes a
    paragraph of its own, blank lines around it, so it is read as Markdown even inside an HTML
    block (`<div>` on the line above), which runs to the next blank line. Indented tags (in a
    list item) and tags within a line stay where they are."""

    def replacement(match: re.Match[str]) -> str:
        shown = replace(match)
        text, start, end = match.string, match.start(), match.end()
        line_end = text.find("\n", end)  # only the tag's own line is read: a page of tags stays linear
        after = text[end:] if line_end < 0 else text[end:line_end]
        if not shown or not (start == 0 or text[start - 1] == "\n") or after.strip(" \t"):
            return shown
        above = "\n" if start > 1 and text[start - 2] != "\n" else ""  # the line above holds text
        following = text[line_end + 1 : line_end + 2] if line_end >= 0 else ""
        below = "\n" if following not in ("", "\n") else ""  # and so does the line below
        return f"{above}{shown}{below}"

    return replacement


def site_path(target: str) -> str | None:
    """The address a target written with the site's own URL helpers stands for, as a path from
    the site's root (`{{ site.baseurl }}/docs/` -> `/docs/`); None when it depends on anything
    else the page cannot know (`{{ site.repository }}/issues`)."""
    target = SITE_PATH.sub(lambda m: "/" + (m.group("path") or m.group("path2") or "").lstrip("/"), target)
    target = SITE_ROOT.sub("", target)
    if "{{" in target or "{%" in target:
        return None
    if not target:
        return "/"
    return target if re.match(r"^(?:[a-z][a-z0-9+.-]*:|/|#)", target) else "/" + target


def _link_without_expressions(match: re.Match[str]) -> str:
    """A link keeps its target when that is a path of the site, else only its text; a picture
    whose address is unknown is left out."""
    picture, text, target = match.group(1), match.group(2), match.group(3)
    path = site_path(target)
    if path is not None:
        return f"{picture}[{text}]({path})"
    return "" if picture else text


def _definitions_without_expressions(text: str, counter: list[int]) -> str:
    """Link reference definitions whose target is unknown go, and so do the brackets of the
    links that use them (`[text][label]` keeps its text)."""
    dropped: list[str] = []

    def definition(match: re.Match[str]) -> str:
        counter[0] += 1
        path = site_path(match.group(2).strip())
        if path is not None:
            return f"[{match.group(1)}]: {path}"
        dropped.append(match.group(1))
        return ""

    text = DEFINITION_WITH_EXPRESSION.sub(definition, text)
    for label in dropped:
        name = re.escape(label)
        text = re.sub(r"\[([^\]\n]+)\]\[" + name + r"\]", r"\1", text, flags=re.IGNORECASE)
        text = re.sub(r"\[(" + name + r")\](?:\[\])?(?![(:\[])", r"\1", text, flags=re.IGNORECASE)
    return text


def _escaped_call(match: re.Match[str]) -> str:
    opening, closing = ("<", ">") if match.group(1) else ("%", "%")
    return f"{{{{{opening}{match.group(2)}{closing}}}}}"


def _shortcode(match: re.Match[str]) -> str:
    """What a shortcode shows: a picture, a link, or nothing (a closing tag, or one whose
    output needs the site's own templates)."""
    if match.group(2):  # `{{< /notice >}}`: the text before it stays
        return ""
    return _embedded(match.group(3).lower(), match.group(4))


def _liquid_tag(match: re.Match[str], page: Mapping[str, Any]) -> str:
    """What a Liquid tag shows when it embeds something by its address (dev.to's `{% embed URL %}`,
    `{% youtube id %}`, an `{% include %}` given `src=` or `url=`): that picture or a link to it;
    any other tag shows nothing the page can know without the site."""
    name, *rest = re.split(r"\s+", _tag_inside(match.group(0)), maxsplit=1)
    arguments = rest[0] if rest else ""
    if not name.isidentifier() or name.lower() in MAIL_SERVICE_TAGS or name.lower().startswith("end"):
        return ""
    return _embedded(name.lower(), arguments, page)


def _tag_inside(tag: str) -> str:
    """What a `{% ... %}` tag holds, without its whitespace-control dashes. Stripped, not found
    lazily before the spaces that may end it: a run of spaces inside a tag was scanned again at
    each of its characters."""
    return tag[2:-2].removeprefix("-").removesuffix("-").strip()


def _embedded(name: str, arguments: str, page: Mapping[str, Any] | None = None) -> str:
    """A template tag's picture (`src=`) or link (`link=`, `url=`, a first argument that is an
    address, a video's or a tweet's id, a repository's `owner/name`), or nothing. An argument
    written as `page.key` is the front matter's value of that key (nothing if it holds none)."""
    args = [(key, _page_value(value, page or {})) for key, value in _arguments(arguments)]
    named = {key.lower(): value for key, value in args if key}
    positional = [value for key, value in args if not key]
    label = next((named[key] for key in ("caption", "title", "alt", "text", "name") if named.get(key)), "")
    if source := named.get("src"):
        return f"![{_plain(label)}]({_destination(source)})"
    address = next((named[key] for key in ("link", "href", "url") if named.get(key)), "")
    if not address and positional and ADDRESS.match(positional[0]):
        address = positional[0]
    if not address and name in ("youtube", "youtube-nocookie"):
        video = named.get("id") or (positional[0] if positional else "")
        address = f"https://www.youtube.com/watch?v={video}" if YOUTUBE_ID.match(video) else ""
    if not address and name in ("twitter", "tweet") and named.get("user") and named.get("id"):
        address = f"https://twitter.com/{named['user']}/status/{named['id']}"
    if not address and name in ("twitter", "tweet") and positional and TWEET_ID.fullmatch(positional[0]):
        address = f"https://twitter.com/i/web/status/{positional[0]}"  # the tweet by its number alone
    if not address and name == "github" and positional and REPOSITORY.fullmatch(positional[0]):
        address = f"https://github.com/{positional[0]}"
    if not address and name.startswith("vimeo"):
        video = named.get("id") or (positional[0] if positional else "")
        address = f"https://vimeo.com/{video}" if video.isdigit() else ""
    if address and not address.startswith("{"):
        return f"[{_plain(label) or address}]({_destination(address)})"
    return ""


def _arguments(text: str) -> list[tuple[str, str]]:
    """A shortcode's arguments: `key="value"` pairs and positional values, as Hugo reads them."""
    try:
        words = shlex.split(text.replace("\n", " "), posix=True)
    except ValueError:
        words = text.split()
    found: list[tuple[str, str]] = []
    for word in words:
        key, sign, value = word.partition("=")
        if sign and re.fullmatch(r"[A-Za-z_][\w-]*", key):
            found.append((key, value))
        else:
            found.append(("", word))
    return found


def _page_value(value: str, page: Mapping[str, Any]) -> str:
    """An argument as Liquid reads it: `page.key` is the front matter's value (a string or a
    number, as one line of text; anything else, or a key it lacks, is empty), any other word
    itself."""
    variable = PAGE_VARIABLE.match(value)
    if variable is None:
        return value
    found = page.get(variable.group(1))
    if not isinstance(found, str | int) or isinstance(found, bool):
        return ""
    return one_line(found) or ""  # as a title is read: no control characters, one line, any integer


def _destination(address: str) -> str:
    """A link's or picture's address as a Markdown destination: one holding spaces or brackets
    ('my photo.png') between '<' and '>', which CommonMark reads whole (it cannot hold '<', '>'
    or a line break: then it is left as it is)."""
    if not re.search(r"[\s()]", address) or re.search(r"[<>\n]", address):
        return address
    return f"<{address}>"


def _plain(text: str) -> str:
    return re.sub(r"[\[\]]", "", " ".join(text.split()))
