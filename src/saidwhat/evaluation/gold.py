"""Gold quotations from any supported corpus format, chosen by what the path holds.

- a folder of ``*.json`` files: wikinews-de-quotes;
- a folder of brat ``.ann``/``.txt`` files, or PolNeAR's ``text/`` + ``attributions/``;
- a ``.tar.xz`` (or a folder holding exactly one, like ``../shared/data/polnear``): PolNeAR's
  release archive, of which ``split`` is read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from saidwhat.errors import UserInputError
from saidwhat.evaluation.brat import read_brat_annotator_pairs, read_brat_archive, read_brat_folder
from saidwhat.evaluation.wikinews import GoldDocument, read_gold_folder

ARCHIVE_SUFFIXES = (".tar.xz", ".tar.gz", ".tgz", ".tar")


def _is_archive(path: Path) -> bool:
    return path.is_file() and path.name.endswith(ARCHIVE_SUFFIXES)


def gold_format(path: Path) -> str:
    """ "wikinews", "brat" or "brat-archive" (a user error when it is none of them)."""
    if _is_archive(path):
        return "brat-archive"
    if path.is_dir():
        if any(path.glob("*.json")):
            return "wikinews"
        if any(path.glob("*.ann")) or (path / "attributions").is_dir():
            return "brat"
        if len([p for p in path.iterdir() if _is_archive(p)]) == 1:
            return "brat-archive"
    raise UserInputError(
        str(path), "not gold data (a folder of wikinews-de-quotes JSON, of brat .ann/.txt, or a brat .tar.xz)"
    )


def _located(path: Path, split: str) -> tuple[str, Path]:
    """The format at ``path`` and the path to read: a corpus folder with split subfolders
    (``wikinews-de-quotes/{train,dev}``) is read at ``path/split``, a folder holding one
    release archive at that archive."""
    if (path / split).is_dir():
        path = path / split
    kind = gold_format(path)
    if kind == "brat-archive" and path.is_dir():
        path = next(p for p in path.iterdir() if _is_archive(p))
    return kind, path


def read_gold(path: Path, split: str = "dev") -> Iterator[GoldDocument]:
    """The gold documents at ``path``."""
    kind, path = _located(path, split)
    if kind == "wikinews":
        return read_gold_folder(path)
    if kind == "brat":
        return read_brat_folder(path)
    return read_brat_archive(path, split)


def read_annotator_pairs(path: Path, split: str = "dev") -> Iterator[tuple[GoldDocument, GoldDocument]]:
    """Two annotators' gold documents of every article annotated twice; only brat corpora
    (PolNeAR) keep more than one annotation per article."""
    kind, path = _located(path, split)
    if kind == "wikinews":
        raise UserInputError(
            str(path), "wikinews-de-quotes keeps one annotation per article: no agreement to measure"
        )
    return read_brat_annotator_pairs(path, split)
