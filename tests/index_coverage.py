"""Which declared index serves a query, by the ESR rule, and which queries name their shard key.

A query is served when one index the documents declare (or `_id`'s) has, as a prefix, every field
the filter tests by equality (a value, `$eq`, `$in`, `$all`, `$elemMatch`), then the sort's fields
in order (all in the index's directions or all reversed; fields fixed by equality drop out of the
sort), then every other field the filter tests (ranges, patterns, `$ne`, `$exists`...). A filter
that fixes `_id` or every field of a unique index reads at most one document per value, whatever
else it says. A top-level `$or` is served when each branch, with the rest of the filter, is. A
partial index serves only queries whose equalities imply its filter expression (an operator in it
asks only that the query test that field). Equality `$in` lists ahead of the sort that make more
than EXPLODE_LIMIT index scans together are not served: MongoDB then sorts every match in memory.
An index whose first key the branch neither fixes, bounds nor sorts on is not used by a server
(it reads the collection whole): not served, and neither is a branch that tests no field and asks
no sort.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bson.regex import Regex

# MongoDB merges one index scan per `$in` value to keep an index's order for up to this many
# values (internalQueryMaxScansToExplode); past it the plan sorts every match in memory.
EXPLODE_LIMIT = 200
EQUALITY_OPERATORS = {"$eq", "$in", "$all", "$elemMatch"}
LOGICAL = {"$and", "$or", "$nor"}


@dataclass(frozen=True)
class Index:
    keys: tuple[tuple[str, int], ...]
    unique: bool = False
    partial: tuple[tuple[str, object], ...] = ()

    def __str__(self) -> str:
        return "(" + ", ".join(f"{'-' if d < 0 else ''}{name}" for name, d in self.keys) + ")"


@dataclass
class Query:
    collection: str
    operation: str
    filter: dict
    sort: tuple[tuple[str, int], ...]
    site: str
    hot: bool = False  # made by an API request itself, not a task or a signal receiver

    def __str__(self) -> str:
        sort = ", ".join(f"{'-' if d < 0 else ''}{name}" for name, d in self.sort)
        return (
            f"{self.collection}.{self.operation} at {self.site}: {_brief(self.filter)} sort({sort})"
        )


@dataclass
class Conjunction:
    """One branch of a filter: each tested field and how (its equality values, if any)."""

    equal: dict[str, list] = field(default_factory=dict)
    other: set[str] = field(default_factory=set)
    unindexable: bool = False
    scans: dict[str, int] = field(default_factory=dict)  # index scans per equality field

    def merged(self, other: Conjunction) -> Conjunction:
        equal, scans = {**self.equal}, {**self.scans}
        for name, values in other.equal.items():
            equal[name] = equal.get(name, []) + values
            scans[name] = min(scans.get(name, other.scans[name]), other.scans[name])
        return Conjunction(
            equal=equal,
            other=self.other | other.other,
            unindexable=self.unindexable or other.unindexable,
            scans=scans,
        )


def _brief(value, depth: int = 0):
    """The filter with long lists cut, for messages."""
    if isinstance(value, dict):
        return {key: _brief(item, depth + 1) for key, item in value.items()}
    if isinstance(value, list):
        shown = [_brief(item, depth + 1) for item in value[:3]]
        return [*shown, f"... {len(value)} values"] if len(value) > 3 else shown
    return value


def _field(name: str, condition) -> Conjunction:
    if isinstance(condition, (re.Pattern, Regex)):
        return Conjunction(other={name})  # a pattern scans a range of keys at best
    operators = isinstance(condition, dict) and any(key.startswith("$") for key in condition)
    if not operators:
        return Conjunction(equal={name: [condition]}, scans={name: 1})
    if name == "_id" and list(condition) == ["$ne"]:
        return Conjunction()  # leaves out one document at most: nothing for an index to do
    equal = [condition[op] for op in EQUALITY_OPERATORS if op in condition]
    if equal:
        scans = len(condition["$in"]) if isinstance(condition.get("$in"), list) else 1
        return Conjunction(equal={name: equal}, scans={name: scans})
    return Conjunction(other={name})


def branches(spec: dict) -> list[Conjunction]:
    """The filter as a disjunction of conjunctions (its top-level and nested `$or`s expanded)."""
    plain = Conjunction()
    alternatives: list[list[Conjunction]] = []
    for key, condition in spec.items():
        if key == "$and":
            for clause in condition:
                alternatives.append(branches(clause))
        elif key == "$or":
            alternatives.append([b for clause in condition for b in branches(clause)])
        elif key == "$nor":
            plain = plain.merged(
                Conjunction(other={name for clause in condition for name in field_names(clause)})
            )
        elif key.startswith("$"):
            plain = plain.merged(Conjunction(unindexable=True))
        else:
            plain = plain.merged(_field(key, condition))
    result = []
    for combination in itertools.product(*alternatives):
        conjunction = plain
        for part in combination:
            conjunction = conjunction.merged(part)
        result.append(conjunction)
    return result


def field_names(spec: dict) -> set[str]:
    """Every field a filter tests, inside its logical operators too."""
    names = set()
    for key, condition in spec.items():
        if key in LOGICAL:
            for clause in condition:
                names |= field_names(clause)
        elif not key.startswith("$"):
            names.add(key)
    return names


def _implies(conjunction: Conjunction, partial: tuple[tuple[str, object], ...]) -> bool:
    for name, expected in partial:
        if isinstance(expected, dict):
            if name not in conjunction.equal and name not in conjunction.other:
                return False
            continue
        values = conjunction.equal.get(name)
        if not values or any(value != expected for value in values):
            return False
    return True


def serves(index: Index, conjunction: Conjunction, sort: tuple[tuple[str, int], ...]) -> bool:
    """Whether `index` serves one branch of a filter with this sort, by the ESR rule."""
    if conjunction.unindexable or not _implies(conjunction, index.partial):
        return False
    names = [name for name, _ in index.keys]
    if index.unique and set(names) <= set(conjunction.equal):
        return True
    equal = set(conjunction.equal)
    position = 0
    while position < len(names) and names[position] in equal:
        position += 1
    if set(names[:position]) != equal:
        return False
    order = [(name, d) for name, d in sort if name not in equal]
    if position == 0 and not order and names[0] not in conjunction.other:
        return False  # nothing bounds the index's first key: a server reads the collection
    if order:
        if math.prod(conjunction.scans[name] for name in names[:position]) > EXPLODE_LIMIT:
            return False
        window = index.keys[position : position + len(order)]
        if [name for name, _ in window] != [name for name, _ in order]:
            return False
        signs = {d * wanted for (_, d), (_, wanted) in zip(window, order, strict=True)}
        if len(signs) != 1:
            return False
    return conjunction.other - equal <= set(names[position:])


def served(query: Query, indexes: Sequence[Index]) -> bool:
    """Whether every branch of the query is served by some declared index (one each)."""
    return all(
        any(serves(index, conjunction, query.sort) for index in indexes)
        for conjunction in branches(query.filter)
    )


def names_shard_key(query: Query, shard_key: tuple[str, ...]) -> bool:
    """Whether every branch of the filter fixes each shard key field by equality or `$in`."""
    return all(
        all(name in conjunction.equal for name in shard_key)
        for conjunction in branches(query.filter)
    )


@functools.cache
def indexes_of(document) -> tuple[Index, ...]:
    """The indexes a MongoEngine document declares, `_id`'s first (read once per document)."""
    declared = [Index(keys=(("_id", 1),), unique=True)]
    for spec in document._meta.get("index_specs") or []:
        partial = spec.get("partialFilterExpression") or {}
        declared.append(
            Index(
                keys=tuple((name, int(d)) for name, d in spec["fields"]),
                unique=bool(spec.get("unique")),
                partial=tuple(partial.items()),
            )
        )
    return tuple(declared)


@dataclass(frozen=True)
class Exempt:
    """A deliberate exception: queries on `collection` ("*": any) made at `site` (and, when
    `applies` is given, only those it accepts) are not held to the rules it names, for the
    reason `why`."""

    collection: str
    site: str
    why: str
    index: bool = True  # exempt from the ESR rule
    shard_key: bool = False  # exempt from naming the shard key
    scans: bool = False  # reads its (small) collection whole: a server shows a COLLSCAN
    applies: Callable[[Query], bool] = lambda query: True

    def covers(self, query: Query) -> bool:
        return (
            self.collection in ("*", query.collection)
            and query.site == self.site
            and self.applies(query)
        )


def problems(queries: list[Query], documents: dict, exempt: list[Exempt]) -> list[str]:
    """What is wrong with the recorded queries: each one no declared index serves, and each hot
    one on a sharded collection whose filter leaves out the shard key (but the exempted ones)."""
    found = []
    for query in queries:
        excused = [entry for entry in exempt if entry.covers(query)]
        document = documents.get(query.collection)
        indexes = indexes_of(document) if document else [Index(keys=(("_id", 1),), unique=True)]
        if not any(entry.index for entry in excused) and not served(query, indexes):
            found.append(f"no declared index serves {query}")
        shard_key = tuple(document._meta.get("shard_key") or ()) if document else ()
        if (
            shard_key
            and query.hot
            and not any(entry.shard_key for entry in excused)
            and not names_shard_key(query, shard_key)
        ):
            found.append(f"the shard key {', '.join(shard_key)} is not named by {query}")
    return list(dict.fromkeys(found))
