"""A local archive of pages that feed items link to: a mirror folder or a WARC file.

A mirror folder is laid out as ``wget --mirror`` writes it: ``HOST/PATH``, with
``index.html`` for paths ending in "/" and ".html" tried for paths without a suffix. A WARC
is indexed once, by target URI, on the first lookup; pages are read back by offset.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from saidwhat.errors import UserInputError
from saidwhat.ingest.source import READ_ERRORS

_MAX_PAGE_BYTES = 16 * 1024 * 1024


class PageArchive:
    def __init__(self, roots: list[Path]) -> None:
        for root in roots:
            if not root.exists():
                raise UserInputError(str(root), "no such archive folder or WARC file")
        self.folders = [r for r in roots if r.is_dir()]
        self.warcs = [r for r in roots if r.is_file()]
        self._warc_index: dict[str, tuple[Path, int]] | None = None

    def lookup(self, url: str) -> bytes | None:
        """The archived HTML of ``url``, or None when the archive does not hold it."""
        for folder in self.folders:
            for candidate in _mirror_paths(folder, url):
                if candidate.is_file():
                    try:
                        with candidate.open("rb") as stream:
                            return stream.read(_MAX_PAGE_BYTES)
                    except OSError:
                        return None
        if self.warcs:
            return self._from_warc(url)
        return None

    def _from_warc(self, url: str) -> bytes | None:
        from warcio.archiveiterator import ArchiveIterator

        if self._warc_index is None:
            self._warc_index = {}
            for path in self.warcs:
                self._index_warc(path, self._warc_index)
        hit = self._warc_index.get(_normal(url))
        if hit is None:
            return None
        path, offset = hit
        try:
            with path.open("rb") as stream:
                stream.seek(offset)
                for record in ArchiveIterator(stream):
                    return record.content_stream().read(_MAX_PAGE_BYTES)
        except (*READ_ERRORS, ValueError):
            return None
        return None

    @staticmethod
    def _index_warc(path: Path, index: dict[str, tuple[Path, int]]) -> None:
        from warcio.archiveiterator import ArchiveIterator

        try:
            with path.open("rb") as stream:
                records = ArchiveIterator(stream)
                for record in records:
                    uri = record.rec_headers.get_header("WARC-Target-URI")
                    if record.rec_type in ("response", "resource") and uri:
                        index.setdefault(_normal(uri), (path, records.get_record_offset()))
        except (*READ_ERRORS, ValueError):
            return  # what was indexed before the damage stays usable


def _normal(url: str) -> str:
    parts = urlsplit(url.strip())
    return f"{parts.netloc.lower()}{parts.path or '/'}{'?' + parts.query if parts.query else ''}"


def _mirror_paths(folder: Path, url: str) -> list[Path]:
    parts = urlsplit(url)
    if not parts.netloc:
        return []
    relative = parts.path.lstrip("/")
    if ".." in Path(relative).parts:
        return []
    base = folder / parts.netloc.lower() / relative
    if not relative or parts.path.endswith("/"):
        return [base / "index.html"]
    return [base, base.with_name(base.name + ".html"), base / "index.html"]
