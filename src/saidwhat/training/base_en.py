"""Train the English base layer from ../shared/data (UD EWT and GUM), like the German one.

1. ``build_corpora`` writes train/dev DocBins: EWT train sentences (XPOS, UPOS, features,
   lemmas, dependencies) and GUM train sentences of the non-NC genres (PER/ORG/LOC names);
   dev is EWT dev plus GUM dev (same genres), which only picks the checkpoint;
2. ``train_model`` (shared with German) runs spaCy's loop on ``configs/base-en.cfg``;
3. ``assemble`` adds the rule sentence components in front of the parser, so that the
   parse respects the same sentence boundaries the fast analysis mode produces.

The tokenizer is spaCy's English default, unchanged: the quotation extractor was trained on
blank English tokens, and a different split would move its features.
"""

from __future__ import annotations

import random
import shutil
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from saidwhat.training.base import CorpusStats, Progress, save_corpora
from saidwhat.training.base_data_en import EWTSentence, GUMDoc, read_ewt, read_gum

if TYPE_CHECKING:
    from saidwhat.training.base_recipes import CorpusPaths

# GUM is a third of EWT's size: show its names twice per epoch so NER keeps pace.
GUM_REPEAT = 2

SOURCES = [
    {
        "name": "UD English EWT train (tags, morphology, lemmas, parse); dev picks the checkpoint",
        "licence": "CC BY-SA 4.0",
        "url": "https://github.com/UniversalDependencies/UD_English-EWT",
    },
    {
        "name": "GUM train, genres news and interview (Wikinews)",
        "licence": "text CC BY 2.5, annotations CC BY 4.0",
        "url": "https://github.com/amir-zeldes/gum",
    },
    {
        "name": "GUM train, genres bio (Wikipedia) and voyage (Wikivoyage)",
        "licence": "text CC BY-SA 3.0, annotations CC BY 4.0",
        "url": "https://github.com/amir-zeldes/gum",
    },
    {
        "name": "GUM train, genres academic and court",
        "licence": "text CC BY 4.0, annotations CC BY 4.0",
        "url": "https://github.com/amir-zeldes/gum",
    },
    {
        "name": "GUM dev, same six genres (picks the NER checkpoint only)",
        "licence": "as above",
        "url": "https://github.com/amir-zeldes/gum",
    },
    {
        "name": "UNER English EWT dev (NER evaluation only, not trained on)",
        "licence": "CC BY-SA 4.0",
        "url": "https://github.com/UniversalNER/UNER_English-EWT",
    },
]

HELD_OUT = {
    "tags_morphology_lemmas_parse_sentences": "UD English EWT dev (also picks the checkpoint)",
    "ner": "UNER English EWT dev (never trained or tuned on)",
    "never_read": "EWT, UNER and GUM test splits; GUM's NC-licensed and unlicensed genres",
}

DESCRIPTION = (
    "saidwhat English base layer: spaCy's English tokenizer, rule sentences, PTB tags + UPOS, "
    "morphology, lemmas, dependency parse, PER/ORG/LOC entities. CNN tok2vec, CPU."
)
# EWT is CC BY-SA 4.0; the GUM genres used are CC BY 2.5 / CC BY 4.0 / CC BY-SA 3.0 (which
# CC allows to adapt under BY-SA 4.0): the share-alike terms of EWT govern the whole.
LICENSE = "CC BY-SA 4.0 (UD EWT CC BY-SA 4.0; GUM genres used CC BY 2.5 / CC BY 4.0 / CC BY-SA 3.0)"


def blank_nlp() -> Language:
    import spacy

    return spacy.blank("en")


def ewt_doc(nlp: Language, sentence: EWTSentence) -> Doc:
    tokens = sentence.tokens
    return Doc(
        nlp.vocab,
        words=[t.form for t in tokens],
        spaces=[t.space_after for t in tokens],
        tags=[t.xpos for t in tokens],
        pos=[t.upos for t in tokens],
        morphs=[t.feats for t in tokens],
        lemmas=[t.lemma for t in tokens],
        heads=[t.head for t in tokens],
        deps=[t.deprel for t in tokens],
    )


def gum_sentence_docs(nlp: Language, doc: GUMDoc) -> list[Doc]:
    """One Doc per GUM sentence with its names; every other token is O (annotated)."""
    starts = [i for i, s in enumerate(doc.sent_starts) if s] + [len(doc.words)]
    out = []
    for first, end in pairwise(starts):
        sentence = Doc(nlp.vocab, words=doc.words[first:end], spaces=[*doc.spaces[first : end - 1], False])
        spans = [
            Span(sentence, s - first, e - first, label=label)
            for s, e, label in doc.entities
            if first <= s and e <= end
        ]
        sentence.set_ents(filter_spans(spans), default="outside")
        out.append(sentence)
    return out


def build_corpora(data: CorpusPaths, work: Path, progress: Progress) -> CorpusStats:
    data.check()
    nlp = blank_nlp()
    train_docs = [ewt_doc(nlp, s) for s in read_ewt(data.ewt_train)]
    gum_train = [d for doc in read_gum(data.gum, "train") for d in gum_sentence_docs(nlp, doc)]
    progress(f"EWT train: {len(train_docs)} sentences; GUM train: {len(gum_train)} sentences")
    train_docs += gum_train * GUM_REPEAT
    random.Random(0).shuffle(train_docs)
    dev_docs = [ewt_doc(nlp, s) for s in read_ewt(data.ewt_dev)]
    dev_docs += [d for doc in read_gum(data.gum, "dev") for d in gum_sentence_docs(nlp, doc)]
    return save_corpora(work, train_docs, dev_docs)


RULE_COMPONENTS = ("sentencizer", "quote_sentence_starts", "paragraph_sentences")


def assemble(checkpoint: Path, data: CorpusPaths, out: Path) -> Any:
    """The shipped pipeline: trained components + the rule sentence components.

    They go before the parser: spaCy's parser keeps boundaries already set, so the full and
    the fast analysis see the same sentences. ``data`` is unused: English adds no rules
    built from corpora (the recipe's stages share one signature)."""
    from saidwhat.training.base import load_trained

    nlp = load_trained(checkpoint, RULE_COMPONENTS)
    nlp.add_pipe("sentencizer", before="parser")
    nlp.add_pipe("quote_sentence_starts", before="parser")
    nlp.add_pipe("paragraph_sentences", before="parser")
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)  # a new language has no model/ folder yet
    nlp.to_disk(out)
    return nlp
