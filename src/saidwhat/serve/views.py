"""What the HTML pages show, computed in Python so templates only lay it out.

Marked-up text comes from :mod:`saidwhat.serve.markup` (escaped piece by piece); the
timeline chart is plain numbers that the SVG template places.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from saidwhat.serve.markup import Mark, context_window, render_marked
from saidwhat.serve.schemas import MonthCount, QuotationOut

CARD_ROLES = ("quote", "cue", "speaker", "addressee")


def quotation_marks(quotation: QuotationOut, roles: tuple[str, ...] = CARD_ROLES) -> list[Mark]:
    marks = []
    for role in roles:
        for start, end in getattr(quotation, role).spans:
            if end > start:
                marks.append(Mark(start, end, role, quotation.id))
    return marks


@dataclass
class Card:
    """A quotation shown in the sentence(s) it sits in, roles highlighted."""

    quotation: QuotationOut
    sentence: Markup
    clipped_start: bool
    clipped_end: bool


def make_card(quotation: QuotationOut, body: str | None) -> Card:
    if not body:
        # The article text is missing (should not happen): show the quote on its own.
        return Card(quotation, render_marked(quotation.quote.text, []), False, False)
    marks = [m for m in quotation_marks(quotation) if m.end <= len(body)]
    start, end = context_window(body, marks)
    return Card(quotation, render_marked(body[start:end], marks, offset=start), start > 0, end < len(body))


def marked_article(body: str, quotations: list[QuotationOut]) -> Markup:
    """The whole body with every quotation's roles marked, paragraph breaks kept."""
    marks = [
        m for q in quotations for m in quotation_marks(q, ("quote", "cue", "speaker", "addressee", "frame"))
    ]
    marks = [m for m in marks if m.end <= len(body)]
    return render_marked(body, marks, link=True)


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    month: str
    count: int
    label: str  # shown under the axis, or "" where it would crowd


@dataclass
class Chart:
    width: int
    height: int
    baseline: float
    bars: list[Bar]
    peak: int
    undated: int
    total: int


def fill_months(months: list[MonthCount]) -> tuple[list[MonthCount], int]:
    """Dated months oldest first with empty months filled in, and the undated count."""
    counts = {m.month: m.count for m in months if m.month != "undated"}
    undated = sum(m.count for m in months if m.month == "undated")
    if not counts:
        return [], undated
    first, last = min(counts), max(counts)
    year, month = int(first[:4]), int(first[5:7])
    filled: list[MonthCount] = []
    # Capped, so one wrong date cannot make a chart of centuries.
    while len(filled) < 240:
        key = f"{year:04d}-{month:02d}"
        filled.append(MonthCount(month=key, count=counts.get(key, 0)))
        if key >= last:
            break
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return filled, undated


def timeline_chart(months: list[MonthCount], width: int = 720, height: int = 200) -> Chart:
    filled, undated = fill_months(months)
    top, bottom, left, right = 16.0, 36.0, 8.0, 8.0
    baseline = height - bottom
    peak = max((m.count for m in filled), default=0)
    bars: list[Bar] = []
    if filled:
        slot = (width - left - right) / len(filled)
        every = max(1, round(len(filled) / 12))
        for index, item in enumerate(filled):
            bar_height = (baseline - top) * item.count / peak if peak else 0.0
            # Bars stay slim when there are few months, centred in their slot.
            bar_width = min(max(slot * 0.8, 1.0), 48.0)
            bars.append(
                Bar(
                    x=round(left + index * slot + (slot - bar_width) / 2, 2),
                    y=round(baseline - bar_height, 2),
                    width=round(bar_width, 2),
                    height=round(bar_height, 2),
                    month=item.month,
                    count=item.count,
                    label=item.month if index % every == 0 else "",
                )
            )
    return Chart(
        width=width,
        height=height,
        baseline=baseline,
        bars=bars,
        peak=peak,
        undated=undated,
        total=sum(m.count for m in filled) + undated,
    )
