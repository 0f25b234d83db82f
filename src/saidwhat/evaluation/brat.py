"""Reader for attribution corpora in brat standoff (PolNeAR): a ``.ann`` beside each ``.txt``.

PolNeAR annotates, per attribution, a Source (speaker), a Cue and a Content (the quote),
with no addressee or frame, and no quotation type. saidwhat's type follows the corpus
guidelines' distinction: Direct where every word of the content lies inside quotation
marks, Indirect otherwise (mixed quotes stay whole, as Indirect). Offsets are Python string
indices into the UTF-8 text, so they need no conversion.

Three layouts are read: a folder of ``name.txt`` + ``name.ann`` (plain brat), PolNeAR's
split folder (``text/name.txt`` + ``attributions/name_<annotator>.ann``), and PolNeAR's
release archive (``*.tar.xz`` holding ``data/<split>/...``), read in place. Where several
annotators did one article, the first annotator (by file name) is taken, so every article
is scored once; the second annotator is scored against the first for the annotators'
agreement (``saidwhat eval agreement``), the ceiling the same metric puts on a system.
"""

from __future__ import annotations

import re
import tarfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from saidwhat.errors import UserInputError
from saidwhat.evaluation.metric import tokens_touched
from saidwhat.evaluation.wikinews import GoldDocument, GoldQuotation, GoldToken
from saidwhat.extract.quotemarks import pair_quotation_marks
from saidwhat.records import ROLE_NAMES

BRAT_PARTS = ("quote", "cue", "speaker")
ROLE_OF_LABEL = {"Content": "quote", "Cue": "cue", "Source": "speaker"}
# Gold tokens for the token-based metric: words (with inner apostrophes, hyphens and
# decimal points) and single punctuation marks.
TOKEN = re.compile(r"\w+(?:[’'.,\-]\w+)*|[^\w\s]")
ANNOTATOR_SUFFIX = re.compile(r"_[0-9a-f]{2,8}$")


def gold_tokens(text: str) -> list[GoldToken]:
    return [GoldToken(m.start(), m.end(), 0) for m in TOKEN.finditer(text)]


def _parse_spans(field: str, text: str) -> list[tuple[int, int]] | None:
    spans = []
    for piece in field.split(";"):
        try:
            start, end = (int(x) for x in piece.split())
        except ValueError:
            return None
        if not 0 <= start < end <= len(text):
            return None
        spans.append((start, end))
    return spans


def parse_annotations(text: str, ann: str) -> list[dict[str, list[tuple[int, int]]]]:
    """Attributions as role -> character spans; malformed or mismatching lines are skipped
    (the corpus has a few), never fatal."""
    spans_of: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[list[str]] = []
    for line in ann.splitlines():
        columns = line.split("\t")
        if line.startswith("T") and len(columns) >= 3:
            label, _, positions = columns[1].partition(" ")
            spans = _parse_spans(positions, text)
            if spans is None:
                continue
            if columns[2] and " ".join(text[s:e] for s, e in spans).split() != columns[2].split():
                continue  # the text does not match the offsets
            spans_of[columns[0]] = (label, spans)
        elif line.startswith("E") and len(columns) >= 2:
            events.append(columns[1].split())
    attributions = []
    for arguments in events:
        roles: dict[str, list[tuple[int, int]]] = {}
        for argument in arguments[1:]:
            label, _, target = argument.partition(":")
            role = ROLE_OF_LABEL.get(re.sub(r"\d+$", "", label))
            if role is not None and target in spans_of:
                roles.setdefault(role, []).extend(spans_of[target][1])
        if roles.get("quote"):
            attributions.append(roles)
    return attributions


def _is_direct(text: str, spans: list[tuple[int, int]], quoted: list[bool]) -> bool:
    words = [i for s, e in spans for i in range(s, e) if text[i].isalnum()]
    return bool(words) and all(quoted[i] for i in words)


def brat_document(name: str, path: Path, text: str, ann: str) -> GoldDocument:
    tokens = gold_tokens(text)
    quoted = [False] * len(text)
    for pair in pair_quotation_marks(text)[0]:
        for i in range(pair.start, pair.end):
            quoted[i] = True
    quotations = []
    for roles in parse_annotations(text, ann):
        chars = {role: sorted(roles.get(role, [])) for role in ROLE_NAMES}
        ids = {role: tokens_touched(tokens, spans) for role, spans in chars.items()}
        kind = "Direct" if _is_direct(text, chars["quote"], quoted) else "Indirect"
        quotations.append(GoldQuotation(kind, "", ids, chars))
    return GoldDocument(name, path, text, tokens, quotations, parts=BRAT_PARTS)


@dataclass(frozen=True)
class BratArticle:
    """One article's text and every annotator's .ann text, sorted by file name."""

    stem: str
    path: Path
    text: str
    annotations: list[str]

    def gold(self, annotator: int = 0) -> GoldDocument:
        return brat_document(self.stem, self.path, self.text, self.annotations[annotator])


def _by_article(names: Iterable[str]) -> dict[str, list[str]]:
    """Article stem -> its .ann file names, sorted (PolNeAR appends ``_<annotator>``)."""
    articles: dict[str, list[str]] = {}
    for name in sorted(names):
        articles.setdefault(ANNOTATOR_SUFFIX.sub("", Path(name).stem), []).append(name)
    return articles


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UserInputError(str(path), f"cannot read ({error})") from None


def _folder_articles(folder: Path) -> Iterator[BratArticle]:
    text_folder = folder / "text" if (folder / "text").is_dir() else folder
    ann_folder = folder / "attributions" if (folder / "attributions").is_dir() else folder
    anns = {p.name: p for p in ann_folder.glob("*.ann")}
    articles = _by_article(anns)
    if not articles:
        raise UserInputError(str(folder), "no .ann files in this folder")
    for stem, ann_names in sorted(articles.items()):
        text_path = text_folder / f"{stem}.txt"
        if not text_path.exists():
            text_path = text_folder / f"{Path(ann_names[0]).stem}.txt"
        if not text_path.exists():
            raise UserInputError(str(anns[ann_names[0]]), "no .txt file beside this .ann file")
        yield BratArticle(stem, text_path, _read(text_path), [_read(anns[name]) for name in ann_names])


def _archive_articles(archive: Path, split: str) -> Iterator[BratArticle]:
    """The articles of one split of PolNeAR's release archive, read without unpacking it."""
    texts: dict[str, str] = {}
    anns: dict[str, str] = {}
    prefix = f"data/{split}/"
    try:
        with tarfile.open(archive, "r:*") as tar:
            for member in tar:
                if not member.isfile() or not member.name.startswith(prefix):
                    continue
                relative = member.name[len(prefix) :]
                handle = tar.extractfile(member)
                if handle is None:
                    continue
                if relative.startswith("text/") and relative.endswith(".txt"):
                    texts[Path(relative).stem] = handle.read().decode("utf-8")
                elif relative.startswith("attributions/") and relative.endswith(".ann"):
                    anns[Path(relative).name] = handle.read().decode("utf-8")
    except (OSError, tarfile.TarError, UnicodeDecodeError) as error:
        raise UserInputError(str(archive), f"not a readable brat archive ({error})") from None
    articles = _by_article(anns)
    if not articles:
        raise UserInputError(str(archive), f"no annotations of split {split!r} (data/{split}/attributions/)")
    for stem, ann_names in sorted(articles.items()):
        if stem in texts:
            path = archive / prefix / "text" / f"{stem}.txt"
            yield BratArticle(stem, path, texts[stem], [anns[name] for name in ann_names])


def read_brat_folder(folder: Path) -> Iterator[GoldDocument]:
    """One gold document per article: where several annotators did it, the first (by file
    name), so every article is scored once."""
    for article in _folder_articles(folder):
        yield article.gold()


def read_brat_archive(archive: Path, split: str) -> Iterator[GoldDocument]:
    for article in _archive_articles(archive, split):
        yield article.gold()


def read_brat_annotator_pairs(path: Path, split: str) -> Iterator[tuple[GoldDocument, GoldDocument]]:
    """The first two annotators' documents of every article that two or more annotated
    (``path``: a brat folder or a release archive)."""
    articles = _archive_articles(path, split) if path.is_file() else _folder_articles(path)
    for article in articles:
        if len(article.annotations) >= 2:
            yield article.gold(0), article.gold(1)
