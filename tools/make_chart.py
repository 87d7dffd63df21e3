"""Draw the demo issue's chart: what a frontier training run was assumed to cost against
what DeepSeek reported, as our review of Raschka's survey quotes the figures.

    .venv/bin/python tools/make_chart.py   # writes issues/issue-2025/training-costs.png

Drawn with Pillow alone, on a transparent background (so the email's light plate and the
web page's dark mode are exercised), at twice the size the email shows it.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUTPUT = Path(__file__).resolve().parent.parent / "issues" / "issue-2025" / "training-costs.png"
WIDTH, HEIGHT = 1200, 720
TEXT, MUTED, GRID = (31, 41, 51, 255), (75, 85, 99, 255), (209, 213, 219, 255)
ASSUMED, REPORTED = (156, 163, 175, 255), (29, 78, 216, 255)

# (label, dollars, reported by DeepSeek rather than assumed), from the review's text.
BARS = (
    ("Assumed, high", 500_000_000, False),
    ("Assumed, low", 50_000_000, False),
    ("V3, final run", 5_000_000, True),
    ("R1 stage on top", 294_000, True),
)
TICKS = (100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000)
LEFT, RIGHT, TOP, BAR, GAP = 430, 1130, 190, 76, 36


def dollars(amount: int) -> str:
    if amount >= 1_000_000_000:
        return f"${amount // 1_000_000_000} billion"
    if amount >= 1_000_000:
        return f"${amount // 1_000_000} million"
    return f"${amount:,}"


def x_of(amount: float) -> float:
    low, high = math.log10(TICKS[0]), math.log10(TICKS[-1])
    return LEFT + (math.log10(amount) - low) / (high - low) * (RIGHT - LEFT)


def draw() -> Image.Image:
    image = Image.new("RGBA", (WIDTH, HEIGHT), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    title, body, small = (ImageFont.load_default(size) for size in (50, 36, 30))
    pen.text((40, 28), "What a frontier training run costs", font=title, fill=TEXT)
    pen.text((40, 96), "Compute only, log scale: assumed before DeepSeek V3, and reported", font=small,
             fill=MUTED)  # fmt: skip
    bottom = TOP + len(BARS) * (BAR + GAP)
    for tick in TICKS:
        x = x_of(tick)
        pen.line((x, TOP - 10, x, bottom), fill=GRID, width=2)
        label = dollars(tick).replace(" million", "M").replace(" billion", "B").replace(",000", "k")
        width = pen.textlength(label, font=small)
        pen.text((x - width / 2, bottom + 12), label, font=small, fill=MUTED)
    for index, (label, amount, reported) in enumerate(BARS):
        top = TOP + index * (BAR + GAP)
        pen.text((40, top + BAR / 2), label, font=body, fill=TEXT, anchor="lm")
        end = x_of(amount)
        pen.rounded_rectangle((LEFT, top, end, top + BAR), radius=8, fill=REPORTED if reported else ASSUMED)
        value = dollars(amount)
        inside = end - LEFT > pen.textlength(value, font=body) + 40
        colour = (255, 255, 255, 255) if inside else TEXT
        x = end - 16 if inside else end + 14
        pen.text((x, top + BAR / 2), value, font=body, fill=colour, anchor="rm" if inside else "lm")
    return image


if __name__ == "__main__":
    draw().save(OUTPUT, optimize=True)
    print(f"wrote {OUTPUT}")
