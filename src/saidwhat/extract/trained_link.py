"""From the two taggers' labels to linked Quotation records.

Quote segments come from the quote tagger (BIO over types); the role tagger marks cue,
speaker, addressee and frame words. A quotation takes the roles of the nearest frame (a run
of role-tagged words with a cue or a speaker) in its own sentence, else the sentence before
or after; reported speech takes the speaker inside its quote; free indirect speech inherits
the speaker of the quotation before it. Two segments of one type separated only by a frame
form one discontinuous quotation, and quotation marks inside an indirect or reported quote
yield a nested direct quote with the roles of its parent.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from saidwhat.extract.quotemarks import QuotePair
from saidwhat.extract.trained_features import QUOTE_CHARS, TokenView, quote_depths
from saidwhat.records import Mention, Quotation, Span

INHERITING = frozenset({"FreeIndirect", "IndirectFreeIndirect"})
FRAMED = frozenset({"Direct", "Indirect"})
MIN_NESTED_TOKENS = 2
SENTENCE_PENALTY = 30
INHERIT_SENTENCES = 3
MAX_FRAME_GAP = 15
HINTED_SPEAKERS = frozenset({"Reported"})
MIN_SOURCED_WORDS = 4
SOURCED_CONFIDENCE = 0.5


@dataclass(frozen=True)
class AddresseeWords:
    """Word classes of the language profile that name an addressee after the cue: verbs
    that take the addressee as object ("told reporters"), prepositions that introduce it
    after any cue ("said to the council"), and words that end the addressee phrase."""

    verbs: frozenset[str]
    prepositions: frozenset[str]
    stops: frozenset[str]


@dataclass(frozen=True)
class LinkerSettings:
    """What the linker needs to know about the corpus and the language.

    ``emitted_roles`` (which roles a quotation of each type carries: those most gold
    quotations of the type have in train) and ``nested_direct`` (whether the corpus annotates
    quotation marks inside an indirect quote as a quotation of their own) come from the
    recipe and ship in the model's linker.json; the word lists come from the language
    profile's word classes (``speaker_stops``: words that end a speaker, "X together with
    Y"; ``source_prepositions``: cues that name a source without a verb, "according to").
    """

    emitted_roles: dict[str, tuple[str, ...]]
    nested_direct: bool
    # Where the language puts the subject before the verb (English), a cue with no tagged
    # speaker takes the words from its sentence's start to the cue ("Linda Marsh, the
    # town's mayor, said"); verb-second languages (German) leave this off.
    subject_before_cue: bool
    # Whether the corpus takes quotations in consecutive sentences that share a cue for
    # one statement (PolNeAR: "“A,” she said. “B.”" is one attribution; wikinews-de-quotes
    # annotates two); see merge_shared_frames.
    shared_cue_next_sentence: bool
    addressees: AddresseeWords  # for corpora without an addressee role, from word classes
    speaker_stops: frozenset[str]
    source_prepositions: frozenset[str]
    sourced_cue_type: str  # the type of a sentence whose cue verb and speaker were found alone

    def roles_of(self, kind: str) -> tuple[str, ...]:
        return self.emitted_roles.get(kind, ("cue", "speaker"))


class TokenRun:
    """First and last token of a sorted, non-empty token list."""

    tokens: list[int]

    @property
    def start(self) -> int:
        return self.tokens[0]

    @property
    def end(self) -> int:
        return self.tokens[-1]


@dataclass
class Segment(TokenRun):
    type: str
    tokens: list[int]
    confidence: float = 0.5


@dataclass
class Frame(TokenRun):
    tokens: list[int]
    roles: dict[str, list[int]] = field(default_factory=dict)


@dataclass
class Linked:
    segment: Segment
    roles: dict[str, list[int]]
    medium: str = "Speech"


def quote_segments(tags: list[str], marginals: list[float]) -> list[Segment]:
    segments: list[Segment] = []
    current: Segment | None = None
    for i, tag in enumerate(tags):
        if tag == "O":
            current = None
            continue
        prefix, kind = tag.split("-", 1)
        if current is None or prefix == "B" or current.type != kind:
            current = Segment(kind, [])
            segments.append(current)
        current.tokens.append(i)
    for segment in segments:
        segment.confidence = sum(marginals[i] for i in segment.tokens) / len(segment.tokens)
    return segments


def role_frames(tags: list[str], views: list[TokenView]) -> list[Frame]:
    """Maximal runs of role-tagged tokens within a sentence, with their cue, speaker and
    addressee tokens."""
    frames: list[Frame] = []
    current: Frame | None = None
    for i, tag in enumerate(tags):
        if tag == "O":
            current = None
            continue
        if current is None or views[i].sentence != views[current.end].sentence:
            current = Frame([])
            frames.append(current)
        current.tokens.append(i)
        if tag != "FRM":
            role = {"CUE": "cue", "SPK": "speaker", "ADR": "addressee"}[tag.split("-", 1)[1]]
            current.roles.setdefault(role, []).append(i)
    return [f for f in frames if "cue" in f.roles or "speaker" in f.roles]


def _gap(frame: Frame, segment: Segment) -> int:
    if frame.end < segment.start:
        return segment.start - frame.end
    if frame.start > segment.end:
        return frame.start - segment.end
    return 0


def _bounded(segments: list[Segment], views: list[TokenView]) -> list[Segment]:
    """Quotations do not cross paragraphs, and a direct quote ends at its last quotation
    mark (the tagger can run on past it where straight quotes leave pairing unclear)."""
    out: list[Segment] = []
    for segment in segments:
        pieces: list[list[int]] = [[]]
        for i in segment.tokens:
            if pieces[-1] and views[i].paragraph_start:
                pieces.append([])
            pieces[-1].append(i)
        for tokens in pieces:
            if segment.type == "Direct":
                marks = [k for k, i in enumerate(tokens) if views[i].text in QUOTE_CHARS]
                if len(marks) >= 2 and any(views[i].text.isalnum() for i in tokens[marks[-1] + 1 :]):
                    tokens = tokens[: marks[-1] + 1]
            out.append(Segment(segment.type, tokens, segment.confidence))
    return out


def _direct_inside_marks(
    segments: list[Segment], views: list[TokenView], pairs: list[QuotePair]
) -> list[Segment]:
    """A direct quote is the text between quotation marks: where the tagger's direct
    segment runs outside every pair, keep its runs inside pairs (frames between them are
    joined back by merge_discontinuous)."""
    depth, _ = quote_depths(views, "", pairs)
    out: list[Segment] = []
    for segment in segments:
        if segment.type != "Direct" or all(depth[i] for i in segment.tokens):
            out.append(segment)
            continue
        runs: list[list[int]] = []
        for i in segment.tokens:
            if depth[i]:
                if runs and runs[-1][-1] == i - 1:
                    runs[-1].append(i)
                else:
                    runs.append([i])
        words = [sum(views[i].text.isalnum() for i in run) for run in runs]
        out.extend(
            Segment("Direct", run, segment.confidence) for run, n in zip(runs, words, strict=True) if n >= 2
        )
    return out


def split_at_frames(segments: list[Segment], frames: list[Frame], views: list[TokenView]) -> list[Segment]:
    """A segment running over several sentences, two or more of which have a frame with a
    cue of their own outside it, is one quotation per framed sentence ("X said A. 'B,' she
    said"): each sentence's frame names its own statement. One frame for several sentences
    ("A. B, he said") keeps them together."""
    out: list[Segment] = []
    for segment in segments:
        inside = set(segment.tokens)
        sentences = {views[i].sentence for i in segment.tokens}
        framed = sorted(
            {
                views[frame.start].sentence
                for frame in frames
                if "cue" in frame.roles
                and views[frame.start].sentence in sentences
                and not any(i in inside for i in frame.tokens)
            }
        )
        if len(framed) < 2:
            out.append(segment)
            continue
        cuts = set(framed[1:])
        piece: list[int] = []
        for i in segment.tokens:
            if piece and views[i].sentence in cuts and views[i].sentence != views[piece[-1]].sentence:
                out.append(Segment(segment.type, piece, segment.confidence))
                piece = []
            piece.append(i)
        out.append(Segment(segment.type, piece, segment.confidence))
    return out


def clean_segments(segments: list[Segment], views: list[TokenView], pairs: list[QuotePair]) -> list[Segment]:
    """Drop segments of punctuation alone; a segment that is exactly the words inside a
    pair of quotation marks is a direct quote, marks included."""
    kept = [s for s in _bounded(segments, views) if any(views[i].text.isalnum() for i in s.tokens)]
    if not pairs:
        return kept
    kept = _direct_inside_marks(kept, views, pairs)
    for segment in kept:
        if segment.type == "Direct":
            continue
        words = {i for i in segment.tokens if views[i].text not in QUOTE_CHARS}
        first, last = min(words), max(words)
        for pair in pairs:
            if not (views[first].start >= pair.start and views[last].end <= pair.end):
                continue
            inside = [
                i
                for i in range(max(first - 3, 0), min(last + 4, len(views)))
                if views[i].start >= pair.start and views[i].end <= pair.end
            ]
            inside_words = [i for i in inside if views[i].text not in QUOTE_CHARS and views[i].text.isalnum()]
            covered = sum(1 for i in inside_words if i in words)
            if inside_words and covered >= 0.9 * len(inside_words) and inside[0] >= first - 3:
                segment.type = "Direct"
                segment.tokens = sorted(set(segment.tokens) | set(inside))
            break
    return kept


def sourced_sentences(
    segments: list[Segment], frames: list[Frame], views: list[TokenView], settings: LinkerSettings
) -> list[Segment]:
    """A sentence the taggers left unquoted although the role tagger found a frame with a
    speaker in it. With a prepositional source ("Nach Angaben der Polizei ...", "..., so
    die Polizei.") it is an indirect quotation: the sentence without an opening or closing
    frame (a frame inside the sentence stays in the quote). With a cue verb ("Die
    Opposition wies die Änderungen zurück.") the whole sentence is reported speech."""
    quoted = {views[i].sentence for s in segments for i in s.tokens}
    by_sentence: dict[int, list[int]] = {}
    for i, v in enumerate(views):
        by_sentence.setdefault(v.sentence, []).append(i)
    added: list[Segment] = []
    for frame in frames:
        sentence = views[frame.start].sentence
        cue_words = {views[i].text.lower() for i in frame.roles.get("cue", [])}
        if sentence in quoted or "speaker" not in frame.roles:
            continue
        if not cue_words & settings.source_prepositions:
            # a cue verb with its speaker but no quote found: the sentence reports speech
            members = by_sentence[sentence]
            if len([i for i in members if views[i].text.isalnum()]) >= MIN_SOURCED_WORDS:
                added.append(Segment(settings.sourced_cue_type, list(members), SOURCED_CONFIDENCE))
                quoted.add(sentence)
            continue
        members = [
            i for i in by_sentence[sentence] if views[i].text.isalnum() or i < by_sentence[sentence][-1]
        ]
        if frame.start == members[0]:
            members = [
                i for i in members if i > frame.end and not (i == frame.end + 1 and views[i].text == ",")
            ]
        elif frame.end >= members[-1] - 1:
            # a closing frame (", so die Polizei."): the quote ends before its comma
            members = [
                i for i in members if i < frame.start and not (i == frame.start - 1 and views[i].text == ",")
            ]
        if len([i for i in members if views[i].text.isalnum()]) < MIN_SOURCED_WORDS:
            continue
        added.append(Segment("Indirect", members, SOURCED_CONFIDENCE))
        quoted.add(sentence)
    return sorted(segments + added, key=lambda s: s.start)


def merge_discontinuous(
    segments: list[Segment], role_tags: list[str], views: list[TokenView]
) -> list[Segment]:
    """Join two segments of one type that only a frame (and punctuation) separates."""
    merged: list[Segment] = []
    for segment in segments:
        if merged:
            previous = merged[-1]
            between = range(previous.end + 1, segment.start)
            framed = any(role_tags[i] != "O" for i in between)
            only_frame = all(role_tags[i] != "O" or not views[i].text.isalnum() for i in between)
            same_span = views[segment.start].sentence == views[previous.end].sentence or (
                segment.type == "Direct" and views[segment.start].sentence - views[previous.end].sentence <= 1
            )
            same_span = same_span and len(between) <= MAX_FRAME_GAP
            # Quotations do not cross paragraphs (see _bounded).
            same_span = same_span and not any(views[i].paragraph_start for i in [*between, segment.start])
            if previous.type == segment.type and framed and only_frame and same_span:
                previous.tokens.extend(segment.tokens)
                previous.confidence = min(previous.confidence, segment.confidence)
                continue
        merged.append(segment)
    return merged


def link(
    segments: list[Segment],
    frames: list[Frame],
    views: list[TokenView],
    quote_tokens: set[int],
    settings: LinkerSettings,
    hints: list[Quotation] | None = None,
) -> list[Linked]:
    linked: list[Linked] = []
    previous_speaker: list[int] = []
    hinted = [_hint_tokens(views, hint) for hint in hints or []]
    for segment in segments:
        roles: dict[str, list[int]] = {}
        if segment.type in INHERITING:
            speaker = previous_speaker or _speaker_before(segment, frames, views)
            if speaker:
                roles["speaker"] = speaker
        else:
            frame = _best_frame(segment, frames, views, quote_tokens)
            if frame is not None:
                roles = {name: list(tokens) for name, tokens in frame.roles.items()}
                roles["frame"] = list(frame.tokens)
            if not roles.get("speaker") and segment.type in HINTED_SPEAKERS:
                # The taggers found no speaker: the rule baseline's, where its quote overlaps.
                roles = _hinted_roles(segment, hinted, roles)
        if settings.subject_before_cue and roles.get("cue") and not roles.get("speaker"):
            subject = _subject_before(min(roles["cue"]), views, quote_tokens)
            if subject:
                roles["speaker"] = subject
        roles = {name: tokens for name, tokens in roles.items() if name in settings.roles_of(segment.type)}
        if roles.get("speaker"):
            roles["speaker"] = _speaker_head(roles["speaker"], views, settings.speaker_stops)
        if roles.get("speaker"):
            previous_speaker = roles["speaker"]
        linked.append(Linked(segment, roles))
    return linked


MAX_SUBJECT_WORDS = 12


def _subject_before(cue: int, views: list[TokenView], quote_tokens: set[int]) -> list[int]:
    """The words from the sentence's start to the cue, when they look like a subject: a
    capitalised first word, no quoted word, at most a dozen words."""
    start = cue
    while start > 0 and not views[start].sent_start:
        start -= 1
    tokens = list(range(start, cue))
    while tokens and not views[tokens[-1]].text[:1].isalnum():
        tokens.pop()
    if (
        not tokens
        or len(tokens) > MAX_SUBJECT_WORDS
        or not views[tokens[0]].text[:1].isupper()
        or any(i in quote_tokens or views[i].text in QUOTE_CHARS for i in tokens)
    ):
        return []
    return tokens


def _hint_tokens(views: list[TokenView], hint: Quotation) -> dict[str, list[int]]:
    import bisect

    starts = [v.start for v in views]
    out: dict[str, list[int]] = {}
    for name in ("quote", "cue", "speaker", "addressee", "frame"):
        tokens: list[int] = []
        for span in hint.role(name).spans:
            index = max(bisect.bisect_right(starts, span.start) - 1, 0)
            while index < len(views) and views[index].start < span.end:
                if views[index].end > span.start:
                    tokens.append(index)
                index += 1
        if tokens:
            out[name] = tokens
    return out


def _hinted_roles(
    segment: Segment, hinted: list[dict[str, list[int]]], roles: dict[str, list[int]]
) -> dict[str, list[int]]:
    inside = set(segment.tokens)
    best = max(hinted, key=lambda h: len(inside.intersection(h.get("quote", []))), default=None)
    if best is None or not inside.intersection(best.get("quote", [])) or "speaker" not in best:
        return roles
    merged = dict(roles)
    merged["speaker"] = best["speaker"]
    for name in ("cue", "frame"):
        if name not in merged and name in best:
            merged[name] = best[name]
    return merged


def _speaker_head(tokens: list[int], views: list[TokenView], stops: frozenset[str]) -> list[int]:
    """Cut a speaker before company or audience ("Rutte gemeinsam mit Scholz", "X
    gegenüber Journalisten"): those words belong to the frame, not to the speaker."""
    ordered = sorted(tokens)
    for k, i in enumerate(ordered[1:], start=1):
        if views[i].text.lower() in stops:
            return ordered[:k]
    return ordered


def _speaker_before(segment: Segment, frames: list[Frame], views: list[TokenView]) -> list[int]:
    """The speaker of the nearest frame before a free indirect quote (within a paragraph or so)."""
    sentence = views[segment.start].sentence
    for frame in reversed(frames):
        if frame.end < segment.start and "speaker" in frame.roles:
            if sentence - views[frame.end].sentence <= INHERIT_SENTENCES:
                return list(frame.roles["speaker"])
            break
    return []


def _without(frame: Frame, excluded: set[int]) -> Frame | None:
    tokens = [i for i in frame.tokens if i not in excluded]
    roles = {name: [i for i in members if i not in excluded] for name, members in frame.roles.items()}
    roles = {name: members for name, members in roles.items() if members}
    if not tokens or not ("cue" in roles or "speaker" in roles):
        return None
    return Frame(tokens, roles)


EMBEDDED_FRAME_PENALTY = 3.0  # in tokens of gap


def _best_frame(
    segment: Segment, frames: list[Frame], views: list[TokenView], quote_tokens: set[int]
) -> Frame | None:
    first_sentence = views[segment.start].sentence
    last_sentence = views[segment.end].sentence
    inside = set(segment.tokens)
    best: tuple[float, Frame] | None = None
    for frame in frames:
        sentence = views[frame.start].sentence
        if sentence < first_sentence - 1 or sentence > last_sentence + 1:
            continue
        within = all(i in inside for i in frame.tokens)
        if segment.type == "Reported":
            cost = 0.0 if within else _gap(frame, segment) + SENTENCE_PENALTY
        else:
            if within:
                continue
            if any(i in quote_tokens for i in frame.tokens):
                # another quotation's words are not this one's frame: keep the rest
                frame = _without(frame, quote_tokens)
                if frame is None:
                    continue
            cost = float(_gap(frame, segment))
            if segment.start < frame.start and frame.end < segment.end:
                # A frame inside the quotation's extent is more often a source the quoted
                # words cite ("X has learned that A, sources said, B") than their own frame.
                cost += EMBEDDED_FRAME_PENALTY
            if not first_sentence <= sentence <= last_sentence:
                cost += SENTENCE_PENALTY
        if "cue" not in frame.roles:
            cost += 5
        if best is None or cost < best[0]:
            best = (cost, frame)
    return best[1] if best else None


def nested_direct(
    views: list[TokenView], linked: list[Linked], pairs: list[QuotePair], settings: LinkerSettings
) -> list[Linked]:
    """Quotation marks inside an indirect or reported quote: a nested direct quote, unless
    every word in them is capitalised: that is a name or a title („IG Bau“, „Black Lion
    Hospital“), quoted as a name, not as somebody's words."""
    nested: list[Linked] = []
    if not pairs or not settings.nested_direct:
        return nested
    for parent in linked:
        if parent.segment.type == "Direct":
            continue
        tokens = set(parent.segment.tokens)
        for pair in pairs:
            members = [i for i in tokens if views[i].start >= pair.start and views[i].end <= pair.end]
            words = [i for i in members if views[i].text not in QUOTE_CHARS]
            if len(words) < MIN_NESTED_TOKENS or len(members) < 2 or _all_capitalised(views, words):
                continue
            members.sort()
            segment = Segment("Direct", members, parent.segment.confidence)
            roles = {k: v for k, v in parent.roles.items() if k in settings.roles_of("Direct")}
            nested.append(Linked(segment, roles, parent.medium))
    return nested


def _all_capitalised(views: list[TokenView], tokens: list[int]) -> bool:
    initials = [views[i].text[:1] for i in tokens if views[i].text[:1].isalnum()]
    return bool(initials) and all(c.isupper() or c.isdigit() for c in initials)


def _join(views: list[TokenView], tokens: list[int]) -> list[Span]:
    """Contiguous runs of token indices as character spans."""
    spans: list[Span] = []
    run_start = None
    previous = None
    for i in tokens:
        if previous is not None and i == previous + 1:
            previous = i
            continue
        if run_start is not None and previous is not None:
            spans.append(Span(views[run_start].start, views[previous].end))
        run_start = previous = i
    if run_start is not None and previous is not None:
        spans.append(Span(views[run_start].start, views[previous].end))
    return spans


def to_quotation(text: str, views: list[TokenView], item: Linked, extractor: str) -> Quotation:
    def mention(tokens: list[int] | None) -> Mention:
        if not tokens:
            return Mention()
        return Mention.from_spans(text, _join(views, sorted(set(tokens))))

    return Quotation(
        type=item.segment.type,
        quote=mention(item.segment.tokens),
        medium=item.medium,
        cue=mention(item.roles.get("cue")),
        speaker=mention(item.roles.get("speaker")),
        addressee=mention(item.roles.get("addressee")),
        frame=mention(item.roles.get("frame")),
        confidence=round(item.segment.confidence, 4),
        extractor=extractor,
    )


MAX_ADDRESSEE_WORDS = 4


def add_addressees(
    linked: list[Linked], views: list[TokenView], quote_tokens: set[int], words: AddresseeWords
) -> None:
    """Where the tagger gave none: the addressee of the cue.

    Corpora without an addressee role (PolNeAR) cannot teach the taggers one, so the
    language's word classes supply it; languages that list none get none from here. With a
    parse (the full analysis of a language with a parser) it is the phrase the parse attaches
    to the cue verb; without one, the short noun phrase right after an addressee cue."""
    if not words.verbs and not words.prepositions:
        return
    children: dict[int, list[int]] = {}
    if any(view.head >= 0 for view in views):  # a parse: the fast analysis has none
        for i, view in enumerate(views):
            children.setdefault(view.head, []).append(i)
    for item in linked:
        cue = item.roles.get("cue")
        if not cue or item.roles.get("addressee"):
            continue
        taken = set().union(*item.roles.values())
        if children:
            phrase = _parsed_addressee(cue, views, children, quote_tokens | taken, words)
            if phrase:
                item.roles["addressee"] = phrase
            continue
        start = max(cue) + 1
        if start < len(views) and views[start].text.lower() in words.prepositions:
            start += 1
        elif views[max(cue)].text.lower() not in words.verbs:
            continue
        phrase: list[int] = []
        for i in range(start, min(start + MAX_ADDRESSEE_WORDS, len(views))):
            word = views[i].text
            if i in quote_tokens or i in taken or not word[:1].isalnum() or word.lower() in words.stops:
                break
            if views[i].sentence != views[start].sentence:
                break
            phrase.append(i)
        if phrase:
            item.roles["addressee"] = phrase


# Dependency labels (UD) of an addressee: the object of "tell"-verbs, an oblique with "to".
OBJECT_LABELS = frozenset({"obj", "iobj", "dobj", "dative"})
OBLIQUE_LABELS = frozenset({"obl", "prep", "pobj"})


def _parsed_addressee(
    cue: list[int],
    views: list[TokenView],
    children: dict[int, list[int]],
    blocked: set[int],
    words: AddresseeWords,
) -> list[int]:
    """The addressee the parse attaches to the cue verb: its object when the verb names
    the listener ("told reporters"), or an oblique introduced by an addressee preposition
    ("said to the council", the preposition left out), as its whole contiguous subtree."""
    for head in cue:
        for child in children.get(head, []):
            label = views[child].dep
            if label in OBJECT_LABELS and views[head].text.lower() in words.verbs:
                phrase = _subtree(child, children, blocked)
            elif label in OBLIQUE_LABELS and any(
                views[c].text.lower() in words.prepositions and c < child for c in children.get(child, [])
            ):
                subtree = _subtree(child, children, blocked)
                phrase = [i for i in subtree if views[i].text.lower() not in words.prepositions]
            else:
                continue
            if phrase:
                return phrase
    return []


def _subtree(root: int, children: dict[int, list[int]], blocked: set[int]) -> list[int]:
    """The contiguous run of ``root``'s subtree around it, stopping at quote or role tokens."""
    members = {root}
    stack = [root]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in members:
                members.add(child)
                stack.append(child)
    start = end = root
    while start - 1 in members and start - 1 not in blocked:
        start -= 1
    while end + 1 in members and end + 1 not in blocked:
        end += 1
    return [] if root in blocked else list(range(start, end + 1))


def merge_shared_frames(
    linked: list[Linked], views: list[TokenView], settings: LinkerSettings
) -> list[Linked]:
    """Quotations of one sentence that were given the same cue are one quotation with a
    discontinuous quote: the tagger split the content around its frame ("The plan, she said,
    is dead"), or broke it at a comma. Parts of different types make an Indirect quotation,
    as corpora annotate mixed quotes. Further apart a shared cue is left alone (there it is
    as often a second statement whose own cue the tagger missed), except in the next sentence
    where the corpus takes "“A,” she said. “B.”" for one statement
    (``shared_cue_next_sentence``)."""
    reach = 1 if settings.shared_cue_next_sentence else 0
    merged: list[Linked] = []
    owner: dict[tuple[int, ...], Linked] = {}
    for item in linked:
        cue = tuple(item.roles.get("cue", ()))
        first = owner.get(cue) if cue else None
        if first is None or views[item.segment.start].sentence - views[first.segment.end].sentence > reach:
            if cue:
                owner[cue] = item
            merged.append(item)
            continue
        first.segment.tokens = sorted(set(first.segment.tokens) | set(item.segment.tokens))
        first.segment.confidence = min(first.segment.confidence, item.segment.confidence)
        if first.segment.type != item.segment.type:
            first.segment.type = "Indirect"
    return merged


ATTRIBUTION_DASHES = frozenset("―—–")
MAX_DASH_NAME_WORDS = 5


def dash_attributions(
    linked: list[Linked], views: list[TokenView], quote_tokens: set[int], settings: LinkerSettings
) -> None:
    """A quotation followed by a dash and a name to the end of its line is signed by that
    name ("…“ ― Sonya Herridge"), as epigraphs and quoted posts are: the dash is the cue, the
    name the speaker. Only quotations without a speaker of their own take it, and only types
    that carry both roles."""
    for item in linked:
        roles = settings.roles_of(item.segment.type)
        if item.roles.get("speaker") or "speaker" not in roles or "cue" not in roles:
            continue
        after = item.segment.end + 1
        while after < len(views) and views[after].text in QUOTE_CHARS:
            after += 1
        if after >= len(views) or views[after].text not in ATTRIBUTION_DASHES or after in quote_tokens:
            continue
        name: list[int] = []
        for i in range(after + 1, min(after + 1 + MAX_DASH_NAME_WORDS, len(views))):
            if views[i].paragraph_start or i in quote_tokens or not views[i].text[:1].isupper():
                break
            name.append(i)
        ends_line = not name or name[-1] + 1 >= len(views) or views[name[-1] + 1].paragraph_start
        if name and ends_line:
            item.roles["cue"] = [after]
            item.roles["speaker"] = name
