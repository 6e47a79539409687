"""What kind of event something is, in one of the field's coding schemes."""

from __future__ import annotations

from typing import Any, ClassVar

import attrs

from conflictevents.model._checks import fail, non_empty_text, optional_non_empty_text


def _check_scheme(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    non_empty_text(instance, attribute, value)
    assert isinstance(value, str)
    if value != value.strip().lower() or " " in value:
        raise fail(instance, attribute.name, value, "must be a lower-case name such as 'cameo'")


@attrs.frozen
class Classification:
    """An event's type in one scheme.

    :param scheme: ``"acled"`` (``code`` is the sub-event type, ``parent`` the event type),
        ``"acled_disorder"`` (ACLED's disorder type), ``"cameo"`` (``code`` is the CAMEO event
        code, a string: ``"010"``), ``"plover"`` (``code`` is the PLOVER event type,
        ``parent`` its mode where known) or ``"ucdp"`` (``code`` is UCDP's type of violence,
        ``"1"`` to ``"3"``). Other lower-case scheme names are allowed.
    :param code: the code or name in that scheme.
    :param parent: the higher level of a two-level scheme.
    :param derived: ``True`` when the classification was produced through a crosswalk, not
        coded by the publisher.
    :param via: for a derived classification, which crosswalk produced it
        (``"cameo->acled"``).

    >>> Classification("cameo", "193")
    Classification(scheme='cameo', code='193', parent=None, derived=False, via=None)
    """

    ACLED: ClassVar[str] = "acled"
    ACLED_DISORDER: ClassVar[str] = "acled_disorder"
    CAMEO: ClassVar[str] = "cameo"
    PLOVER: ClassVar[str] = "plover"
    UCDP: ClassVar[str] = "ucdp"

    scheme: str = attrs.field(validator=_check_scheme)
    code: str = attrs.field(validator=non_empty_text)
    parent: str | None = attrs.field(default=None, validator=optional_non_empty_text)
    derived: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))
    via: str | None = attrs.field(default=None, validator=optional_non_empty_text)

    def __attrs_post_init__(self) -> None:
        if self.via is not None and not self.derived:
            raise fail(self, "via", self.via, "only a derived classification names a crosswalk")
