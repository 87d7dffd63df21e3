"""The mail clients the report looks at: the major ones, those it counts, those the preview shows."""

from __future__ import annotations

from dataclasses import dataclass, field

from digest.checks.mediaquery import DESKTOP, PHONE, Screen


@dataclass(frozen=True, order=True)
class Client:
    family: str
    platform: str
    short: str = field(compare=False)

    @property
    def outlook_windows(self) -> bool:
        return (self.family, self.platform) == ("outlook", "windows")

    @property
    def screen(self) -> Screen:
        """The screen its media queries are asked about: a phone's for the mail apps of iOS
        and Android, a desktop reading pane's for the rest."""
        return PHONE if self.platform in ("ios", "android") else DESKTOP


GMAIL_WEB = Client("gmail", "desktop-webmail", "Gmail web")
OUTLOOK_WINDOWS = Client("outlook", "windows", "Outlook Windows")
OUTLOOK_COM = Client("outlook", "outlook-com", "Outlook.com")
APPLE_MAIL = Client("apple-mail", "macos", "Apple Mail")
YAHOO = Client("yahoo", "desktop-webmail", "Yahoo")

# The clients whose readers matter most to a newsletter: their losses are findings.
MAJOR_CLIENTS: tuple[Client, ...] = (
    GMAIL_WEB,
    Client("gmail", "ios", "Gmail iOS"),
    Client("gmail", "android", "Gmail Android"),
    OUTLOOK_WINDOWS,
    OUTLOOK_COM,
    Client("outlook", "macos", "Outlook macOS"),
    APPLE_MAIL,
    Client("apple-mail", "ios", "Apple Mail iOS"),
    YAHOO,
    Client("samsung-email", "android", "Samsung Email"),
)
# One count per client family and platform, as the README gives them.
COUNTED_CLIENTS: tuple[Client, ...] = (GMAIL_WEB, OUTLOOK_WINDOWS, OUTLOOK_COM, APPLE_MAIL, YAHOO)
# The views the preview shows beside the full render, by the name in their URL.
VIEW_CLIENTS: dict[str, Client] = {"gmail": GMAIL_WEB, "outlook-com": OUTLOOK_COM, "yahoo": YAHOO}
