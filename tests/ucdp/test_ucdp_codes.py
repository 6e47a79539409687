"""The UCDP code book and the UCDP -> ACLED crosswalk."""

from __future__ import annotations

import pytest

from conflictevents.codes import acled, ucdp
from conflictevents.errors import UnknownCodeError
from conflictevents.model import DatePrecision, GeoPrecision


def test_types_of_violence() -> None:
    assert [t.code for t in ucdp.types_of_violence()] == ["1", "2", "3"]
    assert ucdp.type_of_violence(1).name == "State-based conflict"
    assert ucdp.type_of_violence(" 2 ").name == "Non-state conflict"
    assert ucdp.type_of_violence("3").name == "One-sided violence"


@pytest.mark.parametrize("code", ["0", "4", "", "one", True, 1.0, None])
def test_unknown_codes_raise(code: object) -> None:
    with pytest.raises(UnknownCodeError):
        ucdp.type_of_violence(code)  # type: ignore[arg-type]
    with pytest.raises(UnknownCodeError):
        ucdp.to_acled(code)  # type: ignore[arg-type]


def test_precisions_map_one_to_one_onto_the_model() -> None:
    assert [p.precision for p in ucdp.where_precisions()] == [g.value for g in GeoPrecision]
    assert [p.precision for p in ucdp.date_precisions()] == [d.value for d in DatePrecision]
    assert [p.code for p in ucdp.where_precisions()] == list(range(1, 8))
    with pytest.raises(UnknownCodeError):
        ucdp.where_precision(8)
    with pytest.raises(UnknownCodeError):
        ucdp.date_precision("6")


def test_crosswalk_targets_are_real_acled_types_with_notes() -> None:
    for code in ("1", "2", "3"):
        result = ucdp.to_acled(code)
        assert result is not None
        event_type, sub_event_type = result.targets
        assert acled.sub_event_type(sub_event_type).event_type == event_type
        assert len(result.note) > 40
    assert ucdp.to_acled(3).targets == ("Violence against civilians", "Attack")
