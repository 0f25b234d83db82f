"""The trained quotation extractor: two CRF taggers and a linker (one recipe, any language).

The quote tagger labels every token with the type of the quotation it belongs to (BIO);
the role tagger, fed the quote tags as extra features, marks cues, speakers, addressees
and frames; :mod:`saidwhat.extract.trained_link` joins them into one record per quotation.
The model folder (``language/<code>/model/quotes/``) holds ``quotes.crfsuite``,
``roles.crfsuite``, ``media.json`` and ``meta.json``; ``saidwhat train quotes`` writes it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from saidwhat.errors import UserInputError
from saidwhat.extract.baseline import BaselineExtractor
from saidwhat.extract.quotemarks import pair_quotation_marks
from saidwhat.extract.registry import register_extractor
from saidwhat.extract.trained_features import (
    WINDOW,
    FeatureExtractor,
    TokenView,
    token_views,
    with_quote_tags,
)
from saidwhat.extract.trained_link import (
    INHERITING,
    AddresseeWords,
    Linked,
    LinkerSettings,
    add_addressees,
    clean_segments,
    dash_attributions,
    link,
    merge_discontinuous,
    merge_shared_frames,
    nested_direct,
    quote_segments,
    role_frames,
    sourced_sentences,
    split_at_frames,
    to_quotation,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from saidwhat.language import LanguageProfile
    from saidwhat.records import Quotation

QUOTE_MODEL = "quotes.crfsuite"
ROLE_MODEL = "roles.crfsuite"
JOINT_MODEL = "joint.crfsuite"
MEDIA_FILE = "linker.json"  # medium per cue phrase, decoding settings
ROLE_TAGS = frozenset({"CUE", "SPK", "ADR"})
# Analysis mode -> the model entry of language.json trained on it. The full model reads
# tags and entities (and a parse where the language has one); a Doc without them gets the
# fast model, so one extractor serves both modes.
QUOTE_MODELS = {"fast": "quotes", "full": "quotes_full"}


def split_joint_tags(tags: list[str]) -> tuple[list[str], list[str]]:
    """One joint tag sequence (quote types and roles in one label set) as the two sequences
    the linker reads: quote tags, and role tags."""
    quotes: list[str] = []
    roles: list[str] = []
    for tag in tags:
        kind = tag.split("-", 1)[-1]
        is_role = kind in ROLE_TAGS or tag == "FRM"
        roles.append(tag if is_role else "O")
        quotes.append("O" if is_role else tag)
    return quotes, roles


class QuoteModel:
    """The two taggers and the medium table of one model folder."""

    def __init__(self, folder: Path, profile: LanguageProfile) -> None:
        import pycrfsuite

        # A corpus whose quotations never overlap their own roles (PolNeAR) is tagged by one
        # joint CRF: quote boundaries and cue/speaker boundaries are then decided together.
        self.joint = (folder / JOINT_MODEL).exists()
        needed = (JOINT_MODEL, MEDIA_FILE) if self.joint else (QUOTE_MODEL, ROLE_MODEL, MEDIA_FILE)
        missing = [name for name in needed if not (folder / name).exists()]
        if missing:
            raise UserInputError(str(folder), f"incomplete quotation model (missing {', '.join(missing)})")
        self.quotes = pycrfsuite.Tagger()
        self.quotes.open(str(folder / (JOINT_MODEL if self.joint else QUOTE_MODEL)))
        self.roles = None
        if not self.joint:
            self.roles = pycrfsuite.Tagger()
            self.roles.open(str(folder / ROLE_MODEL))
        media = json.loads((folder / MEDIA_FILE).read_text(encoding="utf-8"))
        self.cue_media: dict[str, str] = media["cues"]
        self.type_media: dict[str, str] = media["types"]

        # The Doc annotations (spaCy names) the features were trained with.
        self.reads: tuple[str, ...] = tuple(media.get("reads", ()))
        self.threshold: float = float(media.get("threshold", 0.5))
        self.hints: bool = bool(media.get("hints", False))
        self.window: int = int(media.get("window", WINDOW))
        self.quote_labels = [
            label
            for label in self.quotes.labels()
            if label != "O" and label.split("-", 1)[-1] not in ROLE_TAGS
        ]
        types = {label.split("-", 1)[1] for label in self.quote_labels}
        self.linker = LinkerSettings(
            emitted_roles={kind: tuple(roles) for kind, roles in media["emitted_roles"].items()},
            nested_direct=bool(media.get("nested_direct", False)),
            subject_before_cue=bool(media.get("subject_before_cue", False)),
            shared_cue_next_sentence=bool(media.get("shared_cue_next_sentence", False)),
            addressees=AddresseeWords(
                verbs=profile.word_class("addressee_verbs"),
                prepositions=profile.word_class("addressee_prepositions"),
                stops=profile.word_class("addressee_stops"),
            ),
            speaker_stops=profile.word_class("speaker_stops"),
            source_prepositions=profile.word_class("source_prepositions"),
            sourced_cue_type="Reported" if "Reported" in types else "Indirect",
        )

    def tag(self, base: list[list[str]]) -> tuple[list[str], list[float], list[str]]:
        if self.roles is None:
            joint = self.quotes.tag(base)
            tags, roles = split_joint_tags(joint)
            marginals = [self.quotes.marginal(tag, i) for i, tag in enumerate(joint)]
            return tags, marginals, roles
        self.quotes.set(base)
        tags, marginals = self._posterior_tags(len(base))
        roles = self.roles.tag(with_quote_tags(base, tags))
        return tags, marginals, roles

    def _posterior_tags(self, length: int) -> tuple[list[str], list[float]]:
        """Per-token posterior decoding: a token is quoted where P(not O) passes the
        threshold, a lower one than Viterbi's implicit 0.5 trades precision for recall."""
        tagger = self.quotes
        tags: list[str] = []
        marginals: list[float] = []
        previous = "O"
        for i in range(length):
            inside = 1.0 - tagger.marginal("O", i)
            if inside < self.threshold:
                tags.append("O")
                marginals.append(1.0 - inside)
                previous = "O"
                continue
            scores: dict[str, list[float]] = {}
            for label in self.quote_labels:
                prefix, kind = label.split("-", 1)
                pair = scores.setdefault(kind, [0.0, 0.0])
                pair[prefix == "I"] += tagger.marginal(label, i)
            kind, (begin, within) = max(scores.items(), key=lambda item: sum(item[1]))
            starts = previous == "O" or previous.split("-", 1)[1] != kind or begin > within
            tag = ("B-" if starts else "I-") + kind
            tags.append(tag)
            marginals.append(inside)
            previous = tag
        return tags, marginals


def extract_quotations(
    text: str,
    views: list[TokenView],
    model: QuoteModel,
    features: FeatureExtractor,
    name: str,
    hints: list[Quotation] | None = None,
) -> list[Quotation]:
    if not views:
        return []
    pairs, _ = pair_quotation_marks(text)  # once: features, cleaning and nesting share them
    base = features.base(views, text, hints, pairs)
    tags, marginals, role_tags = model.tag(base)
    frames = role_frames(role_tags, views)
    segments = split_at_frames(quote_segments(tags, marginals), frames, views)
    segments = clean_segments(segments, views, pairs)
    segments = merge_discontinuous(segments, role_tags, views)
    segments = sourced_sentences(segments, frames, views, model.linker)
    quote_tokens = {i for s in segments for i in s.tokens}
    linked = link(segments, frames, views, quote_tokens, model.linker, hints)
    linked = merge_shared_frames(linked, views, model.linker)
    dash_attributions(linked, views, quote_tokens, model.linker)
    add_addressees(linked, views, quote_tokens, model.linker.addressees)
    _set_media(linked, views, model)
    everything = linked + nested_direct(views, linked, pairs, model.linker)
    everything.sort(key=lambda item: (item.segment.start, -len(item.segment.tokens)))
    return [to_quotation(text, views, item, name) for item in everything]


def _set_media(linked: list[Linked], views: list[TokenView], model: QuoteModel) -> None:
    previous = ""
    for item in linked:
        cue = " ".join(views[i].text.lower() for i in item.roles.get("cue", []))
        medium = model.cue_media.get(cue)
        if medium is None and item.segment.type in INHERITING and previous:
            medium = previous
        item.medium = medium or model.type_media.get(item.segment.type, "Speech")
        previous = item.medium


@register_extractor("trained")
class TrainedExtractor:
    name = "trained"

    def __init__(self, profile: LanguageProfile, folder: Path | None = None) -> None:
        """``folder``: that one model; by default the language's fast model and, where one
        ships, its full-analysis model."""
        folders = (
            [folder]
            if folder is not None
            else [path for name in QUOTE_MODELS.values() if (path := profile.model_path(name)) is not None]
        )
        if not folders:
            raise UserInputError("--extractor", f"no trained quotation model ships for {profile.code!r}")
        models = [QuoteModel(path, profile) for path in folders]
        # The richest model a Doc's annotations allow is tried first.
        models.sort(key=lambda model: -len(model.reads))
        self.models = [(model, FeatureExtractor(profile, model.window)) for model in models]
        self.hinter = BaselineExtractor(profile) if any(model.hints for model in models) else None

    def model_for(self, doc: Doc) -> tuple[QuoteModel, FeatureExtractor]:
        for model, features in self.models:
            if all(doc.has_annotation(name) for name in model.reads):
                return model, features
        needed = " and ".join(self.models[-1][0].reads)
        raise UserInputError("--analysis", f"the quotation model needs Docs with {needed} annotations")

    def extract(self, doc: Doc) -> list[Quotation]:
        if len(doc) and not doc.has_annotation("SENT_START"):
            # A pipeline without a sentence splitter: split a copy, leave the caller's Doc alone.
            from spacy.pipeline import Sentencizer

            doc = Sentencizer()(doc.copy())
        model, features = self.model_for(doc)
        hints = self.hinter.extract(doc) if self.hinter is not None and model.hints else None
        return extract_quotations(doc.text, token_views(doc), model, features, self.name, hints)
