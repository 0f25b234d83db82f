"""spaCy Docs for training and evaluating the base layer: gold from UD and NER corpora,
silver from the HanTa tagger (LGPL-3.0, a TIGER-trained POS tagger and lemmatizer).

A Doc carries only the layers its corpus annotates; spaCy treats the rest as missing, so
one training run mixes UD sentences (tags, morphology, lemmas), NER sentences (entities)
and silver news articles (STTS tags and lemmas) in a shared tok2vec.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from saidwhat.errors import UserInputError
from saidwhat.training.base_data import CharDoc, NERSentence, UDSentence, read_wikinews_sentences

# HanTa writes TIGER-style coarse tags with the verb form in brackets ("VV(FIN)"); GSD
# uses the older STTS name PAV for pronominal adverbs and has no NNA/NNI.
HANTA_TAG_FIX = {"PROAV": "PAV", "NNA": "NN", "NNI": "NN"}
CLOSED_CLASS_UPOS = frozenset({"PRON", "DET"})


def ud_doc(nlp: Language, sentence: UDSentence, with_tags: bool = True) -> Doc:
    tokens = sentence.tokens
    has_xpos = with_tags and all(t.xpos for t in tokens)
    return Doc(
        nlp.vocab,
        words=[t.form for t in tokens],
        spaces=[t.space_after for t in tokens],
        tags=[t.xpos for t in tokens] if has_xpos else None,
        pos=[t.upos for t in tokens],
        morphs=[t.feats for t in tokens],
        lemmas=[t.lemma for t in tokens],
        sent_starts=[i == 0 for i in range(len(tokens))],
    )


def ner_doc(nlp: Language, sentence: NERSentence) -> Doc:
    return Doc(nlp.vocab, words=sentence.words, ents=sentence.labels)


def char_ner_doc(nlp: Language, record: CharDoc) -> Doc:
    doc = nlp.make_doc(record.text)
    spans = []
    for start, end, label in record.entities:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None:
            continue
        # spaCy's NER cannot learn an entity that begins or ends in whitespace.
        first, last = span.start, span.end
        while first < last and doc[first].is_space:
            first += 1
        while last > first and doc[last - 1].is_space:
            last -= 1
        if last > first and not any(t.is_space for t in doc[first:last]):
            spans.append(Span(doc, first, last, label=label))
    doc.set_ents(filter_spans(spans), default="outside")
    return doc


def pronoun_lemmas(sentences: Iterable[UDSentence]) -> dict[str, str]:
    """Form -> lemma for pronouns and determiners whose gold lemma is near-unambiguous.

    HanTa lemmatizes "uns" as "uns" and "alle" as "all"; UD wants "wir" and "alle". The
    table comes from the training half of the gold data only."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for sentence in sentences:
        for token in sentence.tokens:
            if token.upos in CLOSED_CLASS_UPOS:
                counts[token.form.lower()][token.lemma] += 1
    table = {}
    for form, lemmas in counts.items():
        lemma, n = lemmas.most_common(1)[0]
        if n >= 2 and n / sum(lemmas.values()) >= 0.8:
            table[form] = lemma
    return table


class SilverTagger:
    """HanTa as a teacher: STTS tags and lemmas for raw news text."""

    def __init__(self, closed_class_lemmas: dict[str, str]) -> None:
        try:
            from HanTa import HanoverTagger
        except ImportError:
            message = "training the base layer needs: pip install 'saidwhat[train]'"
            raise UserInputError("HanTa", message) from None

        self.tagger = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
        self.closed_class_lemmas = closed_class_lemmas

    def stts(self, hanta_tag: str) -> str:
        tag = (
            hanta_tag.replace("(", "").replace(")", "")
            if hanta_tag.endswith(")") and len(hanta_tag) > 3
            else hanta_tag
        )
        return HANTA_TAG_FIX.get(tag, tag)

    def lemma(self, form: str, lemma: str, tag: str) -> str:
        if tag.startswith(("P", "ART")) and form.lower() in self.closed_class_lemmas:
            return self.closed_class_lemmas[form.lower()]
        # HanTa title-cases acronyms ("SPD" -> "Spd").
        if sum(c.isupper() for c in form) >= 2 and lemma.lower() == form.lower():
            return form
        return lemma

    def annotate(self, doc: Doc) -> Doc:
        """Set tag, pos (SPACE only) and lemma on every token of a sentence-split doc."""
        for sentence in doc.sents:
            words = [t for t in sentence if not t.is_space]
            if not words:
                continue
            tagged = self.tagger.tag_sent([t.text for t in words])
            for token, (_, lemma, hanta_tag) in zip(words, tagged, strict=True):
                tag = self.stts(hanta_tag)
                token.tag_ = tag
                token.lemma_ = self.lemma(token.text, lemma, tag)
        for token in doc:
            if token.is_space:
                token.tag_, token.pos_, token.lemma_ = "_SP", "SPACE", token.text
        return doc


def silver_docs(nlp: Language, texts: Iterable[str], teacher: SilverTagger) -> Iterator[Doc]:
    """Tokenize and sentence-split with ``nlp`` (rules only), then tag with the teacher."""
    for doc in nlp.pipe(texts):
        yield teacher.annotate(doc)


def wikinews_texts(paths: Iterable[Path]) -> Iterator[str]:
    for path in paths:
        yield read_wikinews_sentences(path).text
