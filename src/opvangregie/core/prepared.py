"""Read queries compiled once per shape and run again with new values (ADR 12).

The "as known on" reads of the capacity records are querysets of a dozen nested expressions
(`capacity.selectors`). Building and compiling one took 3–7 ms, where running it took less than
1 ms: most of the time of a location page, and of the overview after a registration. The rule
stays written once, as a queryset; `rows` compiles it once per shape (the same builder, the
same number of ids) per database connection, with stand-in values, and afterwards only puts
the new values in the parameters of that SQL and converts the rows as Django would.

Only values that Django passes as parameters can change between runs: ids, dates and moments.
Anything else that shapes the SQL (a kind, a flag) is part of the shape and compiled apart.
"""

import itertools
import threading
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet

# Per database connection (one per thread): the compiler holds that connection.
_compiled: "weakref.WeakKeyDictionary[object, dict]" = weakref.WeakKeyDictionary()
_lock = threading.Lock()


@dataclass(frozen=True)
class _Compiled:
    compiler: object  # the SQLCompiler, kept for its row converters
    sql: str
    params: tuple
    slots: tuple[tuple[int, str, int | None], ...]  # (position, argument, index in a list)


def rows(name: str, build: Callable[..., QuerySet], **arguments) -> list[tuple]:
    """The rows of `build(**arguments)`, a `values_list` queryset, as that queryset gives them.

    Arguments are ints, dates, aware datetimes or sequences of ints (the values that change);
    strings, booleans and None are part of the shape. `name` names the builder.
    """
    if any(isinstance(value, (list, tuple, set, frozenset)) and not value
           for value in arguments.values()):
        return list(build(**arguments))  # an empty IN list: Django answers without a query
    connection = connections[DEFAULT_DB_ALIAS]
    shape = (name, tuple(sorted((key, _shape_of(value)) for key, value in arguments.items())))
    with _lock:  # the mapping is shared by the threads; each uses only its own connection's
        per_connection = _compiled.setdefault(connection, {})
    compiled = per_connection.get(shape)
    if compiled is None:
        compiled = per_connection[shape] = _compile(connection, build, arguments)
    params = list(compiled.params)
    # Each sequence made a list once (a set has no index), not once per slot.
    values = {key: list(value) if _shape_of(value)[0] == "ids" else value
              for key, value in arguments.items()}
    for position, key, index in compiled.slots:
        value = values[key] if index is None else values[key][index]
        params[position] = _adapt(connection, value)
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, params)
        fetched = cursor.fetchall()
    return list(compiled.compiler.results_iter(results=[fetched], tuple_expected=True))


def _shape_of(value):
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return ("constant", value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return ("ids", len(value))
    if isinstance(value, (int, date)):  # datetime is a date
        return (type(value).__name__,)
    raise TypeError(f"Not a value a prepared query can take: {type(value).__name__}")


def _stand_ins(arguments: dict) -> dict:
    """A value per argument that no query contains otherwise, of the same kind."""
    serial = itertools.count(1)

    def stand_in(value):
        if isinstance(value, datetime):
            return datetime(1000 + next(serial), 1, 2, 3, 4, 5, tzinfo=UTC)
        if isinstance(value, date):
            return date(1000 + next(serial), 1, 3)
        return 987_654_000 + next(serial)

    result = {}
    for key, value in arguments.items():
        kind = _shape_of(value)[0]
        if kind == "constant":
            result[key] = value
        elif kind == "ids":
            result[key] = [stand_in(0) for _ in value]
        else:
            result[key] = stand_in(value)
    return result


def _adapt(connection, value):
    """The parameter Django passes for `value` (as a field's `get_db_prep_value` would)."""
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, date):
        return connection.ops.adapt_datefield_value(value)
    return value


def _compile(connection, build: Callable[..., QuerySet], arguments: dict) -> _Compiled:
    stand_ins = _stand_ins(arguments)
    queryset = build(**stand_ins)
    compiler = queryset.query.get_compiler(connection=connection)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet as error:  # pragma: no cover - only empty lists do this, see rows()
        raise ValueError("A prepared query must not be empty for its stand-in values") from error
    slots: list[tuple[int, str, int | None]] = []
    for key, value in stand_ins.items():
        if _shape_of(arguments[key])[0] == "constant":
            continue
        members: Sequence = value if isinstance(value, list) else [value]
        for index, member in enumerate(members):
            wanted = _adapt(connection, member)
            found = [position for position, param in enumerate(params)
                     if type(param) is type(wanted) and param == wanted]
            if not found:
                # The value went into the SQL text itself, or was changed on the way: this
                # query cannot be prepared.
                raise ValueError(f"{key!r} is not a parameter of the query")
            slots += [(position, key, index if isinstance(value, list) else None)
                      for position in found]
    return _Compiled(compiler, sql, tuple(params), tuple(slots))
