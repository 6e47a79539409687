"""The options of the ACLED readers and writers (CSV and API JSON), each written once."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any, ClassVar

import attrs

from conflictevents.formats import _options
from conflictevents.formats.acled import LAYOUTS, NAME

__all__ = ["ApiReadOptions", "ApiWriteOptions", "ReadOptions", "WriteOptions"]

API_NAME = "acled-api"

_LAYOUT_DOC = (f"a named layout ({', '.join(LAYOUTS)}); default: that of the file the first "
               "event was read from, else current")
_COLUMNS_DOC = "the header to write, instead of a named layout (comma-separated on the " \
               "command line)"


def _check_layout(options: WriteOptions | ApiWriteOptions) -> None:
    if options.layout is not None and options.layout not in LAYOUTS:
        raise ValueError(f"{options._what()} option layout: {options.layout!r} is not one of "
                         + ", ".join(repr(name) for name in LAYOUTS)
                         + " (columns=... gives a header of your own)")
    if options.layout is not None and options.columns is not None:
        raise ValueError(f"{options._what()} options layout and columns: give one or the other")


def _upgrade_layout(what: str, given: Mapping[str, Any]) -> dict[str, Any]:
    """*given*, a sequence of columns passed as ``layout`` moved to ``columns`` (the name of
    that option before 0.2), with a :class:`DeprecationWarning`."""
    upgraded = dict(given)
    layout = upgraded.get("layout")
    if layout is not None and not isinstance(layout, str):
        warnings.warn(f"{what} option layout takes a layout's name; pass a list of columns as "
                      "columns=...", DeprecationWarning, stacklevel=5)
        upgraded["columns"] = tuple(upgraded.pop("layout"))
    return upgraded


@attrs.frozen(kw_only=True)
class ReadOptions(_options.ReadOptions):
    """The options of :func:`~conflictevents.formats.acled.read`: the common ones.

    >>> ReadOptions(encoding="cp1252", dayfirst=True).dayfirst
    True
    >>> ReadOptions(encoding="no-such-codec")
    Traceback (most recent call last):
        ...
    ValueError: acled read option encoding: unknown encoding 'no-such-codec'
    """

    FORMAT: ClassVar[str] = NAME


@attrs.frozen(kw_only=True)
class WriteOptions(_options.CsvLineWriteOptions):
    """The options of :func:`~conflictevents.formats.acled.write`.

    >>> WriteOptions(layout="legacy", date_style="%d %B %Y").changed()
    {'layout': 'legacy', 'date_style': '%d %B %Y'}
    >>> WriteOptions(layout="legacy", columns=("event_id_cnty",))
    Traceback (most recent call last):
        ...
    ValueError: acled write options layout and columns: give one or the other
    """

    FORMAT: ClassVar[str] = NAME

    derive: bool = _options.derive_option()
    layout: str | None = _options.option(None, _LAYOUT_DOC)
    columns: tuple[str, ...] | None = _options.option(None, _COLUMNS_DOC)
    date_style: str | None = _options.option(
        None, "how to write event_date, in the tokens %Y %y %m %-m %d %-d %B %b (%d %B %Y: "
        "05 December 2024); default: the first event's file's, else ISO 8601")

    def _check(self) -> None:
        super()._check()
        _check_layout(self)

    @classmethod
    def _upgrade(cls, given: Mapping[str, Any]) -> dict[str, Any]:
        return _upgrade_layout(cls._what(), super()._upgrade(given))


@attrs.frozen(kw_only=True)
class ApiReadOptions(_options.DocumentReadOptions):
    """The options of :func:`~conflictevents.formats.acled.read_api` (JSON is UTF-8).

    >>> ApiReadOptions(on_error="skip").on_error
    'skip'
    >>> ApiReadOptions(on_warning="ignore")
    Traceback (most recent call last):
        ...
    ValueError: acled-api read option on_warning: 'ignore' is not one of 'report', 'warn', 'error'
    """

    FORMAT: ClassVar[str] = API_NAME


@attrs.frozen(kw_only=True)
class ApiWriteOptions(_options.WriteOptions):
    """The options of :func:`~conflictevents.formats.acled.write_api`.

    >>> ApiWriteOptions(columns=("event_id_cnty", "event_date")).columns
    ('event_id_cnty', 'event_date')
    >>> ApiWriteOptions(layout="modern")
    Traceback (most recent call last):
        ...
    ValueError: acled-api write option layout: 'modern' is not one of 'current', 'legacy', ...
    """

    FORMAT: ClassVar[str] = API_NAME

    derive: bool = _options.derive_option()
    layout: str | None = _options.option(None, _LAYOUT_DOC)
    columns: tuple[str, ...] | None = _options.option(None, _COLUMNS_DOC)

    def _check(self) -> None:
        super()._check()
        _check_layout(self)

    @classmethod
    def _upgrade(cls, given: Mapping[str, Any]) -> dict[str, Any]:
        return _upgrade_layout(cls._what(), super()._upgrade(given))
