"""News tokenizer rules for German, layered on spaCy's German defaults.

The rules are applied to ``nlp.tokenizer`` once, when the base model is trained; spaCy
serializes prefix/suffix/infix patterns and special cases with the model, so loading the
model needs no code from here. Offsets stay exact because spaCy's tokenizer never changes
characters: every token is a slice of the input.

What the defaults get wrong on news text, and what we change:
- a quotation mark glued to a word or to sentence punctuation ('sagte:"Ende', '2021.„Ja')
  stayed inside the token: every German or straight double quote and the low/high single
  quotes „ “ ‚ ‘ » « " now split wherever they occur;
- year and number ranges ("2017-2021") were split at the hyphen: they stay one token, like
  hyphenated compounds ("NATO-Generalsekretär", "US-Wahl"), which the defaults keep;
- a few news abbreviations were missing ("Mio.", "Mrd.", "Abg.", ...): they stay one token.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.symbols import ORTH
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

# Quotation marks that never occur inside a German word. The apostrophe (' and ’) is left
# out on purpose: "geht's", "Müller’sche".
QUOTE_CHARS = '„“‚‘»«"”'
QUOTE_INFIX = f"[{QUOTE_CHARS}]"
# Infix splits are not re-examined for suffixes, so punctuation between a word and a glued
# quotation mark ('sagte:"Ende', 'Jahr.„Ja') needs its own infix rule.
PUNCT_BEFORE_QUOTE_INFIX = f"(?<=\\w)[.:,;!?](?=[{QUOTE_CHARS}])"
# spaCy's German default splits "-" between digits; keep ranges ("2017-2021") whole.
DIGIT_HYPHEN_INFIX = r"(?<=[0-9])-(?=[0-9])"
# A colon glued to a word ('sagte:"Ende') and the full stop after a year ('2021.') end a
# token; ordinals ("1.", "5.") and times ("09:20") are untouched.
EXTRA_SUFFIXES = (r"(?<=[^\W\d_]):", r"(?<=[0-9]{4})\.")

NEWS_ABBREVIATIONS = (
    "Mio.", "Mrd.", "Bio.", "Tsd.", "Abg.", "Gen.", "Sen.", "Kard.", "Hrsg.", "Verf.", "Bd.",
    "Jh.", "Jhd.", "Jhs.", "Mill.", "Mrd.", "Proz.", "Tel.", "Inh.", "Min.", "Mind.", "max.",
    "min.", "ggf.", "bspw.", "inkl.", "exkl.", "zzgl.", "abzgl.", "lt.", "gem.", "sog.",
    "vgl.", "evtl.", "eigtl.", "insb.", "Pkt.", "Ziff.", "Abs.", "Art.", "Nr.", "Mrz.",
    "Dez.", "Nov.", "Okt.", "Sept.", "Aug.", "Jan.", "Feb.", "Apr.", "Jun.", "Jul.",
    "Bundesvors.", "Vors.", "stv.", "stellv.", "Präs.", "Reg.", "Gouv.", "Botsch.",
)  # fmt: skip


def customize_tokenizer(nlp: Language) -> None:
    """Apply the news rules to ``nlp.tokenizer`` in place (German pipelines only)."""
    tokenizer = nlp.tokenizer
    defaults = nlp.Defaults
    infixes = [pattern for pattern in (defaults.infixes or []) if pattern != DIGIT_HYPHEN_INFIX]
    infixes.extend([PUNCT_BEFORE_QUOTE_INFIX, QUOTE_INFIX])
    prefixes = [*list(defaults.prefixes or []), QUOTE_INFIX]
    suffixes = [*list(defaults.suffixes or []), QUOTE_INFIX, *EXTRA_SUFFIXES]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    for abbreviation in NEWS_ABBREVIATIONS:
        tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])


def make_news_tokenizer_nlp(lang: str = "de") -> Language:
    """A blank pipeline whose tokenizer has the news rules (used by training and tests)."""
    import spacy

    nlp = spacy.blank(lang)
    customize_tokenizer(nlp)
    return nlp


def token_texts(nlp: Language, text: str) -> list[str]:
    return [token.text for token in nlp.make_doc(text)]
