"""The columnar reader of ICEWS event files (private).

The columns are :data:`conflictevents.formats.icews.COLUMNS`, and the answers the typed
reader's: actors, places, publishers and event codes are made by its own functions once per
distinct combination of the cells they depend on; ids, dates and numbers are checked with
:mod:`pyarrow.compute`; any other row is read by the typed row reader (see
:mod:`conflictevents.tables._tabular`). The header line is checked before the blocks: a file
whose first line is not the ICEWS header is the typed reader's, whole.
"""

from __future__ import annotations

from typing import Any

from conflictevents.formats import icews
from conflictevents.formats._policy import ErrorPolicy
from conflictevents.model import Classification, Event
from conflictevents.model import Source as EventSource
from conflictevents.tables._kernels import (
    Distinct,
    digits,
    extras_column,
    listed_column,
    mask,
    numbers_ok,
    pa,
    pc,
    record_batch,
)
from conflictevents.tables._tabular import (
    Found,
    Started,
    TabBatches,
    Warned,
    checked,
    day_stamps,
    row_of,
)

__all__ = ["HEADER", "IcewsBatches"]

HEADER = icews._HEADER.encode("utf-8")
"""The header line the columnar reader takes (any other first line: the typed reader)."""

_MISSING = pa.array(list(icews.MISSING))


class IcewsBatches(TabBatches):
    """Turns the lines of an ICEWS file (after its header) into record batches."""

    def __init__(self, name: str, source: str, policy: ErrorPolicy, max_field: int) -> None:
        super().__init__(name, {len(icews.COLUMNS): icews.COLUMNS}, source, policy, max_field)
        self._codes = Distinct(checked(self._event_code))
        self._actors = {side: Distinct(checked(self._actor(side))) for _, side in icews._SIDES}
        self._places = Distinct(checked(self._place))
        self._publishers = Distinct(checked(self._publisher))

    # -- values per distinct key (the typed reader's own functions) -------------------------

    @staticmethod
    def _event_code(code: str) -> tuple[Classification, ...] | None:
        from conflictevents.codes import cameo

        if not (cameo.is_event_code(code) and cameo.event(code).code == code):
            return None  # unknown (a warning) or not a code (an error): the typed reader's
        return (Classification("cameo", code),)

    @staticmethod
    def _actor(side: str) -> Any:
        columns = (f"{side} Name", f"{side} Country")

        def compute(key: str) -> tuple[Any]:
            return (icews._actor(row_of(columns, key), side),)

        return compute

    @staticmethod
    def _place(key: str) -> tuple[Any]:
        return (icews._place(row_of(icews._PLACE_COLUMNS, key)),)

    @staticmethod
    def _publisher(cell: str) -> tuple[EventSource, ...]:
        publisher = icews._value(cell)
        return (EventSource(name=publisher),) if publisher is not None else ()

    # -- a block ----------------------------------------------------------------------------

    def _parse(self, text: str, number: int) -> tuple[Event, list[Warned]]:
        event, notes = icews._parse_line(text, self.source, number, self.max_field, self.eol)
        return event, [(code, reason, column, value, code == "unknown-code")
                       for code, reason, column, value in notes]

    def _check(self, cells: dict[str, Any], columns: tuple[str, ...]
               ) -> tuple[Any, dict[str, Any]]:
        date = cells["Event Date"]
        ok = digits(cells["Event ID"])
        ok &= mask(pc.match_substring_regex(date, r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))
        stamps, ok = day_stamps(date, ok, "%Y-%m-%d", 5, 8)
        missing = {column: mask(pc.is_in(cells[column], value_set=_MISSING))
                   for column in ("Intensity", "Story ID", "Sentence Number")}
        ok &= missing["Intensity"] | numbers_ok(cells["Intensity"], optional=False,
                                                limit=10.0)
        for column in ("Story ID", "Sentence Number"):
            ok &= missing[column] | digits(cells[column])
        found = Found(ok, stamps)
        found.distinct("codes", self._codes([cells["CAMEO Code"]]))
        for n, side in icews._SIDES:
            found.distinct(f"actor{n}", self._actors[side]([cells[f"{side} Name"],
                                                            cells[f"{side} Country"]]))
        found.distinct("location", self._places([cells[c] for c in icews._PLACE_COLUMNS]))
        found.distinct("sources", self._publishers([cells["Publisher"]]))
        return found.ok, found.values

    def _build(self, cells: dict[str, Any], columns: tuple[str, ...], ok: Any,
               values: dict[str, Any]) -> Any:
        start = Started(cells, columns, ok, values, "Event ID")
        cells, out = start.cells, start.out
        out["classifications"] = listed_column("classifications", *start.spread("codes"))
        for n in (1, 2):
            start.flat(f"actor{n}", f"actor{n}")
        start.flat("location", "location")
        out["sources"] = listed_column("sources", *start.spread("sources"))
        keys: list[str] = list(columns[2:])
        texts: list[Any] = [cells[column] for column in keys]
        if self.eol is not None:
            keys.append(icews.EOL_KEY)
            texts.append(self.eol)
        out["extras"] = extras_column(self.name, keys, texts, start.size)
        return record_batch(out)
