"""Properties every writable format must have, checked on generated events.

- A second round changes nothing: ``write(read(write(x)))`` is the same text as
  ``write(x)``, and reading it gives the same records (whatever the first write dropped).
- Nothing is invented: a classification a round trip adds is either marked derived, or was
  counted as derived by the write (a file has no way to mark a value as derived, so it reads
  back as coded: the write's report is where the derivation is recorded); every date stays
  within the bounds of the original.
"""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import conflictevents as ce
from _support import written_or_refused
from conflictevents import strategies

FORMATS = ce.format_names()


def _write(records: list[ce.Record], format_name: str,
           report: ce.ConversionReport | None = None) -> str | bytes:
    spec = ce.formats.get_format(format_name)
    options = {"derive": True} if "derive" in spec.write_options else {}
    buffer: io.StringIO | io.BytesIO = io.BytesIO() if spec.binary else io.StringIO()
    written_or_refused(ce.write, records, buffer, format=format_name, report=report,
                       **options)
    return buffer.getvalue()


def _read(text: str | bytes, format_name: str) -> list[ce.Record]:
    source = io.BytesIO(text) if isinstance(text, bytes) else io.StringIO(text)
    return list(ce.read(source, format=format_name))


@pytest.mark.parametrize("format_name", FORMATS)
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
          max_examples=40)
@given(events=st.lists(strategies.events(), min_size=1, max_size=3))
def test_a_second_round_changes_nothing(format_name: str, events: list[ce.Event]) -> None:
    first_text = _write(list(events), format_name)
    first = _read(first_text, format_name)
    second_text = _write(first, format_name)
    assert second_text == first_text
    assert _read(second_text, format_name) == first


@pytest.mark.parametrize("format_name", FORMATS)
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
          max_examples=40)
@given(event=strategies.events())
def test_a_round_trip_invents_nothing(format_name: str, event: ce.Event) -> None:
    report = ce.ConversionReport()
    back = [r for r in _read(_write([event], format_name, report), format_name)
            if isinstance(r, ce.Event)]
    assert len(back) <= 1
    for result in back:
        original = {(c.scheme, c.code, c.parent) for c in event.classifications}
        for item in result.classifications:
            if (item.scheme, item.code, item.parent) not in original:
                assert item.derived or report.derived, f"{format_name} invented {item}"
        assert event.date.earliest <= result.date.start
        assert result.date.end <= event.date.latest
