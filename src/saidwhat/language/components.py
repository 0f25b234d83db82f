"""spaCy components shared by every language's pipeline."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """A line break always ends a sentence: headlines, bylines and paragraphs stand alone."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


class QuoteSentenceStarts:
    """A sentence that opens with a quotation mark starts at the mark, not after it.

    spaCy's sentencizer keeps every punctuation token after a full stop in the old sentence,
    so 'Er ging. „Nein“' would start the next sentence at "Nein" and leave „ behind. Which
    marks open a quote is the language's business (German „ and », English “ and ‘; a “
    closes a German quote), so the marks are configuration, read from ``language.json``.
    """

    def __init__(self, opening_quotes: str) -> None:
        self.opening_quotes = frozenset(opening_quotes)

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[1:-1]:
            following = doc[token.i + 1]
            opens = token.text in self.opening_quotes or _opens_straight_quote(doc, token.i)
            if opens and following.is_sent_start and not token.is_sent_start:
                token.is_sent_start = True
                following.is_sent_start = False
        return doc


STRAIGHT_QUOTES = frozenset('"')


def _opens_straight_quote(doc: Doc, index: int) -> bool:
    """A straight quote opens where it stands after a space and before a word ('. "This'),
    in every language: its place, not its shape, tells an opener from a closer."""
    token = doc[index]
    return (
        token.text in STRAIGHT_QUOTES
        and not token.whitespace_
        and bool(doc[index - 1].whitespace_)
        and doc[index + 1].text[:1].isalnum()
    )


@Language.factory("quote_sentence_starts", default_config={"opening_quotes": None})
def make_quote_sentence_starts(nlp: Language, name: str, opening_quotes: str | None) -> QuoteSentenceStarts:
    """``opening_quotes`` None: the marks of the built-in profile of ``nlp.lang`` (a model
    trained before the marks were configuration, or a recipe that does not pass them)."""
    if opening_quotes is None:
        from saidwhat.language.profile import default_registry

        profiles = [p for p in default_registry().profiles() if p.spacy_lang == nlp.lang]
        opening_quotes = profiles[0].opening_quotes if profiles else ""
    return QuoteSentenceStarts(opening_quotes)
