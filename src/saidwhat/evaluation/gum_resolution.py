"""An English speaker-resolution gold set from GUM dev: attribution sources and coreference.

GUM's eRST layer (``gum-en-erst``) marks the source tokens of each attribution ("Mr.
Tedeschi also told the court"); GUM's coreference (``gum-en``, WebAnno TSV) says which
entity those tokens are and which mentions corefer with it. A source mention then has a
gold referent in the resolver's terms:

- a person or organisation cluster with a proper-name mention ("Mark Tedeschi") refers to
  that name in its fullest form (the other names are aliases);
- any other cluster (a person never named, "officials", "a study") is ``anonymous``.

First- and second-person mentions ("I", "we", "you") are left out: inside an interview or
a speech they refer to whoever speaks, which is discourse structure, not resolution. So are
mentions that are already the full name. Only the dev split is read. The documents are
written in the wikinews-de-quotes JSON shape that ``saidwhat eval resolve`` reads, with the
text rebuilt from GUM's tokens and offsets (tokens separated by spaces, one sentence per
line), so the figures measure resolution on tokenised text.

    python -m saidwhat.evaluation.gum_resolution --data ../shared/data --out /tmp/gum-resolve
    saidwhat eval resolve --lang en --data /tmp/gum-resolve/docs --gold /tmp/gum-resolve/gold.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import tarfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

FIRST_SECOND_PERSON = frozenset({"i", "me", "my", "we", "us", "our", "you", "your"})
PRONOUNS = FIRST_SECOND_PERSON | {"he", "him", "his", "she", "her", "it", "its", "they", "them", "their"}
MAX_SOURCE_TOKENS = 8  # longer "sources" are clauses or lists, no speaker mention
DETERMINERS = frozenset({"the", "a", "an"})
_ENTITY = re.compile(r"^([\w-]+)\[(\d+)\]$")
_RELATION = re.compile(r"^(\d+-\d+)\[(\d+)_(\d+)\]$")
_SOURCE = re.compile(r"semantic-attribution_source-([\d,-]+?)-(?:gold|_)")


@dataclass
class Token:
    text: str
    start: int
    end: int
    sentence: int


@dataclass
class Entity:
    kind: str
    tokens: list[int] = field(default_factory=list)  # document token indices, 0-based


@dataclass
class GumDocument:
    name: str
    tokens: list[Token]
    entities: dict[int, Entity]
    cluster_of: dict[int, int]

    @property
    def text(self) -> str:
        chars = [" "] * (self.tokens[-1].end if self.tokens else 0)
        for index, token in enumerate(self.tokens):
            chars[token.start : token.end] = token.text
            if index and token.sentence != self.tokens[index - 1].sentence and token.start > 0:
                chars[token.start - 1] = "\n"
        return "".join(chars)

    def words(self, indices: list[int]) -> list[str]:
        return [self.tokens[i].text for i in indices]


def read_coref(name: str, content: str) -> GumDocument:
    tokens: list[Token] = []
    entities: dict[int, Entity] = {}
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for line in content.splitlines():
        columns = line.split("\t")
        if line.startswith("#") or len(columns) < 10:
            continue
        start, end = (int(x) for x in columns[1].split("-"))
        tokens.append(Token(columns[2], start, end, int(columns[0].split("-")[0])))
        for annotation in columns[3].split("|"):
            match = _ENTITY.match(annotation)
            if match:
                entity = entities.setdefault(int(match.group(2)), Entity(match.group(1)))
                entity.tokens.append(len(tokens) - 1)
        for relation in columns[9].split("|"):
            match = _RELATION.match(relation)
            if match:
                parent[find(int(match.group(2)))] = find(int(match.group(3)))
    return GumDocument(name, tokens, entities, {e: find(e) for e in entities})


def attribution_sources(content: str) -> list[list[int]]:
    """Source token indices (0-based) of each attribution of an .rsd file."""
    sources = []
    for line in content.splitlines():
        columns = line.split("\t")
        if len(columns) < 10 or not columns[7].startswith("attribution"):
            continue
        match = _SOURCE.search(columns[9])
        if not match:
            continue
        indices: list[int] = []
        for part in match.group(1).split(","):
            first, _, last = part.partition("-")
            indices.extend(range(int(first) - 1, int(last or first)))
        sources.append(sorted(set(indices)))
    return sources


def _proper_name(words: list[str], is_role: Callable[[str], bool]) -> str:
    """The mention as a name without article or title, or "" when it is not a name ("the
    Crown" -> "Crown", "Secretary Cardona" -> "Cardona")."""
    for stop in (",", "("):  # "Mark Tedeschi , QC": the name before its post-nominals
        words = words[: words.index(stop)] if stop in words else words
    while words and (words[0].lower() in DETERMINERS or (len(words) > 1 and is_role(words[0]))):
        words = words[1:]
    if any(w.lower() in PRONOUNS for w in words):
        return ""
    if not words or len(words) > 5 or words[-1].lower() in FIRST_SECOND_PERSON:
        return ""
    if not all(w[:1].isupper() and w.replace(".", "").replace("-", "").isalpha() for w in words):
        return ""
    if len(words) == 1 and (len(words[0]) < 2 or words[0].lower() in {"he", "she", "it", "they"}):
        return ""
    return " ".join(w for w in words if not w.endswith("."))  # no "Mr." or "Dr."


def gold_referent(
    document: GumDocument, source: list[int], is_role: Callable[[str], bool]
) -> dict[str, object] | None:
    """The gold record of one source mention, or None when it is left out (see above)."""
    if len(source) > MAX_SOURCE_TOKENS or source[-1] - source[0] >= MAX_SOURCE_TOKENS:
        return None
    covering = [e for e, entity in document.entities.items() if set(source) <= set(entity.tokens)]
    exact = [e for e in covering if set(document.entities[e].tokens) == set(source)]
    inside = [e for e, entity in document.entities.items() if set(entity.tokens) <= set(source)]
    candidates = exact or sorted(covering, key=lambda e: len(document.entities[e].tokens))
    if not candidates:
        # The source is wider than an entity ("the Crown prosecutor , Mark Tedeschi"):
        # take the widest person or organisation inside it.
        inside = [e for e in inside if document.entities[e].kind in {"person", "organization"}]
        candidates = sorted(inside, key=lambda e: -len(document.entities[e].tokens))
    if not candidates:
        return None
    entity_id = candidates[0]
    entity = document.entities[entity_id]
    mention_words = document.words(source)
    if any(w.lower() in FIRST_SECOND_PERSON for w in mention_words):
        return None
    cluster = [e for e, root in document.cluster_of.items() if root == document.cluster_of[entity_id]]
    names = [_proper_name(document.words(document.entities[e].tokens), is_role) for e in cluster]
    # The fullest name; written in capitals only where the text has no other spelling.
    names = sorted({n for n in names if n}, key=lambda n: (-len(n.split()), n.isupper(), n))
    kind = {"person": "person", "organization": "organisation"}.get(entity.kind)
    if kind and names:
        if _proper_name(mention_words, is_role) == names[0]:
            return None  # already the full name: nothing to resolve
        return {"kind": kind, "name": names[0], "aliases": names[1:]}
    return {"kind": "anonymous", "name": ""}


def archive_members(archive: Path, split: str, folder: str, suffix: str) -> dict[str, str]:
    """The ``<split>/<folder>*<suffix>`` files of a GUM archive by name (suffix removed), in
    archive order."""
    found = {}
    with tarfile.open(archive, "r:xz") as tar:
        for member in tar:
            if member.isfile() and f"{split}/{folder}" in member.name and member.name.endswith(suffix):
                handle = tar.extractfile(member)
                if handle is not None:
                    found[Path(member.name).name.removesuffix(suffix)] = handle.read().decode("utf-8")
    return found


def build(data: Path, out: Path, genres: tuple[str, ...] = ()) -> dict[str, int]:
    """Write ``out/docs/<name>.json`` and ``out/gold.jsonl``; return counts."""
    coref = archive_members(data / "gum-en" / "gum-train-dev-noreddit.tar.xz", "dev", "coref_tsv/", ".tsv")
    erst_archive = next((data / "gum-en-erst").glob("*.tar.xz"))
    rsd = archive_members(erst_archive, "dev", "", ".rsd")
    from saidwhat.language import get_language
    from saidwhat.resolve.lexicon import lexicon_for

    is_role = lexicon_for(get_language("en")).is_role
    (out / "docs").mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = defaultdict(int)
    with (out / "gold.jsonl").open("w", encoding="utf-8") as gold_file:
        for name in sorted(coref):
            if name not in rsd or (genres and name.split("_")[1] not in genres):
                continue
            document = read_coref(name, coref[name])
            text = document.text
            annotations, golds = [], []
            for source in attribution_sources(rsd[name]):
                first, last = document.tokens[source[0]], document.tokens[source[-1]]
                annotations.append(
                    {
                        "type": "Direct",
                        "speaker": {
                            "spans": [{"charBegin": first.start, "charEnd": last.end}],
                            "tokenIds": list(range(source[0], source[-1] + 1)),
                        },
                    }
                )
                referent = gold_referent(document, source, is_role)
                if referent is None:
                    counts["left out"] += 1
                    continue
                golds.append(
                    {
                        "document": name,
                        "quotation": len(annotations) - 1,
                        "mention": text[first.start : last.end],
                        "span": [first.start, last.end],
                        **referent,
                    }
                )
                counts[str(referent["kind"])] += 1
            if not golds:
                continue
            payload = {
                "documentName": name,
                "originalText": text,
                "tokens": [
                    {"charBegin": t.start, "charEnd": t.end, "sentence": t.sentence} for t in document.tokens
                ],
                "annotations": annotations,
            }
            (out / "docs" / f"{name}.json").write_text(
                json.dumps(payload, ensure_ascii=False), encoding="utf-8"
            )
            for gold in golds:
                gold_file.write(json.dumps(gold, ensure_ascii=False) + "\n")
            counts["documents"] += 1
    return dict(counts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--genres", default="", help="comma-separated GUM genres (default: all)")
    args = parser.parse_args()
    genres = tuple(g for g in args.genres.split(",") if g)
    print(json.dumps(build(args.data, args.out, genres)))


if __name__ == "__main__":
    main()
