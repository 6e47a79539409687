"""Where a piece of information came from."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

import attrs

from conflictevents.model._checks import (
    fail,
    non_empty_text,
    optional_instance_of,
    optional_non_empty_text,
    writable_text,
)
from conflictevents.model.event_date import _to_date

_WHITE_SPACE = re.compile(r"\s")


def _check_url(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not value or _WHITE_SPACE.search(value) is not None:
        raise fail(instance, attribute.name, value, "must be a URL without white space")
    writable_text(instance, attribute.name, value)


@attrs.frozen
class Source:
    """A publication, outlet or organisation that reported something.

    :param name: the source's name, as the data writes it (``"Syrian Observatory for Human
        Rights"``).
    :param url: the address of the report, where known.
    :param published: the day the report was published.
    :param scale: the source's reach in ACLED's sense (``"National"``, ``"International"``,
        ``"New media"``...), free text.
    """

    name: str = attrs.field(validator=non_empty_text)
    url: str | None = attrs.field(default=None, validator=_check_url)
    published: _dt.date | None = attrs.field(
        default=None,
        converter=attrs.converters.optional(_to_date),
        validator=optional_instance_of(_dt.date),
    )
    scale: str | None = attrs.field(default=None, validator=optional_non_empty_text)
