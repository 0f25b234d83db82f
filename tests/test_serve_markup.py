"""Marked-up article text: built from spans, every piece escaped, the text itself unchanged."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from saidwhat.serve.markup import Mark, context_window, render_marked
from saidwhat.serve.schemas import MonthCount
from saidwhat.serve.views import fill_months, timeline_chart

TAG = re.compile(r"<[^>]*>")


def visible_text(markup: str) -> str:
    return html.unescape(TAG.sub("", markup))


def test_marks_wrap_exactly_their_spans() -> None:
    text = 'Er sagte: "Alles gut." Dann ging er.'
    marks = [Mark(10, 22, "quote", "q1"), Mark(3, 8, "cue", "q1"), Mark(0, 2, "speaker", "q1")]
    out = str(render_marked(text, marks))
    assert '<span class="m-speaker">Er</span>' in out
    assert '<span class="m-cue">sagte</span>' in out
    assert '<span class="m-quote">&#34;Alles gut.&#34;</span>' in out
    assert visible_text(out) == text


def test_overlapping_marks_share_a_piece() -> None:
    out = str(render_marked("abcdef", [Mark(0, 4, "quote", "a"), Mark(2, 6, "speaker", "b")], link=True))
    assert '<span class="m-quote m-speaker" data-quotations="a b">cd</span>' in out
    assert visible_text(out) == "abcdef"


def test_markup_in_text_is_escaped_not_interpreted() -> None:
    text = '<script>alert(1)</script> "<img src=x onerror=alert(2)>"'
    marks = [Mark(0, 8, "quote", 'x" onmouseover="alert(3)'), Mark(27, len(text), "quote", "q")]
    out = str(render_marked(text, marks, link=True))
    assert "<script>" not in out and "<img" not in out
    assert '" onmouseover' not in out
    assert visible_text(out) == text


def test_marks_outside_the_window_are_clipped() -> None:
    body = "0123456789"
    out = str(render_marked(body[3:7], [Mark(0, 5, "quote"), Mark(6, 20, "cue")], offset=3))
    assert out == '<span class="m-quote">34</span>5<span class="m-cue">6</span>'


def test_context_window_widens_to_sentences() -> None:
    body = 'Vorher. Dann sagte sie: "Wir bauen." Danach kam nichts mehr.'
    start = body.index("Wir")
    window = context_window(body, [Mark(start, start + 10, "quote")])
    assert body[window[0] : window[1]] == 'Dann sagte sie: "Wir bauen."'
    url = "Er schrieb auf www.example.org, es gehe z.B. um Geld. Sonst nichts."
    start = url.index("es gehe")
    window = context_window(url, [Mark(start, start + 7, "quote")])
    assert url[window[0] : window[1]] == "Er schrieb auf www.example.org, es gehe z.B. um Geld."


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab <>&\"'/=;x\n")), max_size=60),
    raw_marks=st.lists(
        st.tuples(
            st.integers(0, 70), st.integers(0, 70), st.sampled_from(["quote", "cue", "speaker", "addressee"])
        ),
        max_size=6,
    ),
)
def test_any_text_and_marks_round_trip_safely(text: str, raw_marks: list[tuple[int, int, str]]) -> None:
    marks = [Mark(min(a, b), max(a, b), role, "q<1>") for a, b, role in raw_marks]
    out = str(render_marked(text, marks, link=True))
    assert visible_text(out) == text
    # The only tags are our spans: every "<" in the output opens or closes one.
    assert all(tag.startswith(("<span class=", "</span>")) for tag in TAG.findall(out))
    assert out.count("<span") == out.count("</span>")


def test_timeline_chart_fills_gaps_and_scales() -> None:
    months = [MonthCount(month="2025-01", count=2), MonthCount(month="2025-04", count=4)]
    filled, undated = fill_months([*months, MonthCount(month="undated", count=1)])
    assert [m.month for m in filled] == ["2025-01", "2025-02", "2025-03", "2025-04"]
    assert undated == 1
    chart = timeline_chart([*months, MonthCount(month="undated", count=1)])
    assert chart.total == 7 and chart.peak == 4
    tallest = max(chart.bars, key=lambda b: b.height)
    assert tallest.month == "2025-04" and tallest.y + tallest.height == chart.baseline
    assert [b.height for b in chart.bars][1:3] == [0.0, 0.0]
    assert abs(chart.bars[0].height * 2 - tallest.height) < 0.02
