"""Deduplication by normalised content hash, in memory that grows by 8 bytes an article."""

from __future__ import annotations

from array import array

from saidwhat.records import Document

_INITIAL_SLOTS = 1 << 16


class Deduplicator:
    """Remembers 64 bits of each Document's content hash in an open-addressing table.

    A Python set of hash strings costs about 100 bytes an entry; a multi-gigabyte crawl of
    millions of pages must stay within its memory bound, so the table stores bare integers.
    A false duplicate needs a 64-bit collision: about one in 10^8 for a crawl of 10^5 pages
    and still negligible at 10^6 pages.
    """

    def __init__(self) -> None:
        self._slots = array("Q", bytes(8 * _INITIAL_SLOTS))
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def first_time(self, document: Document) -> bool:
        """True the first time a text is seen; later copies return False."""
        key = int(document.content_hash[:16], 16) or 1  # 0 marks an empty slot
        if not self._insert(self._slots, key):
            return False
        self._count += 1
        if self._count * 2 > len(self._slots):
            self._grow()
        return True

    @staticmethod
    def _insert(slots: array, key: int) -> bool:
        mask = len(slots) - 1
        index = key & mask
        while slots[index]:
            if slots[index] == key:
                return False
            index = (index + 1) & mask
        slots[index] = key
        return True

    def _grow(self) -> None:
        bigger = array("Q", bytes(16 * len(self._slots)))
        for key in self._slots:
            if key:
                self._insert(bigger, key)
        self._slots = bigger
