"""Token features for the trained quotation taggers.

Only token text, character offsets and sentence boundaries are used, so the features are
the same whether the Doc comes from the blank tokenizer or from a trained base pipeline.
Lexicon knowledge (cue verbs, Konjunktiv forms, pronouns, titles) comes from the language
profile; quotation marks are paired with :mod:`saidwhat.extract.quotemarks`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from saidwhat.extract.quotemarks import QuotePair, pair_quotation_marks

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from saidwhat.language import LanguageProfile
    from saidwhat.records import Quotation, Span

QUOTE_CHARS = frozenset('„“”"»«‚‘’')
WINDOW = 2  # words either side that every token sees; a recipe may widen it
WORD_CACHE_SIZE = 200_000
CLAUSE_BREAKS = frozenset(",;:()–—") | QUOTE_CHARS
NEIGHBOUR_FACTS = frozenset({"s:cue", "s:subj=1", "s:subj=2", "s:qm", "s:colon"})


@dataclass
class TokenView:
    """The few facts about one token that the features need."""

    text: str
    start: int
    end: int
    sentence: int
    sent_start: bool
    sent_end: bool
    paragraph_start: bool
    # Filled only when the language's extraction analysis runs a tagger / entity finder.
    tag: str = ""
    entity: str = ""
    # The head's tag and text are kept here, not looked up through ``head``: the parser can
    # attach a word to a whitespace token, which has no view (the full models learned that).
    dep: str = ""  # and the head's tag and lowercased text, when it runs a parser
    head_tag: str = ""
    head_lower: str = ""
    head: int = -1  # the head's index among the views (-1: no parse, or the root)


def token_views(doc: Doc) -> list[TokenView]:
    views: list[TokenView] = []
    view_of: dict[int, int] = {}  # token index -> view index
    sentence = -1
    previous_break = True
    for token in doc:
        if token.is_space:
            # Whitespace tokens carry no words; they only mark paragraph breaks.
            previous_break = previous_break or "\n" in token.text
            continue
        is_start = token.is_sent_start or not views
        if is_start:
            sentence += 1
        if views and is_start:
            views[-1].sent_end = True
        view_of[token.i] = len(views)
        views.append(
            TokenView(
                token.text,
                token.idx,
                token.idx + len(token.text),
                sentence,
                is_start,
                False,
                previous_break,
                token.tag_,
                token.ent_type_,
                token.dep_,
                token.head.tag_ if token.dep_ else "",
                token.head.lower_ if token.dep_ else "",
            )
        )
        previous_break = "\n" in token.whitespace_
    if views:
        views[-1].sent_end = True
    if doc.has_annotation("DEP"):
        for token in doc:
            index = view_of.get(token.i)
            if index is not None and token.head.i != token.i:
                views[index].head = view_of.get(token.head.i, -1)
    return views


class Lexicon:
    """Lookups from the language profile, in the shape the features need."""

    def __init__(self, profile: LanguageProfile) -> None:
        self.profile = profile

    @cached_property
    def subjunctive(self) -> frozenset[str]:
        return self.profile.subjunctive_forms

    @cached_property
    def cues(self) -> dict[str, tuple[str, str, bool]]:
        """Lowercased form -> (lemma, medium, reports alone); first reading wins."""
        table: dict[str, tuple[str, str, bool]] = {}
        for form, readings in self.profile.cue_forms.items():
            reading = readings[0]
            table.setdefault(form.lower(), (reading.lemma, reading.medium, reading.reports_alone))
        return table

    @cached_property
    def clause_words(self) -> frozenset[str]:
        """Words that open the clause of an indirect quotation or name its source."""
        return self.profile.word_class("clause_words")

    @cached_property
    def particles(self) -> frozenset[str]:
        return frozenset(f.particle for forms in self.profile.cue_forms.values() for f in forms if f.particle)

    @cached_property
    def pronouns(self) -> frozenset[str]:
        return frozenset(self.profile.pronouns)

    @cached_property
    def titles(self) -> tuple[str, ...]:
        path = self.profile.folder / "data" / "titles.txt"
        if not path.exists():
            return ()
        lines = path.read_text(encoding="utf-8").splitlines()
        return tuple(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))

    def is_title(self, lower: str) -> bool:
        return len(lower) > 3 and lower.endswith(self.titles)


def _shape(text: str) -> str:
    out = []
    for char in text[:6]:
        if char.isupper():
            kind = "X"
        elif char.islower():
            kind = "x"
        elif char.isdigit():
            kind = "d"
        else:
            kind = char
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)


def _bucket(distance: int) -> str:
    if distance == 0:
        return "0"
    sign = "+" if distance > 0 else "-"
    size = abs(distance)
    if size <= 3:
        return f"{sign}{size}"
    if size <= 6:
        return f"{sign}near"
    if size <= 12:
        return f"{sign}mid"
    return f"{sign}far"


def quote_depths(
    views: list[TokenView], text: str, pairs: list[QuotePair] | None = None
) -> tuple[list[int], list[str]]:
    """How deep in paired quotation marks each token lies, and its place in the pair."""
    if pairs is None:
        pairs, _ = pair_quotation_marks(text)
    depth = [0] * len(views)
    place = [""] * len(views)
    if not pairs:
        return depth, place
    starts = [v.start for v in views]
    import bisect

    for pair in pairs:
        first = bisect.bisect_left(starts, pair.start)
        last = bisect.bisect_left(starts, pair.end) - 1
        for index in range(first, last + 1):
            depth[index] += 1
        if first <= last:
            place[first] = "open"
            place[last] = "close"
            if first + 1 <= last:
                place[first + 1] = place[first + 1] or "first"
    return depth, place


def hint_features(views: list[TokenView], hints: list[Quotation]) -> list[list[str]]:
    """What the rule baseline says about each token: the CRF learns when to trust it."""
    import bisect

    out: list[list[str]] = [[] for _ in views]
    starts = [v.start for v in views]

    def mark(spans: list[Span], name: str, first: str | None = None) -> None:
        for span in spans:
            begin = max(bisect.bisect_right(starts, span.start) - 1, 0)
            index = begin
            while index < len(views) and views[index].start < span.end:
                if views[index].end > span.start:
                    if first is not None and not out[index]:
                        out[index].append(first)
                    out[index].append(name)
                index += 1

    for hint in hints:
        if hint.quote.spans:
            mark(hint.quote.spans[:1], f"bl={hint.type}", first="bl_start")
            mark(hint.quote.spans[1:], f"bl={hint.type}")
        for role in ("cue", "speaker", "addressee", "frame"):
            mark(hint.role(role).spans, f"blr={role}")
    return [sorted(set(f)) for f in out]


def _clause_bucket(distance: int) -> str:
    return str(distance) if abs(distance) <= 2 else ("+far" if distance > 0 else "-far")


def _clauses(views: list[TokenView], lowers: list[str]) -> list[int]:
    """A clause number per token: punctuation and quotation marks separate clauses."""
    out: list[int] = []
    number = 0
    for i, v in enumerate(views):
        if v.sent_start and i:
            number += 1
        out.append(number)
        if lowers[i] in CLAUSE_BREAKS:
            number += 1
    return out


def _sentence_facts(
    views: list[TokenView],
    lowers: list[str],
    subj: list[bool],
    is_cue: list[bool],
    depth: list[int],
    clause_words: frozenset[str],
) -> dict[int, list[str]]:
    sentences: dict[int, list[int]] = {}
    for i, v in enumerate(views):
        sentences.setdefault(v.sentence, []).append(i)
    facts_by_sentence: dict[int, list[str]] = {}
    for s, members in sentences.items():
        facts = []
        if any(is_cue[i] for i in members):
            facts.append("s:cue")
        facts.append(f"s:subj={min(sum(subj[i] for i in members), 2)}")
        if any(views[i].text in QUOTE_CHARS for i in members):
            facts.append("s:qm")
        if any(lowers[i] == ":" for i in members):
            facts.append("s:colon")
        if any(lowers[i] in clause_words for i in members):
            facts.append("s:clause")
        if any(depth[i] for i in members):
            facts.append("s:inq")
            if all(depth[i] for i in members if views[i].text not in QUOTE_CHARS and len(views[i].text) > 1):
                facts.append("s:allq")
        facts_by_sentence[s] = facts
    return facts_by_sentence


def _clause_facts(
    views: list[TokenView],
    lowers: list[str],
    subj: list[bool],
    is_cue: list[bool],
    clause: list[int],
    clause_words: frozenset[str],
) -> dict[int, list[str]]:
    members: dict[int, list[int]] = {}
    for i, number in enumerate(clause):
        members.setdefault(number, []).append(i)
    out: dict[int, list[str]] = {}
    for number, indices in members.items():
        facts = []
        if any(subj[i] for i in indices):
            facts.append("c:subj")
        if any(is_cue[i] for i in indices):
            facts.append("c:cue")
        words = [i for i in indices if lowers[i] not in CLAUSE_BREAKS]
        if words:
            facts.append(f"c:first={lowers[words[0]]}" if lowers[words[0]] in clause_words else "c:first=-")
        out[number] = facts
    for number in list(out):
        previous = out.get(number - 1, [])
        out[number] = out[number] + ["pc" + x[1:] for x in previous if x in ("c:subj", "c:cue")]
    return out


class FeatureExtractor:
    """Turns a document's tokens into crfsuite feature lists."""

    def __init__(self, profile: LanguageProfile, window: int = WINDOW) -> None:
        self.window = window
        self.lexicon = Lexicon(profile)
        self._words: dict[str, tuple[str, list[str], bool, bool, str]] = {}

    def word(self, text: str) -> tuple[str, list[str], bool, bool, str]:
        """Features that depend on the word alone (cached: news repeats its words)."""
        cached = self._words.get(text)
        if cached is not None:
            return cached
        lex = self.lexicon
        # All quotation marks look alike to the taggers (news mixes „“, »«, and straight
        # quotes); whether a mark opens or closes a pair is the qp= feature's job.
        lower = '"' if text in QUOTE_CHARS else text.lower()
        f = [f"w={lower}", f"s3={lower[-3:]}", f"s2={lower[-2:]}", f"p3={lower[:3]}", f"sh={_shape(text)}"]
        if text[:1].isupper():
            f.append("cap")
        if text in QUOTE_CHARS:
            f.append("qm")
        subj = text in lex.subjunctive or lower in lex.subjunctive
        if subj:
            f.append("subj")
        info = lex.cues.get(lower)
        if info is not None:
            lemma, medium, alone = info
            f.extend(("cue", f"cl={lemma}", f"cm={medium}"))
            if alone:
                f.append("cue_alone")
        if lower in lex.particles:
            f.append("particle")
        if lower in lex.pronouns:
            f.append("pron")
        if lex.is_title(lower):
            f.append("title")
        if lower in lex.clause_words:
            f.append("clause")
        entry = (lower, f, subj, info is not None, f[4])
        if len(self._words) < WORD_CACHE_SIZE:
            self._words[text] = entry
        return entry

    def base(
        self,
        views: list[TokenView],
        text: str,
        hints: list[Quotation] | None = None,
        pairs: list[QuotePair] | None = None,
    ) -> list[list[str]]:
        depth, place = quote_depths(views, text, pairs)
        hinted = hint_features(views, hints or [])
        words = [self.word(v.text) for v in views]
        lowers = [w[0] for w in words]
        subj = [w[2] for w in words]
        is_cue = [w[3] for w in words]
        clause = _clauses(views, lowers)
        clause_words = self.lexicon.clause_words
        sent_facts = _sentence_facts(views, lowers, subj, is_cue, depth, clause_words)
        clause_facts = _clause_facts(views, lowers, subj, is_cue, clause, clause_words)
        cue_positions: dict[int, list[int]] = {}
        for i, flag in enumerate(is_cue):
            if flag:
                cue_positions.setdefault(views[i].sentence, []).append(i)
        features: list[list[str]] = []
        for i, v in enumerate(views):
            f = ["b", *words[i][1], f"qd={min(depth[i], 2)}", *hinted[i]]
            if v.sent_start:
                f.append("bos")
            if v.sent_end:
                f.append("eos")
            if v.paragraph_start:
                f.append("bop")
            if place[i]:
                f.append(f"qp={place[i]}")
            if v.tag:
                f.append(f"t={v.tag}")
            if v.entity:
                f.append(f"e={v.entity}")
            if v.dep:
                f.append(f"d={v.dep}")
                f.append(f"dh={v.dep}>{v.head_tag}")
                if v.head_lower in self.lexicon.cues:
                    f.append(f"hcue={v.dep}")
            positions = cue_positions.get(v.sentence)
            if positions:
                nearest = min(positions, key=lambda p: abs(p - i))
                f.append(f"dcue={_bucket(i - nearest)}")
                f.append(f"ccue={_clause_bucket(clause[i] - clause[nearest])}")
            f.extend(sent_facts[v.sentence])
            f.extend(clause_facts[clause[i]])
            prev_facts = sent_facts.get(v.sentence - 1)
            if prev_facts:
                f.extend("p" + x for x in prev_facts if x in NEIGHBOUR_FACTS)
            next_facts = sent_facts.get(v.sentence + 1)
            if next_facts:
                f.extend("n" + x for x in next_facts if x in NEIGHBOUR_FACTS)
            features.append(f)
        shapes = [w[4] for w in words]
        return self._with_window(features, lowers, subj, is_cue, views, shapes)

    def _with_window(
        self,
        features: list[list[str]],
        lowers: list[str],
        subj: list[bool],
        is_cue: list[bool],
        views: list[TokenView],
        shapes: list[str],
    ) -> list[list[str]]:
        n = len(features)
        out: list[list[str]] = []
        for i in range(n):
            f = list(features[i])
            for offset in range(-self.window, self.window + 1):
                if offset == 0:
                    continue
                j = i + offset
                if 0 <= j < n:
                    f.append(f"{offset}w={lowers[j]}")
                    if views[j].tag:
                        f.append(f"{offset}t={views[j].tag}")
                    if abs(offset) == 1:
                        f.append(f"{offset}{shapes[j]}")
                        if subj[j]:
                            f.append(f"{offset}subj")
                        if is_cue[j]:
                            f.append(f"{offset}cue")
                        if views[j].sentence != views[i].sentence:
                            f.append(f"{offset}other_sent")
                else:
                    f.append(f"{offset}pad")
            if i > 0:
                f.append(f"bi={lowers[i - 1]}|{lowers[i]}")
            out.append(f)
        return out


def with_quote_tags(base: list[list[str]], tags: list[str]) -> list[list[str]]:
    """Stack the quote tagger's output onto the features of the role tagger."""
    n = len(base)
    types = [t.split("-", 1)[1] if "-" in t else "O" for t in tags]
    out: list[list[str]] = []
    # distance to the nearest quote token, forward and backward
    nearest_before = [-1] * n
    last = -1
    for i in range(n):
        nearest_before[i] = last
        if types[i] != "O":
            last = i
    nearest_after = [-1] * n
    last = -1
    for i in range(n - 1, -1, -1):
        nearest_after[i] = last
        if types[i] != "O":
            last = i
    for i in range(n):
        f = list(base[i])
        f.append(f"qt={types[i]}")
        f.append(f"qb={tags[i][:1]}")
        if i > 0:
            f.append(f"-1qt={types[i - 1]}")
        if i + 1 < n:
            f.append(f"+1qt={types[i + 1]}")
        if types[i] == "O":
            if nearest_before[i] >= 0:
                f.append(f"qbefore={_bucket(i - nearest_before[i])}:{types[nearest_before[i]]}")
            if nearest_after[i] >= 0:
                f.append(f"qafter={_bucket(nearest_after[i] - i)}:{types[nearest_after[i]]}")
        out.append(f)
    return out
