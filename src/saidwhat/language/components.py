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


OPENING_QUOTES = frozenset("„»‚")  # German opening marks only: “ « " can also close a quote


@Language.component("quote_sentence_starts")
def quote_sentence_starts(doc: Doc) -> Doc:
    """A sentence that opens with a quotation mark starts at the mark, not after it.

    spaCy's sentencizer keeps every punctuation token after a full stop in the old sentence,
    so 'Er ging. „Nein“' would start the next sentence at "Nein" and leave „ behind."""
    for token in doc[1:-1]:
        following = doc[token.i + 1]
        if token.text in OPENING_QUOTES and following.is_sent_start and not token.is_sent_start:
            token.is_sent_start = True
            following.is_sent_start = False
    return doc
