"""The second step: people and near-duplicate quotations grouped over the whole output.

Near-duplicates use the store's MinHash LSH keys (:func:`saidwhat.store.text.band_keys`):
quotations sharing a band key are candidates, a candidate pair is linked when the
containment of their shingle sets reaches :data:`LINK_CONTAINMENT` (a truncated or lightly
edited reprint links to its original), and a group is a connected component of links. A
group's members are ranked earliest first (published, then quote id), and the first one
gives the group its id. Every choice is a function of the data, never of the partitioning,
so :func:`local_quote_groups` (plain Python, one machine) gives the same groups as
:func:`spark_quote_groups`; the tests check that.

People get one identity across articles from the resolver's :class:`PersonIndex` ("Rutte",
"Mark Rutte" and "Generalsekretär Rutte" become one person; two people sharing a surname
stay apart where first name or role tell them apart). The index only ever matches within a
surname block, so Spark runs one index per block, and ``assign_all`` makes ids independent
of the order rows arrive in: the result equals one index over everything
(:func:`local_people`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import combinations
from typing import TYPE_CHECKING, Any

from saidwhat.language import LanguageProfile
from saidwhat.language.profile import default_registry
from saidwhat.records import Person
from saidwhat.resolve.identity import PersonIndex, block_key
from saidwhat.store.text import band_keys, containment, shingles

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import DataFrame, SparkSession

LINK_CONTAINMENT = 0.8
# Sorting key for "earliest first": undated quotations go last.
_LATEST = datetime.max


@dataclass(frozen=True)
class QuoteGroup:
    group_id: str
    size: int
    rank: int


def _order(published: datetime | None, quote_id: str) -> tuple[datetime, str]:
    return (published or _LATEST, quote_id)


def linked(a: str, b: str) -> bool:
    return containment(shingles(a), shingles(b)) >= LINK_CONTAINMENT


def _keyed(rows: Iterable[tuple[str, str]]) -> Iterator[tuple[int, str]]:
    """(band key, quote id) for every band of every quote, computed in numpy batches."""
    batch: list[tuple[str, str]] = []

    def flush() -> Iterator[tuple[int, str]]:
        for (quote_id, _), keys in zip(batch, band_keys([text for _, text in batch]), strict=True):
            for key in keys:
                yield key, quote_id

    for row in rows:
        batch.append(row)
        if len(batch) >= 2048:
            yield from flush()
            batch = []
    yield from flush()


def _rank(members: dict[str, datetime | None], component: dict[str, str]) -> dict[str, QuoteGroup]:
    groups: dict[str, list[str]] = defaultdict(list)
    for quote_id in members:
        groups[component.get(quote_id, quote_id)].append(quote_id)
    result: dict[str, QuoteGroup] = {}
    for ids in groups.values():
        ordered = sorted(ids, key=lambda q: _order(members[q], q))
        for rank, quote_id in enumerate(ordered, start=1):
            result[quote_id] = QuoteGroup(ordered[0], len(ordered), rank)
    return result


def local_quote_groups(rows: Iterable[tuple[str, str, datetime | None]]) -> dict[str, QuoteGroup]:
    """Near-duplicate groups on one machine: (quote id, quote text, published) in, per id out."""
    texts: dict[str, str] = {}
    published: dict[str, datetime | None] = {}
    for quote_id, text, moment in rows:
        texts[quote_id], published[quote_id] = text, moment
    buckets: dict[int, list[str]] = defaultdict(list)
    for key, quote_id in _keyed(texts.items()):
        buckets[key].append(quote_id)
    parent = {quote_id: quote_id for quote_id in texts}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    checked: set[tuple[str, str]] = set()
    for ids in buckets.values():
        for a, b in combinations(sorted(set(ids)), 2):
            if (a, b) in checked:
                continue
            checked.add((a, b))
            if linked(texts[a], texts[b]):
                ra, rb = find(a), find(b)
                parent[max(ra, rb)] = min(ra, rb)
    return _rank(published, {q: find(q) for q in texts})


# --- Spark ----------------------------------------------------------------------------------


def _text_pairs(members: Iterable[tuple[str, str]]) -> Iterator[tuple[tuple[str, str], tuple[str, str]]]:
    return combinations(sorted(set(members)), 2)


def _keyed_with_text(rows: Iterable[tuple[str, str]]) -> Iterator[tuple[int, tuple[str, str]]]:
    rows = list(rows)
    texts = dict(rows)
    for key, quote_id in _keyed(rows):
        yield key, (quote_id, texts[quote_id])


def _union_find(edges: Iterable[tuple[str, str]]) -> dict[str, str]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


def _components(edges: RDD[tuple[str, str]], max_rounds: int = 100) -> RDD[tuple[str, str]]:
    """(quote id, smallest id of its component) by label propagation over undirected edges."""
    both = edges.flatMap(lambda e: [(e[0], e[1]), (e[1], e[0])]).cache()
    labels = both.map(lambda e: (e[0], min(e))).reduceByKey(min).cache()
    for _ in range(max_rounds):
        spread = both.join(labels).map(lambda item: (item[1][0], item[1][1]))
        updated = labels.union(spread).reduceByKey(min)
        # Cut the lineage each round, or every round would recompute all the earlier ones.
        updated.localCheckpoint()
        changed = updated.join(labels).filter(lambda item: item[1][0] != item[1][1]).count()
        labels = updated
        if changed == 0:
            break
    return labels


def spark_quote_groups(
    spark: SparkSession, quotations: DataFrame, driver_edges: int = 2_000_000
) -> DataFrame:
    """quote_id, group_id, group_size, group_rank for every quotation of ``quotations``.

    The costly parts (signatures, candidate pairs, their exact check) run on the executors.
    The links found are few next to the quotations, so up to ``driver_edges`` of them are
    joined into components on the driver; beyond that, by label propagation in Spark.
    """
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    base = quotations.select("quote_id", "quote", "published").cache()
    texts = base.rdd.map(lambda r: (r["quote_id"], r["quote"] or ""))
    buckets = texts.mapPartitions(_keyed_with_text).groupByKey()
    candidates = buckets.flatMap(lambda item: _text_pairs(item[1])).distinct()
    edges = candidates.filter(lambda pair: linked(pair[0][1], pair[1][1])).map(lambda p: (p[0][0], p[1][0]))
    edges = edges.cache()
    if edges.count() <= driver_edges:
        components = sorted(_union_find(edges.collect()).items())
        labels = spark.createDataFrame(components, "quote_id string, component string")
    else:
        labels = spark.createDataFrame(_components(edges), "quote_id string, component string")
    ordered = Window.partitionBy("component").orderBy(F.col("published").asc_nulls_last(), F.col("quote_id"))
    whole = Window.partitionBy("component")
    return (
        base.join(labels, "quote_id", "left")
        .withColumn("component", F.coalesce("component", "quote_id"))
        .withColumn("group_rank", F.row_number().over(ordered))
        .withColumn("group_id", F.first("quote_id").over(ordered.rowsBetween(Window.unboundedPreceding, 0)))
        .withColumn("group_size", F.count("*").over(whole))
        .select("quote_id", "group_id", "group_size", "group_rank")
    )


def _person_of(row: dict[str, Any]) -> Person:
    return Person(id=row["person_id"], name=row["name"], kind=row["kind"], role=row["role"])


def _identities(rows: list[dict[str, Any]], index: PersonIndex) -> list[str]:
    """Global ids for mention rows; ``assign_all`` makes them independent of row order. The
    language of a mention's article decides how its role is compared."""
    profiles: dict[str, LanguageProfile] = {p.code: p for p in default_registry().profiles()}
    return index.assign_all(
        (_person_of(row) for row in rows), profiles=[profiles.get(row["language"]) for row in rows]
    )


def _aggregate(identity: str, rows: list[dict[str, Any]], index: PersonIndex) -> dict[str, Any]:
    entry = index.get(identity)
    first = rows[0]
    dates = [r["published"] for r in rows if r["published"] is not None]
    return {
        "person_id": identity,
        "name": entry.name if entry else first["name"],
        "kind": entry.kind if entry else first["kind"],
        "roles": sorted({r["role"] for r in rows if r["role"]}),
        "mentions": sorted({r["mention"] for r in rows}),
        "local_ids": sorted({r["person_id"] for r in rows}),
        "quotations": len({r["quote_id"] for r in rows if r["as"] == "speaker"}),
        "addressed": len({r["quote_id"] for r in rows if r["as"] == "addressee"}),
        "articles": len({r["article_id"] for r in rows}),
        "outlets": sorted({r["outlet"] for r in rows}),
        "languages": sorted({r["language"] for r in rows}),
        "first_published": min(dates) if dates else None,
        "last_published": max(dates) if dates else None,
    }


def _grouped(rows: list[dict[str, Any]], index: PersonIndex) -> Iterator[dict[str, Any]]:
    by_identity: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row, identity in zip(rows, _identities(rows, index), strict=True):
        by_identity[identity].append(row)
    for identity, members in by_identity.items():
        yield _aggregate(identity, members, index)


PERSON_SCHEMA = (
    "person_id string, name string, kind string, roles array<string>, mentions array<string>, "
    "local_ids array<string>, quotations long, addressed long, articles long, outlets array<string>, "
    "languages array<string>, first_published timestamp_ntz, last_published timestamp_ntz"
)
_PERSON_FIELDS = (
    "person_id", "name", "kind", "role", "mention", "as", "quote_id", "article_id", "outlet", "language",
    "published",
)  # fmt: skip


def local_people(rows: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """People over all mentions with one PersonIndex on one machine, by global id."""
    return {person["person_id"]: person for person in _grouped(list(rows), PersonIndex())}


def _block(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    # A person can only match inside its surname block, so a block's own index gives the
    # ids the whole-corpus index gives.
    yield from _grouped(list(rows), PersonIndex())


def spark_people(spark: SparkSession, people: DataFrame) -> DataFrame:
    """One row per person identity (:class:`PersonIndex` per surname block); equals :func:`local_people`."""
    mentions = people.select(*(f"`{name}`" for name in _PERSON_FIELDS)).rdd.map(lambda r: r.asDict())
    blocks = mentions.map(lambda row: (block_key(_person_of(row)), row)).groupByKey()
    return spark.createDataFrame(blocks.flatMap(lambda item: _block(item[1])), PERSON_SCHEMA)
