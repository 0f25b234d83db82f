"""Text keys the store indexes: stemmed search tokens and MinHash LSH band keys.

SQLite's FTS5 has no stemmer for German, so tokens are stemmed here with Snowball (the same
algorithms PostgreSQL's text-search configurations use) and stored in a column that FTS5
indexes with its plain ``unicode61`` tokenizer. Each language names its Snowball stemmer in
its ``language.json`` (``text_search.stemmer``); text in a language without one is stored
unstemmed. A query word is stemmed in every language and any stem, or the word itself, may
match, because a query does not say its language.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from functools import cache, lru_cache
from itertools import chain, pairwise

import numpy as np
import snowballstemmer
from datasketch import MinHash

TOKEN = re.compile(r"\w+", re.UNICODE)

# MinHash over word bigrams, 20 permutations in 10 bands of 2 rows: a quote and its
# half-length truncation (Jaccard 0.5) share a band with probability 0.94, at Jaccard 0.4
# with 0.83, so truncated and edited copies become candidates; candidates are then checked
# exactly (trace.py). Word rather than character shingles keep hashing cheap at ingest.
NUM_PERM = 20
BANDS = 10
ROWS = NUM_PERM // BANDS
_MASK63 = np.uint64(0x7FFFFFFFFFFFFFFF)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_BAND_SALT = (np.arange(BANDS, dtype=np.uint64) + np.uint64(1)) * np.uint64(0xC2B2AE3D27D4EB4F)


@cache
def stemmer_names() -> dict[str, str]:
    """Language code -> Snowball algorithm, from the language profiles."""
    from saidwhat.language import default_registry

    return {p.code: p.stemmer for p in default_registry().profiles() if p.stemmer}


@cache
def postgres_configs() -> dict[str, str]:
    """Language code -> PostgreSQL text-search configuration (``text_search.postgresql`` in
    each profile; "simple", no stemming, where a language names none)."""
    from saidwhat.language import default_registry

    return {p.code: p.text_search for p in default_registry().profiles()}


def _sql_name(name: str) -> str:
    # Configuration names go into DDL, where no bind parameters exist: allow only plain names.
    if not re.fullmatch(r"[a-z_][a-z0-9_-]*", name):
        raise ValueError(f"not a text-search configuration name: {name!r}")
    return name


def postgres_vector(configs: dict[str, str]) -> str:
    """The tsvector of a quotation in its article's language's configuration; a language
    without one (or added after the column was built) is indexed unstemmed ("simple")."""
    branches = " ".join(
        f"WHEN '{_sql_name(code)}' THEN '{_sql_name(config)}'::regconfig"
        for code, config in sorted(configs.items())
    )
    return f"to_tsvector(CASE language {branches} ELSE 'simple'::regconfig END, coalesce(quote_text, ''))"


def postgres_query_configs() -> list[str]:
    """The configurations a query is parsed in: every language's, and "simple" for text
    indexed unstemmed (a query does not say its language)."""
    return sorted({_sql_name(config) for config in postgres_configs().values()} | {"simple"})


class _NoStemmer:
    """For text in a language that names no stemmer: words are kept as they are."""

    def stemWord(self, word: str) -> str:
        return word


@lru_cache(maxsize=8)
def _stemmer(language: str) -> snowballstemmer.stemmer | _NoStemmer:
    name = stemmer_names().get(language)
    if name is None:
        return _NoStemmer()
    stemmer = snowballstemmer.stemmer(name)
    if hasattr(stemmer, "maxCacheSize"):
        # PyStemmer's word cache (default 10,000) is too small for news vocabulary.
        stemmer.maxCacheSize = 300_000
    return stemmer


def stem(word: str, language: str) -> str:
    return _stemmer(language).stemWord(word)


def tokens(text: str) -> list[str]:
    return TOKEN.findall(unicodedata.normalize("NFC", text).casefold())


def stemmed(text: str, language: str) -> str:
    """The text as space-separated stems in its language (what FTS5 indexes)."""
    return stemmed_tokens(tokens(text), language)


class _Stems(dict[str, str]):
    """Stems of one language, memoised: news vocabulary repeats, and a dict lookup per word
    costs a fraction of a stemmer call (even PyStemmer's, with its own cache)."""

    LIMIT = 1 << 19

    def __init__(self, language: str) -> None:
        super().__init__()
        self.stemmer = _stemmer(language)

    def __missing__(self, word: str) -> str:
        if len(self) >= self.LIMIT:
            self.clear()
        value = self[word] = self.stemmer.stemWord(word)
        return value


@lru_cache(maxsize=8)
def _stems(language: str) -> _Stems:
    return _Stems(language)


def stemmed_tokens(words: list[str], language: str) -> str:
    """``stemmed`` of already tokenised text (the writer tokenises each quote once)."""
    stems = _stems(language)
    return " ".join(map(stems.__getitem__, words))


def fts5_query(words: str) -> str | None:
    """An FTS5 MATCH expression: every word, as its stem in any language or as itself."""
    clauses = []
    for token in tokens(words):
        stems = sorted({token} | {stem(token, code) for code in stemmer_names()})
        clauses.append("(" + " OR ".join(f'"{stem}"' for stem in stems) + ")")
    return " AND ".join(clauses) or None


def normalise(text: str) -> str:
    """Case, punctuation and spacing removed: what near-duplicate matching compares."""
    return " ".join(tokens(text))


def shingles(text: str) -> set[str]:
    """Word bigrams of the normalised text (a one-word quote is its word)."""
    words = tokens(text)
    if len(words) < 2:
        return set(words)
    return {f"{a} {b}" for a, b in pairwise(words)}


_POLY = np.uint64(0x100000001B3)
_MAX_HASH = np.uint64((1 << 32) - 1)
_PRIME = np.uint64((1 << 61) - 1)


class _WordHashes(dict[str, int]):
    """crc32 of words, memoised: news vocabulary repeats, and ``map(memo.__getitem__, ...)``
    then runs without a Python call per known word. crc32 is deterministic across processes
    (unlike hash()); the permutations spread it."""

    LIMIT = 1 << 20

    def __missing__(self, word: str) -> int:
        if len(self) >= self.LIMIT:
            self.clear()
        value = self[word] = zlib.crc32(word.encode("utf-8"))
        return value


_WORD_HASHES = _WordHashes()


def _word_hash(word: str) -> int:
    return _WORD_HASHES[word]


def _fold(values: np.ndarray) -> np.ndarray:
    return ((values >> np.uint64(29)) ^ values) & _MAX_HASH


def shingle_hash(data: bytes) -> int:
    """The 32-bit hash of one shingle (UTF-8 bytes of one word or two words and a space)."""
    value = np.uint64(0)
    with np.errstate(over="ignore"):
        for word in data.decode("utf-8").split(" "):
            value = value * _POLY + np.uint64(_word_hash(word))
    return int(_fold(np.array([value], dtype=np.uint64))[0])


_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=1).permutations


def minhash(text: str) -> MinHash:
    """The reference MinHash of a quote (datasketch); ``signatures`` computes the same values."""
    reference = MinHash(num_perm=NUM_PERM, hashfunc=shingle_hash, seed=1, permutations=_PERMUTATIONS)
    reference.update_batch([g.encode("utf-8") for g in shingles(text)])
    return reference


def _permute(hashes: np.ndarray) -> np.ndarray:
    """datasketch's ``(h * a + b) % (2**61 - 1) & (2**32 - 1)`` for every hash and permutation."""
    a, b = _PERMUTATIONS
    with np.errstate(over="ignore"):
        product = hashes[:, None] * a + b  # wraps modulo 2**64, as in datasketch
    # x mod (2**61 - 1) without a division: fold the high bits onto the low ones.
    reduced = (product & _PRIME) + (product >> np.uint64(61))
    reduced = np.where(reduced >= _PRIME, reduced - _PRIME, reduced)
    return reduced & _MAX_HASH


def signatures(texts: list[str]) -> np.ndarray:
    """MinHash signatures of many quotes at once, shape (len(texts), NUM_PERM).

    The same values as datasketch's ``MinHash.update_batch`` with ``shingle_hash`` and its
    permutations (a test checks this), computed for a whole batch in a few numpy passes,
    because a MinHash object per quote costs more than the rest of a write. A duplicate
    shingle changes no minimum, so no set is needed. Empty quotes keep datasketch's empty
    value (all max).
    """
    return token_signatures([tokens(text) for text in texts])


def token_signatures(word_lists: list[list[str]]) -> np.ndarray:
    """``signatures`` of already tokenised texts."""
    result = np.full((len(word_lists), NUM_PERM), _MAX_HASH, dtype=np.uint64)
    filled = [i for i, words in enumerate(word_lists) if words]
    if not filled:
        return result
    lengths = np.array([len(word_lists[i]) for i in filled], dtype=np.intp)
    flat = np.fromiter(
        chain.from_iterable(map(_WORD_HASHES.__getitem__, word_lists[i]) for i in filled),
        dtype=np.uint64,
        count=int(lengths.sum()),
    )
    with np.errstate(over="ignore"):
        pairs = np.empty_like(flat)
        pairs[:-1] = flat[:-1] * _POLY + flat[1:]
    last = np.cumsum(lengths) - 1
    # A text's shingles: its bigrams (never across texts), or its single word.
    keep = np.ones(len(flat), dtype=bool)
    keep[last] = False
    single = last[lengths == 1]
    keep[single] = True
    pairs[single] = flat[single]
    counts = np.maximum(lengths - 1, 1)
    distinct, inverse = np.unique(_fold(pairs[keep]), return_inverse=True)
    permuted = _permute(distinct)[inverse.reshape(-1)]
    # Each quote's shingles are contiguous, so one reduceat takes every quote's minimum.
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    result[filled] = np.minimum.reduceat(permuted, starts, axis=0)
    return result


def band_keys(texts: list[str]) -> list[list[int]]:
    """Each quote's LSH band keys (signed 63-bit, one per band; none for an empty quote)."""
    keys, empty = band_key_array([tokens(text) for text in texts])
    return [[] if blank else row.tolist() for row, blank in zip(keys, empty, strict=True)]


def band_key_array(word_lists: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
    """Band keys of tokenised texts, shape (texts, BANDS), and which texts are empty."""
    signature = token_signatures(word_lists)
    rows = signature.reshape(len(word_lists), BANDS, ROWS)
    keys = np.broadcast_to(_BAND_SALT, (len(word_lists), BANDS)).copy()
    with np.errstate(over="ignore"):
        for column in range(ROWS):
            keys = (keys ^ rows[:, :, column]) * _MIX
    keys &= _MASK63
    return keys, (signature == _MAX_HASH).all(axis=1)


def band_rows(word_lists: list[list[str]], first_seq: int) -> list[tuple[int, int]]:
    """``(band_key, quotation_seq)`` rows of consecutive quotations, distinct and sorted by
    key, so that inserting them walks the band index in order instead of jumping around."""
    keys, empty = band_key_array(word_lists)
    seqs = np.arange(first_seq, first_seq + len(word_lists), dtype=np.int64)
    # Keys are below 2**63, so the signed view keeps their values and order.
    flat_keys = keys[~empty].astype(np.int64).reshape(-1)
    flat_seqs = np.repeat(seqs[~empty], BANDS)
    if not len(flat_keys):
        return []
    order = np.lexsort((flat_seqs, flat_keys))
    flat_keys, flat_seqs = flat_keys[order], flat_seqs[order]
    # A quote whose two bands hash alike gets one row, as a set of its keys would.
    fresh = np.ones(len(flat_keys), dtype=bool)
    fresh[1:] = (flat_keys[1:] != flat_keys[:-1]) | (flat_seqs[1:] != flat_seqs[:-1])
    return list(zip(flat_keys[fresh].tolist(), flat_seqs[fresh].tolist(), strict=True))


def containment(a: set[str], b: set[str]) -> float:
    """Shared shingles over the smaller set: 1.0 when one quote is a truncation of the other."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
