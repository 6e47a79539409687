"""Whatever bytes arrive, every parser answers with records or with the library's own errors.

The formats are taken from the registry, so a new format is fuzzed as soon as it registers.
Two kinds of input: arbitrary bytes, and mutations (flipped, inserted, deleted bytes,
truncation, joined lines) of valid files that the format's own writer produced from generated
records. Long runs: see fuzz/README.md.
"""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import conflictevents as ce
from _support import written_or_refused
from conflictevents import strategies
from conflictevents._fuzzing import check

FORMATS = ce.format_names()


@pytest.mark.parametrize("format_name", FORMATS)
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes(format_name: str, data: bytes) -> None:
    check(data, format_name)


def _valid_file(format_name: str, records: list[ce.Record]) -> bytes:
    spec = ce.formats.get_format(format_name)
    options = {"derive": True} if "derive" in spec.write_options else {}
    if spec.binary:
        binary = io.BytesIO()
        written_or_refused(ce.write, records, binary, format=format_name, **options)
        return binary.getvalue()
    buffer = io.StringIO()
    written_or_refused(ce.write, records, buffer, format=format_name, **options)
    return buffer.getvalue().encode("utf-8")


@st.composite
def _mutated(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        action = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "join", "dup"]))
        if not data:
            break
        at = draw(st.integers(min_value=0, max_value=len(data) - 1))
        if action == "flip":
            data[at] = draw(st.integers(min_value=0, max_value=255))
        elif action == "insert":
            data[at:at] = draw(st.sampled_from([b",", b"\t", b'"', b"\n", b"\r", b"\x00",
                                                b"{", b"}", b"-1", b"NaN", b"\xff", b";"]))
        elif action == "delete":
            del data[at : at + draw(st.integers(min_value=1, max_value=10))]
        elif action == "truncate":
            del data[at:]
        elif action == "join":
            newline = data.find(b"\n", at)
            if newline >= 0:
                del data[newline]
        else:
            data[at:at] = data[at : at + draw(st.integers(min_value=1, max_value=200))]
    return bytes(data)


@pytest.mark.parametrize("format_name", FORMATS)
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data(), events=st.lists(strategies.events(), min_size=1, max_size=3))
def test_mutations_of_valid_files(format_name: str, data: st.DataObject,
                                  events: list[ce.Event]) -> None:
    original = _valid_file(format_name, list(events))
    check(data.draw(_mutated(original)), format_name)


@pytest.mark.parametrize("format_name", FORMATS)
@pytest.mark.parametrize(
    "data",
    [b"", b"\n", b"\r\n\r\n", b"\x00" * 10, b"\xef\xbb\xbf", b"\xff\xfe\x00\x00",
     b"PK\x03\x04", b"\x1f\x8b\x08\x00", b'"' * 3, b"a" * 70000, b"\t" * 100 + b"\n"],
    ids=["empty", "newline", "blank-lines", "nuls", "bom", "utf32-bom", "zip-magic",
         "gzip-magic", "quotes", "long-line", "tabs"],
)
def test_edge_inputs(format_name: str, data: bytes) -> None:
    check(data, format_name)
