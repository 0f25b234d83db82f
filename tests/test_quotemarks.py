from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from saidwhat.extract.quotemarks import pair_quotation_marks


def test_german_english_french_and_straight_marks() -> None:
    text = '„eins“ und »zwei« und «drei» und "vier" und „fünf"'
    pairs, unpaired = pair_quotation_marks(text)
    quoted = [text[p.start : p.end] for p in pairs]
    assert quoted == ["„eins“", "»zwei«", "«drei»", '"vier"', '„fünf"']
    assert unpaired == []


def test_nested_marks() -> None:
    text = "„Er sagte ‚nein‘ und ging“"
    pairs, _ = pair_quotation_marks(text)
    assert [text[p.start : p.end] for p in pairs] == [text, "‚nein‘"]


def test_stray_mark_does_not_swallow_next_paragraph() -> None:
    text = 'Ein "Titel\n\n"Zitat eins", sagte sie.'
    pairs, unpaired = pair_quotation_marks(text)
    assert [text[p.start : p.end] for p in pairs] == ['"Zitat eins"']
    assert unpaired == [4]


def test_apostrophes_are_not_marks() -> None:
    pairs, unpaired = pair_quotation_marks("Peter’s Haus und Rock’n’Roll")
    assert pairs == [] and unpaired == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('„“”"»«‚‘’ ab\n.')), max_size=80))
def test_pairing_never_fails_and_pairs_are_well_formed(text: str) -> None:
    pairs, unpaired = pair_quotation_marks(text)
    for pair in pairs:
        assert 0 <= pair.start < pair.end <= len(text)
        assert pair.start not in unpaired and pair.end - 1 not in unpaired
    starts = [p.start for p in pairs]
    assert len(starts) == len(set(starts))
