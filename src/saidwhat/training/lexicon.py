"""Build the German lexicon files from the LanguageTool full-form dictionary.

Reads ``german-pos-dict-*.tsv.xz`` (FORM, LEMMA, Morphy TAG; CC BY-SA 4.0) as a stream and
writes two small files into ``language/de/data``:

- ``subjunctive_forms.txt``: finite verb forms that are Konjunktiv I or II in the third
  person and never third-person indicative ("habe", "sei", "werde", "würden", "hätte"),
  the main surface signal of German indirect speech;
- ``cue_forms.tsv``: every inflected form of the cue-verb lemmas in ``cue_lemmas.tsv``,
  with the separated particle for particle verbs ("teilte" + "mit" for mitteilen).
"""

from __future__ import annotations

import lzma
from collections import defaultdict
from pathlib import Path

SEPARABLE_PARTICLES = (
    "bekannt", "hinzu", "zurück", "vorher", "klar", "fest", "dar", "mit", "ein", "aus",
    "vor", "hin", "an", "zu", "ab", "auf",
)  # fmt: skip
FINITE_PREFIXES = ("VER:1:", "VER:2:", "VER:3:", "VER:AUX:", "VER:MOD:")


def read_cue_lemmas(path: Path) -> dict[str, tuple[str, bool]]:
    lemmas: dict[str, tuple[str, bool]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, medium, reported = line.split("\t")
        lemmas[lemma] = (medium, reported.strip() == "1")
    return lemmas


def split_particle(lemma: str, verb_lemmas: set[str]) -> tuple[str, str]:
    for particle in SEPARABLE_PARTICLES:
        stem = lemma[len(particle) :]
        if lemma.startswith(particle) and stem in verb_lemmas:
            return particle, stem
    return "", lemma


def _is_finite(tag: str) -> bool:
    return tag.startswith(FINITE_PREFIXES) and ":IMP" not in tag and ":INF" not in tag


def build_german_lexicon(pos_dict: Path, out_dir: Path) -> dict[str, int]:
    cue_lemmas = read_cue_lemmas(out_dir / "cue_lemmas.tsv")
    third_subjunctive: set[str] = set()
    third_indicative: set[str] = set()
    forms_by_lemma: dict[str, set[tuple[str, str]]] = defaultdict(set)
    verb_lemmas: set[str] = set()
    with lzma.open(pos_dict, "rt", encoding="utf-8") as stream:
        for line in stream:
            if line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3:
                continue
            form, lemma, tag = parts
            if not tag.startswith("VER:"):
                continue
            verb_lemmas.add(lemma)
            if _is_finite(tag) and ":3:" in tag:
                if ":KJ1" in tag or ":KJ2" in tag:
                    third_subjunctive.add(form)
                elif ":PRÄ" in tag or ":PRT" in tag:
                    third_indicative.add(form)
            forms_by_lemma[lemma].add((form, tag))
    subjunctive = sorted(f for f in third_subjunctive - third_indicative if f.islower())
    (out_dir / "subjunctive_forms.txt").write_text("\n".join(subjunctive) + "\n", encoding="utf-8")

    rows: set[tuple[str, str, str]] = set()
    for lemma in cue_lemmas:
        particle, stem = split_particle(lemma, verb_lemmas)
        for form, _tag in forms_by_lemma.get(lemma, ()):
            rows.add((form, lemma, ""))
        if particle:
            # Main-clause forms of particle verbs split: "teilte ... mit".
            for form, tag in forms_by_lemma.get(stem, ()):
                if _is_finite(tag) and ":NEB" not in tag:
                    rows.add((form, lemma, particle))
    lines = [f"{form}\t{lemma}\t{particle}" for form, lemma, particle in sorted(rows)]
    (out_dir / "cue_forms.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"subjunctive_forms": len(subjunctive), "cue_forms": len(rows)}
