"""Konjunktiv rules for the base pipeline's ``attribute_ruler``, built from the lexicon.

The statistical morphologizer sees only a few hundred gold Konjunktiv verbs, but Mood=Sub is
the main signal of indirect speech. ``subjunctive_forms.txt`` lists every finite form that
is Konjunktiv I/II in the third person and never third-person indicative ("habe", "sei",
"könne", "würden"). Wherever the tagger calls such a form a finite verb, the ruler writes
the full verb features (Mood=Sub, Person=3, Number and Tense from the lexicon). When "ich"
stands right before or after it, the form is first person: indicative when it is also a
present-tense first-person form ("ich habe"), else first-person Konjunktiv ("ich hätte").
The AttributeRuler applies later patterns last, so the "ich" patterns come after.

The rules are plain token patterns, serialized with the model: loading needs no code.
"""

from __future__ import annotations

import lzma
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FINITE_TAGS = ["VVFIN", "VAFIN", "VMFIN"]
INFINITIVE_TAGS = ["VVINF", "VAINF", "VMINF", "VVIZU"]
PARTICIPLE_TAGS = ["VVPP", "VAPP", "VMPP"]
# Lemmas are set only for auxiliaries and modals: their Konjunktiv-II stems ("wäre",
# "würde", "dürfte") are the ones a learned edit-tree lemmatizer gets wrong.
LEMMA_FOR = frozenset({"sein", "haben", "werden", "können", "müssen", "sollen", "wollen", "dürfen", "mögen"})


@dataclass
class FormInfo:
    numbers: set[str] = field(default_factory=set)
    tenses: set[str] = field(default_factory=set)
    lemmas: set[str] = field(default_factory=set)
    first_singular_indicative: bool = False


def read_subjunctive_analyses(pos_dict: Path, forms: frozenset[str]) -> dict[str, FormInfo]:
    """Third-person Konjunktiv analyses of the listed forms, from german-pos-dict."""
    info: dict[str, FormInfo] = defaultdict(FormInfo)
    with lzma.open(pos_dict, "rt", encoding="utf-8") as stream:
        for line in stream:
            if "KJ" not in line and "PRÄ" not in line:
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3 or parts[0] not in forms or not parts[2].startswith("VER:"):
                continue
            form, lemma, tag = parts
            fields = tag.split(":")
            if "1" in fields and "SIN" in fields and "PRÄ" in fields:
                info[form].first_singular_indicative = True
            if "3" not in fields or not ("KJ1" in fields or "KJ2" in fields):
                continue
            info[form].numbers.add("Sing" if "SIN" in fields else "Plur")
            info[form].tenses.add("Pres" if "KJ1" in fields else "Past")
            info[form].lemmas.add(lemma)
    return dict(info)


def _features(number: str, tense: str, person: str = "3", mood: str = "Sub") -> str:
    return f"Mood={mood}|Number={number}|Person={person}|Tense={tense}|VerbForm=Fin"


def _case_variants(forms: list[str]) -> list[str]:
    return sorted({v for f in forms for v in (f, f.capitalize())})


def konjunktiv_patterns(analyses: dict[str, FormInfo]) -> list[dict[str, Any]]:
    """AttributeRuler patterns: one per feature bundle, auxiliary lemmas, then the "ich" overrides.

    Each distinct ``IN`` list costs a Python set lookup per token, so the 15k forms go into
    as few lists as there are feature bundles; lemmas use exact ORTH patterns, which the
    matcher checks in C."""
    bundles: dict[str, list[str]] = defaultdict(list)
    lemma_forms: list[tuple[str, str, str]] = []
    first_person: dict[str, list[str]] = defaultdict(list)
    for form, info in sorted(analyses.items()):
        if len(info.numbers) != 1 or len(info.tenses) != 1:
            continue
        number, tense = next(iter(info.numbers)), next(iter(info.tenses))
        morph = _features(number, tense)
        bundles[morph].append(form)
        if len(info.lemmas) == 1 and next(iter(info.lemmas)) in LEMMA_FOR:
            lemma_forms.append((form, morph, next(iter(info.lemmas))))
        if number == "Sing":
            if info.first_singular_indicative:
                first_person[_features("Sing", "Pres", person="1", mood="Ind")].append(form)
            else:
                first_person[_features("Sing", tense, person="1")].append(form)
    patterns: list[dict[str, Any]] = []
    for morph, forms in sorted(bundles.items()):
        token = {"ORTH": {"IN": _case_variants(forms)}, "TAG": {"IN": FINITE_TAGS}}
        patterns.append({"patterns": [[token]], "attrs": {"MORPH": morph}})
    for form, morph, lemma in lemma_forms:
        tokens = [[{"ORTH": variant, "TAG": {"IN": FINITE_TAGS}}] for variant in _case_variants([form])]
        patterns.append({"patterns": tokens, "attrs": {"MORPH": morph, "LEMMA": lemma}})
    for morph, forms in sorted(first_person.items()):
        verb = {"ORTH": {"IN": _case_variants(forms)}, "TAG": {"IN": FINITE_TAGS}}
        ich = {"LOWER": "ich"}
        # "ich" anywhere before the verb in the same clause ("wie ich es finde"), or right after it.
        between = {"IS_PUNCT": False, "OP": "*"}
        patterns.append({"patterns": [[ich, between, verb]], "attrs": {"MORPH": morph}, "index": -1})
        patterns.append({"patterns": [[verb, ich]], "attrs": {"MORPH": morph}, "index": 0})
    return patterns


def _morph_string(features: dict[str, str]) -> str:
    return "|".join(f"{k}={v}" for k, v in sorted(features.items()))


def verb_form_patterns(morphologizer_labels: list[str]) -> list[dict[str, Any]]:
    """Patterns that make verb features follow the STTS tag, added before the Konjunktiv ones.

    PUD (a training source) has no VerbForm and gives participles Tense=Past; GSD has
    VerbForm everywhere and no Tense on participles. The tag decides: V*INF/VVIZU are
    VerbForm=Inf, V*PP VerbForm=Part, finite verbs VerbForm=Fin with a Mood. A finite
    form is indicative ("sollte", "sagte" are past indicative as well) unless the
    Konjunktiv patterns that follow, which have precedence, find it in the lexicon."""
    patterns: list[dict[str, Any]] = [
        {"patterns": [[{"TAG": {"IN": INFINITIVE_TAGS}}]], "attrs": {"MORPH": "VerbForm=Inf"}},
        {"patterns": [[{"TAG": {"IN": PARTICIPLE_TAGS}}]], "attrs": {"MORPH": "VerbForm=Part"}},
    ]
    seen: set[str] = set()
    for label in morphologizer_labels:
        features = dict(f.split("=", 1) for f in label.split("|") if "=" in f and not f.startswith("POS="))
        if features.get("VerbForm", "Fin") != "Fin" or not ({"Mood", "Tense", "Person"} & features.keys()):
            continue
        source = _morph_string(features)
        if source in seen:
            continue
        seen.add(source)
        target = dict(features, VerbForm="Fin")
        if target.get("Mood") in (None, "Sub"):
            target["Mood"] = "Ind"
        if _morph_string(target) == source:
            continue
        token = {"TAG": {"IN": FINITE_TAGS}, "MORPH": source}
        patterns.append({"patterns": [[token]], "attrs": {"MORPH": _morph_string(target)}})
    return patterns


NAME_PARTICLES = ["von", "van", "de", "der", "zu", "di", "da", "del", "le", "la", "ten", "ter"]


def read_first_names(pos_dict: Path) -> set[str]:
    """First names (Morphy ``EIG:...:VOR``) from german-pos-dict: about a thousand."""
    names: set[str] = set()
    with lzma.open(pos_dict, "rt", encoding="utf-8") as stream:
        for line in stream:
            if "EIG:" not in line or ":VOR" not in line:
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[2].startswith("EIG:NOM:SIN:") and parts[2].endswith(":VOR"):
                names.add(parts[1])
    return names


def person_patterns(first_names: set[str]) -> list[dict[str, Any]]:
    """EntityRuler patterns: a known first name followed by capitalized name parts is PER.

    The statistical NER learns from about 1,500 person names only; this catches
    "Anna Müller" and "Ursula von der Leyen" when it misses or cuts them."""
    name = {"ORTH": {"IN": sorted(first_names)}}
    middle = {"IS_TITLE": True, "OP": "?"}
    particles = {"LOWER": {"IN": NAME_PARTICLES}, "OP": "*"}
    surname = {"IS_TITLE": True, "IS_ALPHA": True}
    return [{"label": "PER", "pattern": [name, middle, particles, surname]}]


def punctuation_tag_patterns() -> list[dict[str, Any]]:
    """HanTa, the silver teacher, tags quotation marks XY or FM; STTS (and GSD) say $(."""
    tokens = [[{"IS_PUNCT": True, "TAG": tag}] for tag in ("XY", "FM")]
    return [{"patterns": tokens, "attrs": {"TAG": "$("}}]


def upos_patterns(sentences: list[Any], min_count: int = 1) -> list[dict[str, Any]]:
    """AttributeRuler patterns that derive UPOS from the STTS tag, learned from gold sentences.

    The STTS tagger learns from gold and HanTa silver text, the morphologizer's UPOS from
    the 27k gold tokens alone, so the tag predicts UPOS better than the morphologizer does.
    Each tag maps to the UPOS gold gives it most often; words whose own majority differs
    ("sein"/VAFIN is VERB as often as AUX, "so"/ADV is sometimes CCONJ) follow afterwards,
    grouped into one pattern per (tag, UPOS) so that the ruler stays fast."""
    from collections import Counter

    by_tag: dict[str, Counter[str]] = defaultdict(Counter)
    by_word: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for sentence in sentences:
        for token in sentence.tokens:
            if token.xpos and token.upos:
                by_tag[token.xpos][token.upos] += 1
                by_word[(token.xpos, token.form.lower())][token.upos] += 1
    majority = {tag: counts.most_common(1)[0][0] for tag, counts in by_tag.items()}
    patterns: list[dict[str, Any]] = [
        {"patterns": [[{"TAG": tag}]], "attrs": {"POS": upos}} for tag, upos in sorted(majority.items())
    ]
    exceptions: dict[tuple[str, str], list[str]] = defaultdict(list)
    for (tag, word), counts in sorted(by_word.items()):
        upos, count = counts.most_common(1)[0]
        if upos != majority[tag] and count >= min_count:
            exceptions[(tag, upos)].append(word)
    for (tag, upos), words in sorted(exceptions.items()):
        token = {"TAG": tag, "LOWER": {"IN": sorted(words)}}
        patterns.append({"patterns": [[token]], "attrs": {"POS": upos}})
    return patterns
