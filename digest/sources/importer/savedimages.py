"""The images of a saved page that cannot travel with its text: copies the browser saved
beside the page (`page_files/`) and alt texts that are only a file's name.
"""

from __future__ import annotations

import re
from typing import Any

from digest.sources.importer.pageurls import is_web_address, url_scheme

SAVED_FILES = re.compile(r"(?:^|/)[^/]*_files/")  # what "Save page as" writes beside the page


def without_saved_copies(root: Any, base_url: str | None) -> list[str]:
    """Images saved beside the page (`Page_files/x.png`), or relative ones with no page address
    to resolve them against, cannot travel with the review: they go, and a figure's caption
    goes with its image."""
    local = [img for img in root.xpath(".//img") if _saved_copy(img.get("src") or "", base_url)]
    for image in local:
        figure = next((a for a in image.iterancestors() if a.tag == "figure"), None)
        if figure is not None and not [i for i in figure.xpath(".//img") if i not in local]:
            figure.drop_tree()  # the figure had only such images: its caption goes too
        elif image.getparent() is not None:
            image.drop_tree()
    for figure in root.xpath(".//figure"):
        if figure.getparent() is not None and not figure.xpath(
            ".//img | .//picture | .//video | .//pre | .//table"
        ):
            figure.drop_tree()  # a caption left without its image
    if local:
        return [f"{len(local)} image(s) saved beside the page were left out"]
    return []


# What a camera, a screenshot tool or an upload names a picture ('Screen Shot 2011-08-13 at
# 4.55.35 PM', 'IMG_1234', 'DSC_0042.JPG', 'harbour-2.png'): as alt text it describes nothing.
FILE_NAME_ALT = re.compile(
    r"(?:(?:screen\s?shot|screenshot|bildschirmfoto|capture d.écran|img|dsc[nf]?|pxl|photo|image|untitled)"
    r"[\s_-]*\d[\d\s:._-]*(?:\s+at\s+[\d.:]+\s*(?:[ap]\.?m\.?)?)?(?:\.[a-z]{3,4})?"
    r"|[\w.-]+\.(?:png|jpe?g|gif|webp|svg|heic|bmp|tiff?))",
    re.IGNORECASE,
)


def without_file_name_alts(root: Any) -> list[str]:
    """Pictures whose alt text (or title) is only a file name lose it, and the editor is told
    to describe them: a reader hears 'Screen Shot 2011-08-13 at 4.55.35 PM' and learns nothing."""
    named = 0
    for image in root.xpath(".//img"):
        alt = (image.get("alt") or "").strip()
        if alt and FILE_NAME_ALT.fullmatch(alt):
            image.set("alt", "")
            named += 1
        if FILE_NAME_ALT.fullmatch((image.get("title") or "").strip()):
            del image.attrib["title"]
    if named:
        return [f"{named} picture(s) had a file name as alt text, now none: describe what they show"]
    return []


def _saved_copy(src: str, base_url: str | None) -> bool:
    if is_web_address(src):
        return False
    return base_url is None or bool(SAVED_FILES.search(src)) or url_scheme(src) != ""
