"""The German base layer: tokenizer rules, corpus readers, Konjunktiv rules (no model needed)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from saidwhat.errors import UserInputError
from saidwhat.language.de.tokenizer import make_news_tokenizer_nlp
from saidwhat.training.base_data import UDSentence, UDToken, read_conllu, read_germeval, wikinews_train_split
from saidwhat.training.base_rules import (
    FormInfo,
    konjunktiv_patterns,
    person_patterns,
    upos_patterns,
    verb_form_patterns,
)


@pytest.fixture(scope="module")
def news_nlp() -> spacy.language.Language:
    return make_news_tokenizer_nlp()


def _tokens(nlp: spacy.language.Language, text: str) -> list[str]:
    doc = nlp.make_doc(text)
    # Offsets are exact: every token is the slice of the text at its own offset.
    assert doc.text == text
    for token in doc:
        assert text[token.idx : token.idx + len(token.text)] == token.text
    return [t.text for t in doc]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("„Wir gehen“, sagte er.", ["„", "Wir", "gehen", "“", ",", "sagte", "er", "."]),
        ('Er sagte:"Ende".', ["Er", "sagte", ":", '"', "Ende", '"', "."]),
        ("im Jahr 2021.„Ja“", ["im", "Jahr", "2021", ".", "„", "Ja", "“"]),
        ("‚Nein‘ und »Ja« und «Gut»", ["‚", "Nein", "‘", "und", "»", "Ja", "«", "und", "«", "Gut", "»"]),
        ("Dr. Müller – ein Mann", ["Dr.", "Müller", "–", "ein", "Mann"]),
        ("z. B. u. a. 3 Mio. Euro", ["z.", "B.", "u.", "a.", "3", "Mio.", "Euro"]),
        ("am 05.11.2024, 09:20 Uhr", ["am", "05.11.2024", ",", "09:20", "Uhr"]),
        ("der NATO-Generalsekretär zur US-Wahl", ["der", "NATO-Generalsekretär", "zur", "US-Wahl"]),
        ("von 2017-2021 im Amt", ["von", "2017-2021", "im", "Amt"]),
        ("am 5. Mai geht's los", ["am", "5.", "Mai", "geht's", "los"]),
        ("2 Mrd. Dollar (ca. 10 Prozent)", ["2", "Mrd.", "Dollar", "(", "ca.", "10", "Prozent", ")"]),
    ],
)
def test_news_tokenizer(news_nlp: spacy.language.Language, text: str, expected: list[str]) -> None:
    assert _tokens(news_nlp, text) == expected


def test_tokenizer_rules_survive_serialization(news_nlp: spacy.language.Language, tmp_path: Path) -> None:
    news_nlp.to_disk(tmp_path / "nlp")
    loaded = spacy.load(tmp_path / "nlp")
    text = 'Er sagte:"Wir bleiben 2017-2021 im Amt" – so Abg. Meier.'
    assert _tokens(loaded, text) == _tokens(news_nlp, text)


CONLLU = """# sent_id = t1
# text = Er ging zum Amt.
1\tEr\ter\tPRON\tPPER\tCase=Nom|Number=Sing|Person=3\t2\tnsubj\t_\t_
2\tging\tgehen\tVERB\tVVFIN\tMood=Ind|Tense=Past\t0\troot\t_\t_
3-4\tzum\t_\t_\t_\t_\t_\t_\t_\t_
3\tzu\tzu\tADP\tAPPR\t_\t5\tcase\t_\t_
4\tdem\tder\tDET\tART\tCase=Dat|Gender=Neut\t5\tdet\t_\t_
5\tAmt\tAmt\tNOUN\tNN\tCase=Dat\t2\tobl\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t$.\t_\t2\tpunct\t_\t_

"""


def test_conllu_reader_merges_contractions(tmp_path: Path) -> None:
    path = tmp_path / "x.conllu.gz"
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        stream.write(CONLLU)
    (sentence,) = list(read_conllu(path))
    assert [t.form for t in sentence.tokens] == ["Er", "ging", "zum", "Amt", "."]
    zum = sentence.tokens[2]
    assert (zum.xpos, zum.upos, zum.lemma, zum.feats) == ("APPRART", "ADP", "zu", "Case=Dat|Gender=Neut")
    assert [t.space_after for t in sentence.tokens] == [True, True, True, False, True]


def test_conllu_reader_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.conllu"
    path.write_text("1\tEr\ter\n", encoding="utf-8")
    with pytest.raises(UserInputError, match=r"bad.conllu:1"):
        list(read_conllu(path))


def test_germeval_reader_maps_labels(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv.gz"
    rows = [
        "#\tsource",
        "1\tAnna\tB-PER\tO",
        "2\tMüller\tI-PER\tO",
        "3\taus\tO\tO",
        "4\tdeutschen\tB-LOCderiv\tO",
        "5\tHeft\tB-OTH\tO",
        "",
    ]
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        stream.write("\n".join(rows) + "\n")
    (sentence,) = list(read_germeval(path))
    assert sentence.labels == ["B-PER", "I-PER", "O", "O", "B-MISC"]


def test_wikinews_dev_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserInputError, match="quotation model"):
        wikinews_train_split(tmp_path / "dev")


def _ruler_doc(words: list[str], tags: list[str]) -> Doc:
    analyses = {
        "habe": FormInfo({"Sing"}, {"Pres"}, {"haben"}, first_singular_indicative=True),
        "hätte": FormInfo({"Sing"}, {"Past"}, {"haben"}),
        "seien": FormInfo({"Plur"}, {"Pres"}, {"sein"}),
        "prüfe": FormInfo({"Sing"}, {"Pres"}, {"prüfen"}, first_singular_indicative=True),
    }
    nlp = spacy.blank("de")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(konjunktiv_patterns(analyses))
    return ruler(Doc(nlp.vocab, words=words, tags=tags))


def test_konjunktiv_rules_mark_third_person_forms() -> None:
    doc = _ruler_doc(["Er", "habe", "es", "geprüft"], ["PPER", "VAFIN", "PPER", "VVPP"])
    assert doc[1].morph.to_dict() == {
        "Mood": "Sub",
        "Number": "Sing",
        "Person": "3",
        "Tense": "Pres",
        "VerbForm": "Fin",
    }
    assert doc[1].lemma_ == "haben"
    doc = _ruler_doc(["Sie", "seien", "da"], ["PPER", "VAFIN", "ADV"])
    assert doc[1].morph.get("Mood") == ["Sub"] and doc[1].morph.get("Number") == ["Plur"]


def test_konjunktiv_rules_respect_ich_and_the_tagger() -> None:
    doc = _ruler_doc(["Ich", "habe", "es"], ["PPER", "VAFIN", "PPER"])
    assert doc[1].morph.get("Mood") == ["Ind"] and doc[1].morph.get("Person") == ["1"]
    doc = _ruler_doc(["Das", "hätte", "ich", "gewusst"], ["PDS", "VAFIN", "PPER", "VVPP"])
    assert doc[1].morph.get("Mood") == ["Sub"] and doc[1].morph.get("Person") == ["1"]
    # Not a finite verb by the tagger: left alone.
    doc = _ruler_doc(["die", "Prüfe"], ["ART", "NN"])
    assert str(doc[1].morph) == ""


def test_verb_form_follows_the_tag() -> None:
    nlp = spacy.blank("de")
    ruler = nlp.add_pipe("attribute_ruler")
    labels = ["Mood=Sub|Number=Sing|Person=3|Tense=Past|POS=AUX", "Tense=Past|POS=VERB"]
    ruler.add_patterns(verb_form_patterns(labels))
    doc = Doc(
        nlp.vocab,
        words=["Er", "sollte", "gesagt"],
        tags=["PPER", "VMFIN", "VVPP"],
        morphs=["", "Mood=Sub|Number=Sing|Person=3|Tense=Past", "Tense=Past"],
    )
    doc = ruler(doc)
    assert str(doc[1].morph) == "Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin"
    assert str(doc[2].morph) == "VerbForm=Part"


def test_person_names_from_first_names() -> None:
    nlp = spacy.blank("de")
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    ruler.add_patterns(person_patterns({"Ursula", "Anna"}))
    doc = nlp("Heute sprach Ursula von der Leyen mit Anna Müller und Ursula.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Ursula von der Leyen", "PER"), ("Anna Müller", "PER")]


def _ud(*tokens: tuple[str, str, str]) -> UDSentence:
    return UDSentence("s", [UDToken(form, form, upos, xpos, "_", True) for form, xpos, upos in tokens])


def test_upos_follows_the_tag_with_word_exceptions() -> None:
    gold = [
        _ud(("Er", "PPER", "PRON"), ("ist", "VAFIN", "AUX"), ("da", "ADV", "ADV")),
        _ud(("Sie", "PPER", "PRON"), ("hat", "VAFIN", "AUX"), ("so", "ADV", "ADV")),
        _ud(("Es", "PPER", "PRON"), ("gibt", "VVFIN", "VERB")),
        _ud(("So", "ADV", "CCONJ"), ("ist", "VAFIN", "AUX")),
        _ud(("so", "ADV", "CCONJ"), ("sei", "VAFIN", "VERB")),
    ]
    nlp = spacy.blank("de")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(upos_patterns(gold))
    doc = ruler(
        Doc(
            nlp.vocab,
            words=["So", "hat", "sie", "gegeben"],
            tags=["ADV", "VAFIN", "PPER", "VVPP"],
            pos=["ADV", "VERB", "PRON", "VERB"],
        )
    )
    # "so" is CCONJ twice and ADV once in gold: its own majority beats the tag's (ADV).
    assert [t.pos_ for t in doc] == ["CCONJ", "AUX", "PRON", "VERB"]
