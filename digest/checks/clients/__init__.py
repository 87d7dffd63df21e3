"""What each mail client makes of the email, from caniemail's data, offline.

Webmails and mail apps drop the HTML and CSS they do not support before they show a
message. This package reads the final email (every style attribute and <style> block,
those inside Outlook's conditional comments too, which only Outlook for Windows reads),
maps what it uses to caniemail's features, and for each major client:

- lists every feature the client does not support (`n`) or supports in part (`a`, with
  caniemail's notes), with where it is written: the stylesheet or template line, the
  review, or "MJML" for what MJML writes itself;
- builds the client's view: the same HTML without what the client drops (unsupported
  features, and partly supported ones where a note says which values or elements fail);
- judges each drop: it carries content when the text a reader sees changes (hidden text
  shows, text disappears), a link or an image is lost or the layout collapses (an error);
  it loses decoration otherwise (a warning), unless the loss changes nothing the reader
  sees (an initial value, a second way of hiding what stays hidden, a hint such as
  `<meta name="color-scheme">`, media queries whose base styles stand in, markup Outlook
  replaces with its conditional twin). The report lists those too.

Its modules, in the order the work is done:

- mailclients.py: the clients looked at (the major ones, those counted, the preview's);
- features.py: which caniemail feature each thing written is (declarations, selectors,
  attributes, elements, media queries), and the markup patterns read;
- analysis.py: the email read once: its elements, the selectors matching them, every use;
- notes.py: caniemail's notes read as rules (with ../clientnotes.py);
- view.py: a client's copy of the email, without what it drops;
- cascade.py: the style each element of that copy ends with;
- geometry.py, outlook.py: how an element is laid out and drawn; what Outlook for Windows
  draws in place of what it drops;
- costs.py, element.py, ruleeffects.py, effects.py: what a drop can cost; what a dropped
  declaration costs on one element; what a dropped style-block rule costs where it matches;
  what each drop costs the email;
- frames.py: what a GIF loses where a client shows only its first frame (known for the
  issue's own files, which the build decodes);
- locator.py: where each use is written (the theme's file and line, or MJML);
- report.py: the report, its findings and its text.
"""

from __future__ import annotations

from digest.checks.clients.mailclients import MAJOR_CLIENTS, VIEW_CLIENTS
from digest.checks.clients.report import (
    ClientReport,
    ReportItem,
    client_report_for,
    client_view,
    format_report,
)

# What the rest of digest uses of the report (the command line, the build, the preview).
__all__ = [
    "MAJOR_CLIENTS",
    "VIEW_CLIENTS",
    "ClientReport",
    "ReportItem",
    "client_report_for",
    "client_view",
    "format_report",
]
