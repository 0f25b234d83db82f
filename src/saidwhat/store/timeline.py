"""A person's quotations over time: counts per month."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from saidwhat.errors import UserInputError
from saidwhat.store import models
from saidwhat.store.database import Store
from saidwhat.store.query import people_matching

Q = models.Quotation


@dataclass
class Month:
    month: str  # YYYY-MM, or "undated"
    count: int


@dataclass
class Timeline:
    people: list[tuple[str, str]]  # (id, name)
    months: list[Month]

    @property
    def total(self) -> int:
        return sum(m.count for m in self.months)


def timeline(store: Store, person: str) -> Timeline:
    with store.engine.connect() as connection:
        ids = people_matching(connection, person)
        if not ids:
            raise UserInputError(person, "no person in the store matches this id or name")
        P = models.Person
        names = connection.execute(select(P.id, P.name).where(P.id.in_(ids)).order_by(P.id)).all()
        if store.dialect == "postgresql":
            month = func.to_char(Q.published, "YYYY-MM")
        else:
            month = func.strftime("%Y-%m", Q.published)
        month = month.label("month")
        statement = select(month, func.count()).where(Q.speaker_id.in_(ids)).group_by(month).order_by(month)
        months = [Month(m or "undated", int(n)) for m, n in connection.execute(statement)]
    # Undated quotations are counted but listed after the dated months.
    months.sort(key=lambda m: (m.month == "undated", m.month))
    return Timeline(people=[(i, n) for i, n in names], months=months)
