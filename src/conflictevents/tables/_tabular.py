"""What the columnar readers of tab-separated formats share (private): a block of lines
becomes a record batch in two steps.

:meth:`TabBatches.vectorised` splits the lines into cells (pyarrow's CSV parser when every
line has the width of one layout, else a split per layout), asks the format's
:meth:`~TabBatches._check` which rows it vouches for, and builds their columns with the
format's :meth:`~TabBatches._build`; it touches no policy or report, so it may run in
another thread. :meth:`TabBatches.finish`, in file order, reads every other row with the
format's typed row reader (:meth:`~TabBatches._parse`), warning and refusing as it does, and
merges all rows in line order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from conflictevents.errors import ParseError
from conflictevents.formats._policy import ErrorPolicy
from conflictevents.model import Event
from conflictevents.tables._kernels import (
    Lines,
    empty_columns,
    flat_columns,
    mask,
    np,
    pa,
    pc,
    pv,
)

__all__ = ["Found", "Started", "TabBatches", "Warned", "checked", "day_stamps", "row_of"]

Warned = tuple[str, str, str, object, bool]
"""A warning the typed row reader found: (code, reason, column, value, once)."""


def row_of(columns: tuple[str, ...], key: str) -> dict[str, str]:
    """The cells of a key of :class:`~conflictevents.tables._kernels.Distinct` by column."""
    return dict(zip(columns, key.split("\t"), strict=True))


def checked(compute: Callable[[str], Any]) -> Callable[[str], Any]:
    """*compute*, with any exception meaning "not for the vectorised path" (``None``)."""
    def run(key: str) -> Any:
        try:
            return compute(key)
        except Exception:  # the typed reader will say what is wrong with the row
            return None

    return run


_PARSE_BLOCK = 1 << 20  # pyarrow parses a larger block in parallel, a MiB per thread


def day_stamps(date: Any, ok: Any, fmt: str, month_at: int, day_at: int) -> tuple[Any, Any]:
    """The days of a date column written in *fmt* (``%Y%m%d``, ``%Y-%m-%d``) as timestamps,
    and *ok* narrowed to the rows whose date is a real date, as the typed readers' round trip
    through :class:`datetime.date` says: pyarrow's strptime takes 2024-02-31 for 2 March,
    so the month and the day must be the ones written (and year 0 is refused)."""
    ok = ok & ~mask(pc.starts_with(date, "0000"))
    stamps = pc.strptime(date, format=fmt, unit="s", error_is_null=True)
    for unit, start in ((pc.month, month_at), (pc.day, day_at)):
        written = pc.cast(pc.if_else(pa.array(ok), pc.utf8_slice_codeunits(
            date, start, start + 2), "0"), pa.int64())
        ok &= mask(pc.equal(unit(stamps), written))
    return stamps, ok


class Found:
    """What a format's check step found: the rows it vouches for (:attr:`ok`, numpy bool)
    and the values per distinct key for the build step (:attr:`values`)."""

    def __init__(self, ok: Any, stamps: Any) -> None:
        self.ok = ok
        self.values: dict[str, Any] = {"stamps": stamps}

    def distinct(self, label: str, found: tuple[list[Any], Any]) -> None:
        """Keep the values of *found* (from :class:`~conflictevents.tables._kernels.Distinct`)
        under *label*; a row whose value is ``None`` is not vouched for."""
        known = np.asarray([value is not None for value in found[0]], dtype=bool)
        if len(found[1]):
            self.ok &= known[found[1]]
        self.values[label] = found


class Started:
    """The build step of the rows a check vouched for: their cells, and the columns every
    day-dated event of a tab-separated format has (id, date, ``"day"`` precision)."""

    def __init__(self, cells: dict[str, Any], columns: tuple[str, ...], ok: Any,
                 values: dict[str, Any], id_column: str) -> None:
        self.values = values
        self.rows = np.flatnonzero(ok)
        self.size = len(self.rows)
        stamps = values["stamps"]
        if self.size != len(ok):
            keep = pa.array(ok)
            cells = {column: cells[column].filter(keep) for column in columns}
            stamps = stamps.filter(keep)
        self.cells = cells
        self.out = empty_columns(self.size)
        self.out["id"] = cells[id_column]
        self.out["date_start"] = self.out["date_end"] = pc.cast(stamps, pa.date32())
        self.out["date_precision"] = pa.array([_DAY] * self.size, pa.string())

    def spread(self, label: str) -> tuple[list[Any], Any]:
        """The distinct values under *label* and each kept row's index into them."""
        found, indices = self.values[label]
        return found, indices[self.rows]

    def flat(self, name: str, label: str) -> None:
        """The flattened columns of field *name* from the one-item tuples under *label*."""
        found, indices = self.spread(label)
        self.out.update(flat_columns(name, [None if item is None else item[0]
                                            for item in found], indices))


_DAY = "day"


def _array(chunked: Any) -> Any:
    return chunked.chunk(0) if chunked.num_chunks == 1 else chunked.combine_chunks()


class TabBatches:
    """Turns the lines of a tab-separated file into record batches, block by block.

    :param name: the format's name.
    :param layouts: field count -> the columns of a row of that many fields.
    :param source: the input's name, for messages.
    :param policy: the read's error policy.
    :param max_field: the longest line accepted, in characters.
    """

    def __init__(self, name: str, layouts: Mapping[int, tuple[str, ...]], source: str,
                 policy: ErrorPolicy, max_field: int) -> None:
        self.name = name
        self.layouts = layouts
        self.source = source
        self.policy = policy
        self.max_field = max_field
        self.eol: str | None = None
        """``"\\r\\n"`` when the file's first line ends so (set before the first block)."""

    # -- what a format gives ----------------------------------------------------------------

    def _check(self, cells: dict[str, Any], columns: tuple[str, ...]
               ) -> tuple[Any, dict[str, Any]]:
        """Which rows (numpy bool) the vectorised path reads exactly as the typed reader,
        and what it found on the way, for :meth:`_build`."""
        raise NotImplementedError

    def _build(self, cells: dict[str, Any], columns: tuple[str, ...], ok: Any,
               values: dict[str, Any]) -> Any:
        """The record batch of the rows *ok*."""
        raise NotImplementedError

    def _parse(self, text: str, number: int) -> tuple[Event, list[Warned]]:
        """The typed reader's row function: the event of line *number* and its warnings
        (raises :class:`~conflictevents.ParseError`)."""
        raise NotImplementedError

    # -- a block ----------------------------------------------------------------------------

    def batch(self, lines: Lines) -> Any | None:
        """The record batch of a block's events in line order (``None`` when it has none)."""
        return self.finish(self.vectorised(lines))

    def vectorised(self, lines: Lines) -> tuple[Lines, list[tuple[Any, Any]], Any]:
        """The first step, which touches no policy or report (it may run in another thread):
        the rows the vectorised checks vouch for as record batches with their line numbers,
        and the rows left to the typed reader."""
        try:
            return self._vectorised(lines)
        except Exception:  # anything unforeseen: the whole block is the typed reader's
            return lines, [], np.flatnonzero(lines.lengths > 0)

    def _vectorised(self, lines: Lines) -> tuple[Lines, list[tuple[Any, Any]], Any]:
        nonempty = lines.lengths > 0
        odd = nonempty.copy()
        parts: list[tuple[Any, Any]] = []
        if lines.clean and nonempty.any():
            whole = self._whole(lines, nonempty)
            if whole is not None:
                groups = [whole]
            else:
                fields = pc.count_substring(lines.text, "\t").to_numpy(zero_copy_only=False) + 1
                groups = []
                for width, columns in self.layouts.items():
                    rows = np.flatnonzero(nonempty & (fields == width))
                    if rows.size:
                        groups.append((rows, columns, self._split(lines, rows, columns)))
            for rows, columns, cells in groups:
                ok, values = self._check(cells, columns)
                if ok.any():
                    parts.append((self._build(cells, columns, ok, values),
                                  lines.numbers[rows[ok]]))
                    odd[rows[ok]] = False
        return lines, parts, np.flatnonzero(odd)

    def finish(self, step: tuple[Lines, list[tuple[Any, Any]], Any]) -> Any | None:
        """The second step, in file order: the typed reader reads the odd rows (warning and
        refusing as it does), and every row goes into one batch in line order."""
        lines, parts, odd = step
        events: list[Event] = []
        numbers: list[int] = []
        try:
            self._typed(lines, odd, events, numbers)
        except ParseError as error:  # on_error="raise": count the rows read before it
            line = error.line or 0
            self.policy.report.read += len(events) + sum(
                int((part[1] < line).sum()) for part in parts)
            raise
        if events:
            from conflictevents.tables._schema import _batch

            parts = [*parts, (_batch(events), np.asarray(numbers, dtype=np.int64))]
        if not parts:
            return None
        if len(parts) == 1:
            return parts[0][0]
        order = np.argsort(np.concatenate([p[1] for p in parts]), kind="stable")
        table = pa.Table.from_batches([p[0] for p in parts]).take(pa.array(order))
        return table.combine_chunks().to_batches()[0]

    def _whole(self, lines: Lines, nonempty: Any) -> tuple[Any, tuple[str, ...], Any] | None:
        """When every line that is not empty has the width of one layout, pyarrow's CSV
        parser splits them all at once: (their rows, the layout, the cells by column)."""
        row = int(np.argmax(nonempty))
        start = int(lines.numbers[row] - lines.numbers[0])
        block = lines.block
        begin = 0
        for _ in range(start):
            begin = block.index(b"\n", begin) + 1
        first = block[begin:begin + int(lines.lengths[row])]
        columns = self.layouts.get(first.count(b"\t") + 1)
        if columns is None:
            return None
        try:
            table = pv.read_csv(
                pa.BufferReader(lines.block),
                read_options=pv.ReadOptions(column_names=list(columns), use_threads=True,
                                            block_size=_PARSE_BLOCK),
                parse_options=pv.ParseOptions(delimiter="\t", quote_char=False,
                                              double_quote=False, escape_char=False,
                                              newlines_in_values=False,
                                              ignore_empty_lines=True),
                convert_options=pv.ConvertOptions(
                    column_types=dict.fromkeys(columns, pa.string()),
                    strings_can_be_null=False, quoted_strings_can_be_null=False,
                    check_utf8=False))
        except pa.ArrowInvalid:  # rows of other widths
            return None
        rows = np.flatnonzero(nonempty)
        if table.num_rows != len(rows):
            return None
        return rows, columns, {column: _array(table.column(column)) for column in columns}

    @staticmethod
    def _split(lines: Lines, rows: Any, columns: tuple[str, ...]) -> dict[str, Any]:
        """The cells of the lines *rows* (all of *columns*' width) by column."""
        split = pc.split_pattern(lines.text.take(pa.array(rows)), "\t")
        flat = pc.list_flatten(split)
        size, width = len(rows), len(columns)
        return {column: flat.take(pa.array(np.arange(i, size * width, width)))
                for i, column in enumerate(columns)}

    def _typed(self, lines: Lines, rows: Any, events: list[Event], numbers: list[int]
               ) -> None:
        """The typed reader's loop over the odd rows: their events and line numbers go into
        *events* and *numbers*."""
        policy, source = self.policy, self.source
        for row in rows.tolist():
            number = int(lines.numbers[row])
            text = lines.python(row)
            try:
                event, notes = self._parse(text, number)
                for code, reason, column, value, once in notes:
                    policy.warn(code, reason, source=source, line=number, column=column,
                                value=value, once=once)
            except ParseError as error:
                policy.handle(error)
                continue
            events.append(event)
            numbers.append(number)

