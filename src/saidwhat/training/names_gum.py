"""First names with gender for a language without a name lexicon of its own (English).

Two open sources, merged:

- the first names of german-pos-dict (``EIG:...:VOR``, CC BY-SA 4.0), which lists
  international first names with their gender ("John", "Jennifer"), read by
  :func:`saidwhat.training.names.first_names_from_pos_dict`;
- GUM's coreference, train split only (``gum-en/gum-train-dev-noreddit.tar.xz``; annotations
  CC BY 4.0): a person cluster that holds a name of two or three capitalised words ("Nick
  Bos") gives the first word as a first name, and the cluster's pronouns give its gender
  ("he", "his" -> m; "she", "her" -> f). Clusters with no gendered pronoun, or both, are
  skipped, and so are words GUM also writes in lower case ("Major", "Saint") or marks as a
  place. Dev is kept for ``saidwhat eval resolve --lang en``.
"""

from __future__ import annotations

import re
import tarfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from saidwhat.language import LanguageProfile

PRONOUN_GENDERS = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}  # fmt: skip
_ENTITY = re.compile(r"^(\w+)\[(\d+)\]$")
_RELATION = re.compile(r"^(\d+-\d+)\[(\d+)_(\d+)\]$")


def _documents(archive: Path, split: str) -> Iterator[str]:
    with tarfile.open(archive, "r:xz") as tar:
        for member in tar:
            if member.isfile() and f"{split}/coref_tsv/" in member.name and member.name.endswith(".tsv"):
                handle = tar.extractfile(member)
                if handle is not None:
                    yield handle.read().decode("utf-8")


def person_clusters(document: str) -> list[list[list[str]]]:
    """Each person cluster of a WebAnno TSV document, as its mentions' words."""
    words: dict[int, list[str]] = defaultdict(list)  # entity id -> words in order
    kinds: dict[int, str] = {}
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for line in document.splitlines():
        if not line or line.startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) < 10:
            continue
        for entity in columns[3].split("|"):
            match = _ENTITY.match(entity)
            if match:
                kinds[int(match.group(2))] = match.group(1)
                words[int(match.group(2))].append(columns[2])
        for relation in columns[9].split("|"):
            match = _RELATION.match(relation)
            if match:
                parent[find(int(match.group(2)))] = find(int(match.group(3)))
    clusters: dict[int, list[int]] = defaultdict(list)
    for entity, kind in kinds.items():
        if kind == "person":
            clusters[find(entity)].append(entity)
    return [[words[e] for e in members] for members in clusters.values()]


def _vocabulary(document: str) -> tuple[set[str], set[str]]:
    """Words written in lower case, and words inside place mentions, of one document."""
    lower, places = set(), set()
    for line in document.splitlines():
        columns = line.split("\t")
        if line.startswith("#") or len(columns) < 4:
            continue
        if columns[2].islower():
            lower.add(columns[2])
        if "place" in columns[3]:
            places.add(columns[2])
    return lower, places


def first_names_from_gum(archive: Path, profile: LanguageProfile) -> dict[str, str]:
    """First name -> genders ("m", "f", "mf") from the train split's person clusters."""
    from saidwhat.resolve.lexicon import lexicon_for

    lexicon = lexicon_for(profile)
    genders: dict[str, set[str]] = defaultdict(set)
    lower: set[str] = set()
    places: set[str] = set()
    for document in _documents(archive, "train"):
        document_lower, document_places = _vocabulary(document)
        lower |= document_lower
        places |= document_places
        for mentions in person_clusters(document):
            gender = {
                PRONOUN_GENDERS[m[0].lower()]
                for m in mentions
                if len(m) == 1 and m[0].lower() in PRONOUN_GENDERS
            }
            if len(gender) != 1:
                continue  # no pronoun, or a cluster that mixes them (a couple, an error)
            for mention in mentions:
                if not 2 <= len(mention) <= 3 or not all(w[:1].isupper() and w.isalpha() for w in mention):
                    continue
                first = mention[0]
                if (
                    len(first) < 2
                    or first.isupper()
                    or lexicon.is_role(first)
                    or first.lower() in lexicon.determiners
                ):
                    continue
                genders[first] |= gender
    return {
        name: "".join(sorted(g, key="mf".index))
        for name, g in sorted(genders.items())
        if name.lower() not in lower and name not in places
    }


def merge_names(*sources: dict[str, str]) -> dict[str, str]:
    """Union of name lists; a name with different genders in two sources becomes "mf"."""
    merged: dict[str, set[str]] = defaultdict(set)
    for source in sources:
        for name, gender in source.items():
            merged[name] |= set(gender)
    return {name: "".join(sorted(g, key="mf".index)) for name, g in sorted(merged.items())}


def write_first_names(names: dict[str, str], path: Path) -> int:
    with path.open("w", encoding="utf-8") as sink:
        sink.write("# First names and their gender (m, f, mf): german-pos-dict EIG:...:VOR (CC BY-SA 4.0)\n")
        sink.write(
            "# and GUM train coreference (CC BY 4.0; person names whose cluster has he/his or she/her).\n"
        )
        sink.write("# Generated by `saidwhat train names --lang en --recipe gum`; CC BY-SA 4.0.\n")
        for name, gender in names.items():
            sink.write(f"{name}\t{gender}\n")
    return len(names)
