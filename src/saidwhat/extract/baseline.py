"""The rule baseline: quotation marks, cue verbs, Konjunktiv and "laut X" patterns.

It needs only a tokenizer, sentence boundaries and the language profile's lexicons, so it
runs before any model is trained and stays selectable as ``--extractor baseline``. Each
rule sets a fixed confidence that reflects how precise the rule is on the dev data.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from saidwhat.extract.quotemarks import QuotePair, pair_quotation_marks
from saidwhat.extract.registry import register_extractor
from saidwhat.records import Mention, Quotation, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SentSpan

    from saidwhat.language import LanguageProfile
    from saidwhat.language.profile import CueForm

QUOTE_CHARS = set('„“”"»«‚‘’')
MIN_STANDALONE_DIRECT_WORDS = 5
TEXT_KEY = "saidwhat.text"


def _text(doc: Doc) -> str:
    """The Doc's text, built once: Doc.text joins every token on each call."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


class Sentences:
    """A Doc's sentences, listed once: Token.sent and Doc.sents walk the whole Doc each time."""

    def __init__(self, doc: Doc) -> None:
        self.spans = list(doc.sents)
        self.starts = [sentence.start for sentence in self.spans]

    def of(self, index: int) -> SentSpan:
        return self.spans[bisect_right(self.starts, index) - 1]


@dataclass
class Cue:
    tokens: list[Token]
    form: CueForm


def _token_span(tokens: list[Token]) -> Span:
    return Span(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))


def _mention(doc: Doc, tokens: list[Token]) -> Mention:
    if not tokens:
        return Mention()
    return Mention.from_spans(_text(doc), [_token_span(tokens)])


def _is_word(token: Token) -> bool:
    return token.is_alpha or "-" in token.text


def _is_capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and _is_word(token)


@dataclass(frozen=True)
class WordClasses:
    """The closed word classes the rules need, from the language profile's data."""

    determiners: frozenset[str]
    speaker_pronouns: frozenset[str]
    prepositions: frozenset[str]
    clause_openers: frozenset[str]
    name_linkers: frozenset[str]
    preposition_cues: frozenset[str]
    postposition_cues: frozenset[str]
    adverb_cues: frozenset[str]
    reportative_modals: frozenset[str]
    coordinators: frozenset[str]

    @classmethod
    def of(cls, profile: LanguageProfile) -> WordClasses:
        return cls(**{name: profile.word_class(name) for name in cls.__dataclass_fields__})


class ClauseRules:
    """Cue, speaker and clause finding on a tokenised sentence."""

    def __init__(self, profile: LanguageProfile) -> None:
        self.profile = profile
        self.words = WordClasses.of(profile)

    def cue_at(self, token: Token, sentence: SentSpan) -> Cue | None:
        forms = self.profile.cue_forms.get(token.text.lower()) or self.profile.cue_forms.get(token.text)
        if not forms or (token.text[:1].isupper() and token.i != sentence.start):
            return None
        # A split particle closes the verb's clause: "teilte am Montag mit, dass ...".
        clause_end = next(
            (t.i for t in sentence if t.i > token.i and (t.is_punct or t.text in QUOTE_CHARS)), sentence.end
        )
        last_word = sentence.doc[clause_end - 1].text.lower() if clause_end - 1 > token.i else ""
        for form in forms:
            if form.particle and form.particle == last_word:
                return Cue([token, sentence.doc[clause_end - 1]], form)
        plain = [f for f in forms if not f.particle]
        return Cue([token], plain[0]) if plain else None

    def is_subjunctive(self, token: Token) -> bool:
        return token.text in self.profile.subjunctive_forms

    def noun_phrase_after(self, doc: Doc, index: int, limit: int) -> list[Token]:
        """A pronoun, or determiner + adjectives + capitalised nouns/names, starting at index."""
        tokens: list[Token] = []
        i = index
        if i < limit and doc[i].text.lower() in self.words.speaker_pronouns:
            return [doc[i]]
        if i < limit and doc[i].text.lower() in self.words.determiners:
            tokens.append(doc[i])
            i += 1
            while (
                i < limit
                and doc[i].is_lower
                and doc[i].is_alpha
                and doc[i].text not in self.words.determiners
            ):
                tokens.append(doc[i])
                i += 1
        seen_head = False
        while i < limit:
            token = doc[i]
            if _is_capitalised(token) and token.text.lower() not in self.words.clause_openers:
                tokens.append(token)
                seen_head = True
            elif (
                seen_head
                and token.text.lower() in self.words.name_linkers
                and i + 1 < limit
                and _is_capitalised(doc[i + 1])
            ):
                tokens.append(token)
            else:
                break
            i += 1
        return tokens if seen_head else []

    def noun_phrase_before(self, doc: Doc, index: int, floor: int) -> list[Token]:
        """The subject standing directly before a verb (V2 order, subject first)."""
        tokens: list[Token] = []
        i = index - 1
        if i >= floor and doc[i].text.lower() in self.words.speaker_pronouns:
            return [doc[i]]
        while i >= floor:
            token = doc[i]
            if (
                _is_capitalised(token)
                or (tokens and token.text.lower() in self.words.determiners | self.words.name_linkers)
                or (
                    tokens
                    and token.is_lower
                    and token.is_alpha
                    and doc[i - 1 if i > floor else i].text.lower() in self.words.determiners
                )
            ):
                tokens.insert(0, token)
                i -= 1
            else:
                break
        while tokens and tokens[0].text.lower() in self.words.name_linkers - self.words.determiners:
            tokens.pop(0)
        return tokens

    def apposition_subject(self, doc: Doc, start: int, comma: int) -> list[Token]:
        """'Der Vorsitzende des Verbands, Peter Lindner, kritisierte': the whole subject."""
        tokens = list(doc[start:comma])
        if not tokens or len(tokens) > 16 or tokens[0].text.lower() in self.words.prepositions:
            return []
        if not (_is_capitalised(tokens[0]) or tokens[0].text.lower() in self.words.determiners):
            return []
        if any(t.text.lower() in self.words.clause_openers or self.cue_forms_of(t) for t in tokens):
            return []
        return tokens

    def cue_forms_of(self, token: Token) -> bool:
        return token.text.lower() in self.profile.cue_forms and not token.text[:1].isupper()

    def speaker_for_cue(self, doc: Doc, cue: Cue, sentence: SentSpan, floor: int) -> list[Token]:
        verb = cue.tokens[0]
        after = self.noun_phrase_after(doc, verb.i + 1, sentence.end)
        before = self.noun_phrase_before(doc, verb.i, floor)
        # V2 order: a name or pronoun right after the verb is the subject, and something
        # else stands first ("Im Februar warnte Trump", "Gleichzeitig stellte Rutte fest");
        # otherwise the subject is the clause's first phrase ("Hansen lobte die Arbeit").
        if after and after[0].text.lower() not in self.words.determiners:
            return after
        if not before and verb.i - 1 > sentence.start and doc[verb.i - 1].text == ",":
            before = self.apposition_subject(doc, sentence.start, verb.i - 1)
        if before and before[0].text.lower() not in self.words.prepositions:
            return before
        return after


@register_extractor("baseline")
class BaselineExtractor:
    """Rule baseline for languages whose profile has cue and subjunctive lexicons."""

    name = "baseline"

    def __init__(self, profile: LanguageProfile) -> None:
        self.profile = profile
        self.rules = ClauseRules(profile)
        self.words = self.rules.words

    def extract(self, doc: Doc) -> list[Quotation]:
        pairs, _unpaired = pair_quotation_marks(_text(doc))
        outer_pairs = _outermost(pairs)
        quotations: list[Quotation] = []
        claimed: list[Span] = []
        sentences = Sentences(doc)
        for sentence in sentences.spans:
            quotations.extend(self._sentence_quotations(doc, sentence, outer_pairs, claimed))
        quotations.extend(self._direct_quotations(doc, outer_pairs, quotations, claimed, sentences))
        quotations.extend(self._free_indirect(doc, quotations, claimed, sentences))
        quotations.sort(key=lambda q: q.quote.spans[0].start)
        return quotations

    # --- indirect and reported speech, sentence by sentence ----------------------------

    def _sentence_quotations(
        self, doc: Doc, sentence: SentSpan, pairs: list[QuotePair], claimed: list[Span]
    ) -> list[Quotation]:
        results: list[Quotation] = []
        sentence_span = Span(sentence.start_char, sentence.end_char)
        if any(p.start <= sentence_span.start and p.end >= sentence_span.end - 1 for p in pairs):
            return results  # a sentence wholly in quotation marks is direct speech
        end_token = sentence.end
        while (
            end_token > sentence.start
            and doc[end_token - 1].is_punct
            and doc[end_token - 1].text not in QUOTE_CHARS
        ):
            end_token -= 1
        if end_token <= sentence.start:
            return results
        for token in sentence:
            if _inside_pairs(token.idx, pairs):
                continue
            lowered = token.text.lower()
            if lowered in self.words.preposition_cues:
                quotation = self._laut(doc, sentence, token, end_token)
            elif lowered in self.words.postposition_cues:
                quotation = self._zufolge(doc, sentence, token, end_token)
            elif lowered in self.words.adverb_cues and token.i == sentence.start:
                quotation = self._adverb_cue(doc, sentence, token, end_token)
            else:
                cue = self.rules.cue_at(token, sentence)
                quotation = self._verb_cue(doc, sentence, cue, end_token, pairs) if cue else None
            if quotation is not None and not _overlaps_any(quotation.quote.spans, claimed):
                results.append(quotation)
                claimed.extend(quotation.quote.spans)
        return results

    def _verb_cue(
        self, doc: Doc, sentence: SentSpan, cue: Cue, end_token: int, pairs: list[QuotePair]
    ) -> Quotation | None:
        verb = cue.tokens[0]
        clause_start = _clause_start(doc, verb.i, sentence.start)
        speaker = self.rules.speaker_for_cue(doc, cue, sentence, clause_start)
        frame_tokens = sorted([*cue.tokens, *speaker], key=lambda t: t.i)
        # "X sagte, (dass) er habe ..." : the quote follows the frame after a comma or colon.
        following = _next_separator(doc, max(t.i for t in frame_tokens), end_token)
        if following is not None and following + 1 < end_token:
            quote_start = following + 1
            first = doc[quote_start]
            clause = doc[quote_start:end_token]
            if any(p.start == first.idx for p in pairs):
                return None  # a direct quotation after a colon, handled with the marks
            if first.text.lower() in self.words.clause_openers or any(
                self.rules.is_subjunctive(t) for t in clause
            ):
                frame_end = following + 1 if doc[following].text in {",", ":"} else following
                return self._quotation(
                    doc,
                    "Indirect",
                    cue,
                    speaker,
                    doc[frame_tokens[0].i : frame_end],
                    doc[quote_start:end_token],
                    confidence=0.75,
                )
        # "Er habe keinen Zweifel, sagte Rutte." : the quote precedes the frame.
        if clause_start > sentence.start and doc[clause_start - 1].text == ",":
            before = doc[sentence.start : clause_start - 1]
            if any(self.rules.is_subjunctive(t) for t in before) and not any(
                t.text in QUOTE_CHARS for t in before[:1]
            ):
                return self._quotation(
                    doc, "Indirect", cue, speaker, doc[clause_start:end_token], before, confidence=0.7
                )
        # "Trump warnte vor ..." : a verb that reports a statement on its own.
        if cue.form.reports_alone and speaker and not any(t.text in QUOTE_CHARS for t in sentence):
            quote = doc[sentence.start : end_token]
            return self._quotation(
                doc, "Reported", None, speaker, None, quote, confidence=0.35, medium=cue.form.medium
            )
        return None

    def _laut(self, doc: Doc, sentence: SentSpan, token: Token, end_token: int) -> Quotation | None:
        speaker = self.rules.noun_phrase_after(doc, token.i + 1, end_token)
        if not speaker:
            return None
        frame_end = speaker[-1].i + 1
        if frame_end < end_token and doc[frame_end].text == ",":
            frame_end += 1
        quote_tokens = [t for t in doc[sentence.start : end_token] if not token.i <= t.i < frame_end]
        return self._prepositional(doc, token, speaker, doc[token.i : frame_end], quote_tokens)

    def _zufolge(self, doc: Doc, sentence: SentSpan, token: Token, end_token: int) -> Quotation | None:
        speaker = self.rules.noun_phrase_before(doc, token.i, sentence.start)
        if not speaker:
            return None
        frame_start = speaker[0].i
        frame_end = token.i + 1
        if frame_end < end_token and doc[frame_end].text == ",":
            frame_end += 1
        quote_tokens = [t for t in doc[sentence.start : end_token] if not frame_start <= t.i < frame_end]
        return self._prepositional(doc, token, speaker, doc[frame_start:frame_end], quote_tokens)

    def _adverb_cue(self, doc: Doc, sentence: SentSpan, token: Token, end_token: int) -> Quotation | None:
        quote_tokens = list(doc[token.i + 1 : end_token])
        return self._prepositional(doc, token, [token], doc[token.i : token.i + 1], quote_tokens)

    def _prepositional(
        self, doc: Doc, cue_token: Token, speaker: list[Token], frame: SentSpan, quote_tokens: list[Token]
    ) -> Quotation | None:
        quote_tokens = [t for t in quote_tokens if not (t.is_punct and t.text not in QUOTE_CHARS)] or []
        if len(quote_tokens) < 3:
            return None
        spans = _contiguous_spans(quote_tokens)
        return Quotation(
            type="Indirect",
            medium="SW",
            quote=Mention.from_spans(_text(doc), spans),
            cue=_mention(doc, [cue_token]),
            speaker=_mention(doc, speaker),
            frame=_mention(doc, list(frame)),
            confidence=0.6,
            extractor=self.name,
        )

    def _quotation(
        self,
        doc: Doc,
        type_: str,
        cue: Cue | None,
        speaker: list[Token],
        frame: SentSpan | None,
        quote: SentSpan | list[Token],
        confidence: float,
        medium: str | None = None,
    ) -> Quotation:
        quote_tokens = list(quote)
        return Quotation(
            type=type_,
            medium=medium or (cue.form.medium if cue else "Speech"),
            quote=Mention.from_spans(_text(doc), _contiguous_spans(quote_tokens)),
            cue=Mention.from_spans(_text(doc), _contiguous_spans(cue.tokens)) if cue else Mention(),
            speaker=_mention(doc, speaker),
            frame=_mention(doc, list(frame)) if frame is not None else Mention(),
            confidence=confidence,
            extractor=self.name,
        )

    # --- direct speech ---------------------------------------------------------------------

    def _direct_quotations(
        self,
        doc: Doc,
        pairs: list[QuotePair],
        found: list[Quotation],
        claimed: list[Span],
        sentences: Sentences,
    ) -> list[Quotation]:
        results: list[Quotation] = []
        for pair in pairs:
            quote_span = Span(pair.start, pair.end)
            quote_mention = Mention.from_spans(_text(doc), [quote_span])
            words = quote_mention.text.split()
            enclosing = next(
                (q for q in found if any(s.start <= pair.start and pair.end <= s.end for s in q.quote.spans)),
                None,
            )
            if enclosing is not None:
                # A quoted fragment inside indirect speech is the speaker's own words.
                results.append(
                    Quotation(
                        type="Direct",
                        medium=enclosing.medium,
                        quote=quote_mention,
                        cue=enclosing.cue,
                        speaker=enclosing.speaker,
                        frame=enclosing.frame,
                        confidence=0.6,
                        extractor=self.name,
                    )
                )
                continue
            framed = self._frame_around(doc, pair, sentences)
            if framed is not None:
                cue, speaker, frame_tokens = framed
                results.append(
                    Quotation(
                        type="Direct",
                        medium=cue.form.medium if cue else "Speech",
                        quote=quote_mention,
                        cue=Mention.from_spans(_text(doc), _contiguous_spans(cue.tokens))
                        if cue
                        else Mention(),
                        speaker=_mention(doc, speaker),
                        frame=_mention(doc, frame_tokens),
                        confidence=0.9 if cue and speaker else 0.6,
                        extractor=self.name,
                    )
                )
                claimed.append(quote_span)
            elif len(words) >= MIN_STANDALONE_DIRECT_WORDS and not _overlaps_any([quote_span], claimed):
                results.append(
                    Quotation(
                        type="Direct",
                        medium="Speech",
                        quote=quote_mention,
                        confidence=0.4,
                        extractor=self.name,
                    )
                )
                claimed.append(quote_span)
        return results

    def _frame_around(
        self, doc: Doc, pair: QuotePair, sentences: Sentences
    ) -> tuple[Cue | None, list[Token], list[Token]] | None:
        closing = doc.char_span(pair.end - 1, pair.end, alignment_mode="expand")
        opening = doc.char_span(pair.start, pair.start + 1, alignment_mode="expand")
        if closing is None or opening is None:
            return None
        after = closing.end
        if after < len(doc) and doc[after].text == ",":
            after += 1
        sentence = sentences.of(closing.end - 1)
        # '"…", sagte Rutte gemeinsam mit …' : frame after the quote, to the sentence end.
        if after < len(doc) and after < sentence.end:
            cue = self.rules.cue_at(doc[after], sentence)
            if cue is not None:
                speaker = self.rules.noun_phrase_after(doc, after + 1, sentence.end)
                end = sentence.end
                while end > after and (doc[end - 1].is_punct or doc[end - 1].is_space):
                    end -= 1
                for token in doc[(speaker[-1].i if speaker else after) + 1 : end]:
                    if token.text in QUOTE_CHARS or token.text.lower() in self.words.coordinators:
                        end = token.i
                        break
                while end > after and (doc[end - 1].is_punct or doc[end - 1].is_space):
                    end -= 1
                if speaker:
                    frame = [t for t in doc[after:end] if t.idx >= pair.end]
                    return cue, speaker, frame
        # 'Rutte sagte: "…"' : frame before the quote, ended by a colon.
        before = opening.start - 1
        if before >= 0 and doc[before].text == ":":
            start_sentence = sentences.of(before)
            for token in reversed(doc[start_sentence.start : before]):
                cue = self.rules.cue_at(token, start_sentence)
                if cue is not None:
                    floor = _clause_start(doc, token.i, start_sentence.start)
                    speaker = self.rules.speaker_for_cue(doc, cue, start_sentence, floor)
                    return cue, speaker, list(doc[floor : before + 1])
        return None

    # --- free indirect speech --------------------------------------------------------------

    def _free_indirect(
        self, doc: Doc, found: list[Quotation], claimed: list[Span], sentences_index: Sentences
    ) -> list[Quotation]:
        """Konjunktiv sentences right after an indirect quotation continue it without a cue."""
        results: list[Quotation] = []
        anchors = sorted((q for q in found if q.type == "Indirect"), key=lambda q: q.quote.spans[-1].end)
        if not anchors:
            return results
        sentences = sentences_index.spans
        for anchor in anchors:
            anchor_end = anchor.quote.spans[-1].end
            index = next(
                (i for i, s in enumerate(sentences) if s.start_char <= anchor_end <= s.end_char), None
            )
            if index is None:
                continue
            for sentence in sentences[index + 1 : index + 4]:
                span = Span(sentence.start_char, sentence.end_char)
                if _overlaps_any([span], claimed):
                    break
                subjunctive = any(self.rules.is_subjunctive(t) for t in sentence)
                # Reportative "soll/sollen" continues a report without Konjunktiv.
                reportative = any(t.text.lower() in self.words.reportative_modals for t in sentence)
                if not subjunctive and not reportative:
                    break
                if any(self.rules.cue_at(t, sentence) for t in sentence):
                    break
                end_token = sentence.end
                while end_token > sentence.start and doc[end_token - 1].is_space:
                    end_token -= 1
                quote = Mention.from_spans(_text(doc), [_token_span(list(doc[sentence.start : end_token]))])
                results.append(
                    Quotation(
                        type="IndirectFreeIndirect" if subjunctive else "FreeIndirect",
                        medium=anchor.medium,
                        quote=quote,
                        speaker=anchor.speaker,
                        confidence=0.45,
                        extractor=self.name,
                    )
                )
                claimed.append(span)
        return results


def _outermost(pairs: list[QuotePair]) -> list[QuotePair]:
    return [
        p for p in pairs if not any(o is not p and o.start <= p.start and p.end <= o.end for o in pairs)
    ] + [p for p in pairs if any(o is not p and o.start <= p.start and p.end <= o.end for o in pairs)]


def _inside_pairs(position: int, pairs: list[QuotePair]) -> bool:
    return any(p.start <= position < p.end for p in pairs)


def _overlaps_any(spans: list[Span], claimed: list[Span]) -> bool:
    return any(s.overlaps(c) for s in spans for c in claimed)


def _clause_start(doc: Doc, index: int, floor: int) -> int:
    i = index
    while i > floor and doc[i - 1].text not in {",", ":", ";", "–", "—"} | QUOTE_CHARS:
        i -= 1
    return i


def _next_separator(doc: Doc, index: int, limit: int) -> int | None:
    """The comma or colon that ends a frame, if it comes within a few tokens of it."""
    for i in range(index + 1, min(limit, index + 8)):
        if doc[i].text in {",", ":"}:
            return i
        if doc[i].text in QUOTE_CHARS:
            return None
    return None


def _contiguous_spans(tokens: list[Token]) -> list[Span]:
    spans: list[Span] = []
    run: list[Token] = []
    for token in sorted(tokens, key=lambda t: t.i):
        if run and token.i != run[-1].i + 1:
            spans.append(_token_span(run))
            run = []
        run.append(token)
    if run:
        spans.append(_token_span(run))
    return spans
