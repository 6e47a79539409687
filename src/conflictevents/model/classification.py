"""What kind of event something is, in one of the field's coding schemes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import attrs

from conflictevents.codes import acled as _acled_codes
from conflictevents.codes import cameo as _cameo_codes
from conflictevents.codes import plover as _plover_codes
from conflictevents.codes import ucdp as _ucdp_codes
from conflictevents.errors import UnknownCodeError
from conflictevents.model._checks import fail, non_empty_text, optional_non_empty_text


def _check_scheme(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    non_empty_text(instance, attribute, value)
    assert isinstance(value, str)
    if value != value.strip().lower() or " " in value:
        raise fail(instance, attribute.name, value, "must be a lower-case name such as 'cameo'")


def _current_name(scheme: str, value: str) -> str:
    """A code book's current name for a renamed code (PLOVER's ``DEMAND`` is ``REQUEST``
    since 1 September 2021); any other value unchanged."""
    if scheme == "plover":
        try:
            record = _plover_codes.event_type(value)
        except UnknownCodeError:
            return value
        if value.strip().upper() in record.aliases:
            return record.name
    return value


@attrs.frozen
class Classification:
    """An event's type in one scheme.

    The codes of the schemes this library has code books for (``acled``, ``acled_legacy``,
    ``acled_disorder``, ``cameo``, ``plover``, ``ucdp``) are checked against them and must be
    in their canonical form
    (``"Armed clash"``, not ``"armed clash"``; ``"010"``, not ``"10"``): the code books'
    look-ups (:mod:`conflictevents.codes`) turn loose forms into canonical ones.

    :param scheme: ``"acled"`` (``code`` is the sub-event type, ``parent`` the event type),
        ``"acled_legacy"`` (ACLED's event type before 2019, one of nine:
        ``"Battle-No change of territory"``...), ``"acled_disorder"`` (ACLED's disorder
        type), ``"cameo"`` (``code`` is the CAMEO event code, a string: ``"010"``),
        ``"plover"`` (``code`` is the PLOVER event type, ``parent`` its mode where known)
        or ``"ucdp"`` (``code`` is UCDP's type of violence,
        ``"1"`` to ``"3"``). Other lower-case scheme names are allowed.
    :param code: the code or name in that scheme.
    :param parent: the higher level of a two-level scheme.
    :param derived: ``True`` when the classification was produced through a crosswalk, not
        coded by the publisher.
    :param via: for a derived classification, which crosswalk produced it
        (``"cameo->acled"``).
    :param unknown: ``True`` when the publisher wrote a code that the library's code book for
        the scheme lacks (ICEWS's CAMEO ``"1213"``). Such a code is kept verbatim and not
        checked; :attr:`label` says ``"unknown"`` and the crosswalks skip it (a conversion
        reports that). Readers set it, with an ``unknown-code`` warning, instead of refusing
        the row. Without it, a code outside the code book is refused, so that a typo in code
        is caught.

    >>> Classification("cameo", "193")
    Classification(scheme='cameo', code='193', parent=None, derived=False, via=None, unknown=False)
    >>> Classification("acled", "Armed clash", parent="Battles").parent
    'Battles'
    >>> Classification("cameo", "1213", unknown=True).label
    'unknown'

    A code a code book renamed is accepted under its old name and kept under the current one:

    >>> Classification("plover", "DEMAND").code
    'REQUEST'

    """

    ACLED: ClassVar[str] = "acled"
    ACLED_LEGACY: ClassVar[str] = "acled_legacy"
    ACLED_DISORDER: ClassVar[str] = "acled_disorder"
    CAMEO: ClassVar[str] = "cameo"
    PLOVER: ClassVar[str] = "plover"
    UCDP: ClassVar[str] = "ucdp"

    scheme: str = attrs.field(validator=_check_scheme)
    code: str = attrs.field(validator=non_empty_text)
    parent: str | None = attrs.field(default=None, validator=optional_non_empty_text)
    derived: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))
    via: str | None = attrs.field(default=None, validator=optional_non_empty_text)
    unknown: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool),
                                kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.via is not None and not self.derived:
            raise fail(self, "via", self.via, "only a derived classification names a crosswalk")
        if isinstance(self.code, str) and not self.unknown:
            current = _current_name(self.scheme, self.code)
            if current != self.code:
                object.__setattr__(self, "code", current)
        if self.unknown:
            if self.derived:
                raise fail(self, "unknown", self.unknown,
                           "a crosswalk never derives a code its code book lacks")
            return
        check = _CHECKS.get(self.scheme)
        if check is not None:
            check(self)

    @property
    def label(self) -> str:
        """The code book's name for the code, ``"unknown"`` for a code the code book lacks,
        or the code itself in a scheme without a code book.

        >>> Classification("cameo", "190").label
        'Use conventional military force, not specified below'
        >>> Classification("acled", "Armed clash").label
        'Armed clash'
        """
        if self.unknown:
            return "unknown"
        name = _LABELS.get(self.scheme)
        return name(self.code) if name is not None else self.code


def _looked_up(item: Classification, lookup: Callable[[str], Any], what: str,
               canonical: Callable[[Any], str]) -> Any:
    """The code book's record of *item*'s code, which must be its canonical form."""
    try:
        record = lookup(item.code)
    except UnknownCodeError:
        raise fail(item, "code", item.code, f"is not {what}") from None
    written = canonical(record)
    if item.code != written:
        raise fail(item, "code", item.code, f"write it as {written!r}")
    return record


def _check_cameo(item: Classification) -> None:
    _looked_up(item, _cameo_codes.event, "a CAMEO event code", lambda r: r.code)


def _check_acled(item: Classification) -> None:
    record = _looked_up(item, _acled_codes.sub_event_type, "an ACLED sub-event type",
                        lambda r: r.name)
    if item.parent is not None and item.parent != record.event_type:
        raise fail(item, "parent", item.parent,
                   f"the event type of {record.name!r} is {record.event_type!r}")


def _check_acled_legacy(item: Classification) -> None:
    _looked_up(item, _acled_codes.legacy_event_type, "an ACLED event type of before 2019",
               lambda r: r.name)


def _check_acled_disorder(item: Classification) -> None:
    if item.code not in _acled_codes.DISORDER_TYPES:
        choices = ", ".join(repr(d) for d in _acled_codes.DISORDER_TYPES)
        raise fail(item, "code", item.code, f"is not an ACLED disorder type ({choices})")


def _check_plover(item: Classification) -> None:
    _looked_up(item, _plover_codes.event_type, "a PLOVER event type", lambda r: r.name)


def _check_ucdp(item: Classification) -> None:
    _looked_up(item, _ucdp_codes.type_of_violence, "a UCDP type of violence (1-3)",
               lambda r: str(r.code))


_LABELS: dict[str, Callable[[str], str]] = {
    Classification.CAMEO: lambda code: _cameo_codes.event(code).name,
    Classification.PLOVER: lambda code: _plover_codes.event_type(code).name,
    Classification.UCDP: lambda code: _ucdp_codes.type_of_violence(code).name,
}

_CHECKS = {
    Classification.ACLED: _check_acled,
    Classification.ACLED_LEGACY: _check_acled_legacy,
    Classification.ACLED_DISORDER: _check_acled_disorder,
    Classification.CAMEO: _check_cameo,
    Classification.PLOVER: _check_plover,
    Classification.UCDP: _check_ucdp,
}
