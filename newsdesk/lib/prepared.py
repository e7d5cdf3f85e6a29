"""Fixed-shape queries of the hot path: built and compiled by the ORM once per process and
database, then run again with new values.

On an indexed read, building a queryset and compiling it costs more than the database
takes to answer (docs/performance.md). A `Prepared` query is written as an ordinary
queryset, made by a function from keyword arguments. It is made once with stand-in values
(`sentinels`), compiled, and each of its SQL parameters is matched to the stand-in it came
from (a constant of the query, such as a status, stays as compiled). Each run puts the real
values in their places and converts the rows as the ORM would (times, JSON, booleans).

`shape` arguments are those the SQL itself depends on (a LIMIT is written into it): each
shape is compiled once. `union_rows` runs the query for several sets of values as one
statement (`UNION ALL`), one round trip, each arm keeping its own ORDER BY and LIMIT.
"""

import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import connections, router
from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class _Compiled:
    sql: str
    # For each parameter: the sentinel's name it takes its value from, or None and the constant.
    slots: list[tuple[str | None, object]]
    compiler: Any  # Django's SQLCompiler: its converters and their expressions
    converters: dict


def _adapted(value: object, alias: str) -> object:
    """A value as the ORM hands it to the driver (SQLite takes times and UUIDs as text)."""
    connection = connections[alias]
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, date):
        return connection.ops.adapt_datefield_value(value)
    if isinstance(value, uuid.UUID) and not connection.features.has_native_uuid_field:
        return value.hex
    return value


class Prepared:
    def __init__(self, model: type[Model], build: Callable[..., QuerySet], **sentinels: object) -> None:
        self._model = model
        self._build = build
        self._sentinels = sentinels
        self._compiled: dict[tuple, _Compiled] = {}

    def _compile(self, alias: str, shape: Mapping[str, object]) -> _Compiled:
        qs = self._build(**self._sentinels, **shape).using(alias)
        compiler = qs.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        adapted = {name: _adapted(value, alias) for name, value in self._sentinels.items()}
        slots: list[tuple[str | None, object]] = []
        for param in params:
            names = [name for name, value in adapted.items() if type(value) is type(param) and value == param]
            if len(names) > 1:
                raise ValueError(f"sentinels {names} have the same value: give each its own")
            slots.append((names[0], None) if names else (None, param))
        unused = set(self._sentinels) - {name for name, _constant in slots}
        if unused:
            raise ValueError(f"sentinels {sorted(unused)} are not parameters of the query (a shape argument?)")
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        return _Compiled(sql=sql, slots=slots, compiler=compiler, converters=compiler.get_converters(fields))

    def _prepared(self, shape: Mapping[str, object]) -> tuple[str, _Compiled]:
        alias = router.db_for_read(self._model)
        key = (alias, *sorted(shape.items()))
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = self._compile(alias, shape)
        return alias, compiled

    def _params(self, compiled: _Compiled, alias: str, values: Mapping[str, object]) -> list[Any]:
        return [_adapted(values[name], alias) if name else constant for name, constant in compiled.slots]

    def _run(self, alias: str, compiled: _Compiled, sql: str, params: list[Any]) -> list[tuple]:
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if compiled.converters:
            rows = compiled.compiler.apply_converters(rows, compiled.converters)
        return [tuple(row) for row in rows]

    def rows(self, *, shape: Mapping[str, object] | None = None, **values: object) -> list[tuple]:
        alias, compiled = self._prepared(shape or {})
        return self._run(alias, compiled, compiled.sql, self._params(compiled, alias, values))

    def union_rows(
        self, each: Iterable[Mapping[str, object]], *, shape: Mapping[str, object] | None = None
    ) -> list[tuple]:
        """The rows of every arm, as one statement; each arm's rows in its own order, but
        the arms' order is the database's: tell them apart by a column of their own."""
        each = list(each)
        if not each:
            return []
        alias, compiled = self._prepared(shape or {})
        # The ORM's own SQL, with placeholders for every value: nothing of the values is in it.
        arms = [f"SELECT * FROM ({compiled.sql}) AS arm{n}" for n in range(len(each))]  # noqa: S608
        params = [param for values in each for param in self._params(compiled, alias, values)]
        return self._run(alias, compiled, " UNION ALL ".join(arms), params)


def columns_with(model: type[Model], relations: Iterable[str] = ()) -> list[str]:
    """For `values_list`: every column of `model`, then those of each of its foreign keys
    in `relations` (as `select_related` reads them), so a prepared row can become the
    instances the ORM would have made (`instance_with`)."""
    names = [field.name for field in model._meta.concrete_fields]
    for relation in relations:
        related = model._meta.get_field(relation).related_model
        names += [f"{relation}__{field.name}" for field in related._meta.concrete_fields]  # type: ignore[union-attr]
    return names


def instance_with(model: type[Model], row: tuple, relations: Iterable[str] = (), *, fetch_mode: Any = None) -> Model:
    """The instance of a row read with `columns_with`, its relations filled in as
    `select_related` fills them (None where the key is empty)."""
    alias = router.db_for_read(model)
    size = len(model._meta.concrete_fields)
    # A full row: from_db needs no field names (it reads them only for a partial one).
    made = model.from_db(alias, (), row[:size], fetch_mode=fetch_mode)
    start = size
    for relation in relations:
        field = model._meta.get_field(relation)
        related: Any = field.related_model
        width = len(related._meta.concrete_fields)
        values = row[start : start + width]
        start += width
        target = None
        if getattr(made, field.attname) is not None:  # type: ignore[union-attr]
            target = related.from_db(alias, (), values, fetch_mode=fetch_mode)
        made._state.fields_cache[relation] = target
    return made
