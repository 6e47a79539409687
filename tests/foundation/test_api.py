"""The API and the command line agree (issue 19): one deriving rule, a conversion that writes
nothing is an error, a machine-readable report (reason codes, model paths, a JSON Schema on
every exit), dates read the same way everywhere, short readable ``str()``."""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from collections.abc import Iterator
from pathlib import Path

import attrs
import jsonschema
import pytest

import conflictevents as ce
from _support import FIXTURES, ROOT, written_or_refused
from conflictevents import cli
from conflictevents.formats.report import report_schema

ACLED = ROOT / "examples" / "data" / "acled-syria-2024-12.csv"
GDELT = ROOT / "examples" / "data" / "gdelt-2024-12-05.export.CSV"
UCDP = ROOT / "examples" / "data" / "ucdp-ged-syria-2024-12.csv"
HAMA = ROOT / "examples" / "hama-2024.jsonl"
TWO_BAD = FIXTURES / "cli" / "two-bad-lines.jsonl"
INPUTS = [ACLED, GDELT, UCDP, HAMA, FIXTURES / "icews" / "events.2024.sample.tab",
          FIXTURES / "hxl" / "hdx_ucdp_sample.csv", FIXTURES / "geojson" / "ucdp-ogr.geojson",
          FIXTURES / "gdelt" / "reduced.sample.txt", FIXTURES / "acled" / "api.json"]
TEXT_FORMATS = ["acled", "acled-api", "gdelt1", "gdelt2", "gdelt-reduced", "geojson", "hxl",
                "icews", "jsonl", "ucdp-ged"]
SCHEMA = report_schema()


# -- one deriving rule --------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["gdelt2", "gdelt1", "icews", "gdelt-reduced", "acled"])
@pytest.mark.parametrize("source", [ACLED, GDELT, UCDP], ids=lambda p: p.name)
def test_the_api_and_the_command_line_write_and_derive_the_same(
        source: Path, target: str, tmp_path: Path) -> None:
    api = written_or_refused(ce.write, ce.read(source), tmp_path / "api.out", target)
    saved = tmp_path / "report.json"
    status = cli.main(["convert", str(source), str(tmp_path / "cli.out"), "--to", target,
                       "-q", "--report-json", str(saved)])
    data = json.loads(saved.read_text("utf-8"))
    assert (data["written"], data["derived"], data["dropped"]) == (
        api.written, dict(api.derived), dict(api.dropped))
    assert data["left_out"] == {reason.value: n for reason, n in api.left_out.items()}
    assert status == (0 if api.written else 1)


def test_convert_in_one_call_returns_the_report_of_the_read_and_the_write(
        tmp_path: Path) -> None:
    out = tmp_path / "ged.acled.csv"
    report = ce.convert(UCDP, out, to="acled")
    assert (report.read, report.written) == (2, 2)
    assert report.derived["classifications.acled"] == 2
    back = list(ce.read(out, "acled"))
    assert [e.id for e in back] == [e.id for e in ce.read(UCDP, "ucdp-ged")]
    same = ce.convert(ACLED, tmp_path / "copy.csv", from_="acled", to="acled")
    assert same.lossless
    assert (tmp_path / "copy.csv").read_bytes() == ACLED.read_bytes()


def test_writing_none_of_the_records_is_an_error_and_leaves_the_target_as_it_was(
        tmp_path: Path) -> None:
    out = tmp_path / "out.gdelt2.csv"
    out.write_text("before\n")
    with pytest.raises(ce.ConversionError, match="wrote none of the 26") as refused:
        ce.convert(ACLED, out, to="gdelt2", derive=False)
    assert out.read_text() == "before\n"
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left either
    report = refused.value.report
    assert report is not None
    assert report.read == 26
    assert report.left_out == {ce.Reason.NOT_DERIVED: 26}
    # no records is no error: an empty input gives an empty output
    assert ce.write([], tmp_path / "empty.csv", "gdelt2").written == 0


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_no_writer_writes_an_empty_file_for_records_it_cannot_hold(fmt: str,
                                                                    tmp_path: Path) -> None:
    claim = ce.Claim("c1", "Government forces hold the town", ce.Source("SANA"))
    out = tmp_path / "out"
    report = written_or_refused(ce.write, [claim], out, fmt)
    if fmt == "jsonl":  # the library's own format holds claims
        assert report.written == 1
        return
    assert report.written == 0
    assert sum(report.left_out.values()) == 1  # a claim, or (GeoJSON) a claim with no place
    assert not out.exists()


# -- the machine-readable report ------------------------------------------------------------------


def _reports(tmp_path: Path) -> Iterator[tuple[str, ce.ConversionReport]]:
    for source in INPUTS:
        records = list(ce.read(source))
        for fmt in [*TEXT_FORMATS, "parquet"]:
            out = tmp_path / f"out.{fmt}"
            try:
                yield f"{source.name} -> {fmt}", written_or_refused(ce.write, records, out, fmt)
            except ImportError:  # pyarrow missing
                continue


def _model_path(path: str) -> bool:
    """Whether *path* names a field of the model (see docs/reference/report.md)."""
    parts = path.split(".")
    kind: object = ce.Event
    while parts:
        part = parts.pop(0)
        if kind is ce.Event and part == "extras":
            return bool(parts) or True  # a format, then any of its columns
        if kind is ce.Event and part == "classifications":
            if not parts:
                return True
            parts.pop(0)  # a scheme
            kind = ce.Classification
            continue
        if not (isinstance(kind, type) and attrs.has(kind)):
            return False
        hints = typing.get_type_hints(kind)
        if part not in {f.name for f in attrs.fields(kind)}:
            return False
        kind = _inner(hints[part])
    return True


def _inner(hint: object) -> object:
    """The attrs class a field holds (through ``X | None`` and ``tuple[X, ...]``)."""
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        found = [a for a in args if a is not type(None)]
        return _inner(found[0]) if len(found) == 1 else hint
    if typing.get_origin(hint) is tuple and args:
        return _inner(args[0])
    return hint


def test_the_path_check_can_fail() -> None:
    assert _model_path("actor1.cameo_code")
    assert _model_path("classifications.acled.parent")
    assert _model_path("extras.hxl.#meta+source")
    assert _model_path("associates1.kind")
    for wrong in ("Actor1Code", "fatalities.range", "actor.country", "event_type",
                  "sources.details", "location.coordinates", "classifications.acled.foo"):
        assert not _model_path(wrong), wrong


def test_every_dropped_and_derived_key_is_a_path_of_the_model_and_every_reason_a_code(
        tmp_path: Path) -> None:
    seen = 0
    for name, report in _reports(tmp_path):
        for key in [*report.dropped, *report.derived]:
            assert _model_path(key), (name, key)
            seen += 1
        for reason in report.left_out:
            assert isinstance(reason, ce.Reason), (name, reason)
            assert str(reason) != reason.value  # the English is in str()
        jsonschema.validate(report.as_dict(), SCHEMA)
    assert seen > 100


def test_the_schema_lists_every_reason_and_error_code() -> None:
    assert SCHEMA["properties"]["left_out"]["propertyNames"]["enum"] == [
        reason.value for reason in ce.Reason]
    assert SCHEMA["properties"]["errors"]["items"]["properties"]["code"]["enum"] == [
        code.value for code in ce.ErrorCode]
    for error in (ce.ParseError("x"), ce.AmbiguousDateError("x"),
                  ce.InputTooLargeError("x"), ce.InputNotFoundError("x")):
        assert ce.ErrorCode(error.code)


def _run(tmp_path: Path, *args: str) -> tuple[int, dict[str, object]]:
    saved = tmp_path / "report.json"
    saved.unlink(missing_ok=True)
    status = cli.main(["convert", *args, "-q", "--report-json", str(saved)])
    data: dict[str, object] = json.loads(saved.read_text("utf-8"))
    jsonschema.validate(data, SCHEMA)
    assert data["status"] == status
    return status, data


def test_report_json_is_written_on_every_exit(tmp_path: Path) -> None:
    status, data = _run(tmp_path, str(ACLED), str(tmp_path / "a.tsv"), "--to", "gdelt2")
    assert (status, data["failure"], data["from"], data["to"]) == (0, None, "acled", "gdelt2")
    # nothing written: exit 1, the reasons by code
    status, data = _run(tmp_path, str(ACLED), str(tmp_path / "b.tsv"), "--to", "gdelt2",
                        "--no-derive")
    assert status == 1
    assert data["failure"] == {"code": "conversion-error", "message": (
        "wrote none of the 26 record(s) as gdelt2: left out: not-derived: 26 (the format "
        "needs a classification the event has only through a crosswalk, and derive=False)")}
    assert data["left_out"] == {"not-derived": 26}
    # a row that cannot be read, under --on-error raise: exit 1, located
    status, data = _run(tmp_path, str(TWO_BAD), str(tmp_path / "c.jsonl"))
    assert status == 1
    failure = data["failure"]
    assert isinstance(failure, dict)
    assert failure["code"] == "parse-error"
    assert str(TWO_BAD) in failure["message"]
    # an input that does not exist: exit 2
    status, data = _run(tmp_path, str(tmp_path / "missing.csv"), str(tmp_path / "d.jsonl"))
    assert status == 2
    assert data["failure"] == {"code": "input-not-found", "message": (
        f"{tmp_path / 'missing.csv'}: cannot open: No such file or directory")}
    # an unknown format: exit 2
    status, data = _run(tmp_path, str(ACLED), str(tmp_path / "e.out"), "--to", "excel")
    assert (status, data["to"]) == (2, "excel")
    assert data["failure"]["code"] == "format-error"  # type: ignore[index]


def test_errors_are_objects_with_a_code_in_the_json(tmp_path: Path) -> None:
    status, data = _run(tmp_path, str(TWO_BAD), str(tmp_path / "out.jsonl"),
                        "--on-error", "collect")
    assert status == 1
    errors = data["errors"]
    assert isinstance(errors, list)
    assert [(e["code"], e["line"]) for e in errors] == [("parse-error", 4), ("parse-error", 8)]


# -- validate ----------------------------------------------------------------------------------


def _bad_acled(tmp_path: Path, rows: int) -> Path:
    path = tmp_path / "bad.csv"
    lines = ["event_id_cnty,event_date,event_type,sub_event_type"]
    for n in range(rows):
        lines.append(f"{n},2024-12-05,Battles,Armed clash")
        lines.append(f"x{n},not a date,Battles,Armed clash")
    path.write_text("\n".join(lines) + "\n")
    return path


def test_validate_prints_a_summary_by_kind_not_every_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _bad_acled(tmp_path, 200)
    assert cli.main(["validate", str(path)]) == 1
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 10  # the first 10 of the kind, then counted
    assert "errors: 200\n  parse-error (column event_date): 200 (10 listed)" in captured.err
    assert "200 record(s) read, 200 problem(s)" in captured.err


def test_validate_json_and_max_errors(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = _bad_acled(tmp_path, 50)
    assert cli.main(["validate", str(path), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    kind = data["errors"]["by_kind"]["parse-error (column event_date)"]
    assert (data["read"], data["errors"]["total"], kind["count"]) == (50, 50, 50)
    assert [e["line"] for e in kind["examples"]] == [3, 5, 7]
    assert data["stopped_early"] is False
    assert cli.main(["validate", str(path), "--json", "--max-errors", "5"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["stopped_early"] is True
    assert data["errors"]["total"] == 5
    assert data["read"] < 50
    assert cli.main(["validate", str(path), "--max-errors", "0"]) == 2  # not a positive number


# -- dates and text ------------------------------------------------------------------------------


@pytest.mark.parametrize("written", [dt.date(2024, 12, 5), "2024-12-05", "5 December 2024",
                                     "December 5, 2024", ce.EventDate(dt.date(2024, 12, 5))])
def test_every_type_takes_a_date_the_same_way(written: object) -> None:
    day = ce.EventDate(dt.date(2024, 12, 5))
    hama = ce.Location("Hama", country="SYR")
    assert ce.Event("e1", written).date == day
    claim = ce.Claim("c1", "We hold Hama", ce.Actor("HTS"), made_on=written,
                     date=written)
    assert claim.made_on == claim.date == day
    change = ce.ControlChange("x1", hama, written, new=ce.Actor("HTS"))
    assert change.date == day
    timeline = ce.ControlTimeline([change])
    on = written.start if isinstance(written, ce.EventDate) else written
    holder = timeline.holder("Hama", on=on).holder  # type: ignore[arg-type]
    assert holder is not None
    assert holder.name == "HTS"


def test_a_text_that_is_not_a_day_is_refused_everywhere() -> None:
    hama = ce.Location("Hama", country="SYR")
    with pytest.raises(ce.ValidationError):
        ce.ControlChange("x1", hama, "not a date", new=ce.Actor("HTS"))
    with pytest.raises(ce.ValidationError):
        ce.Claim("c1", "s", ce.Actor("HTS"), made_on="soon")
    timeline = ce.ControlTimeline([ce.ControlChange("x1", hama, "2024-12-05",
                                                    new=ce.Actor("HTS"))])
    with pytest.raises(ce.ValidationError, match="a day"):
        timeline.holder("Hama", on="December 2024")
    with pytest.raises(ce.ValidationError):
        timeline.holder("Hama", on="12/5/2024")  # ambiguous: refused, not guessed


def test_str_is_short_and_readable_and_repr_is_complete() -> None:
    for event in ce.read(ACLED, "acled"):
        text = str(event)
        assert len(text) < 200, text
        assert text.startswith(f"{event.id} {event.date}")
        assert "\n" not in text
        assert repr(event).startswith("Event(id=")
        assert len(repr(event)) > len(text)
    assert str(ce.Fatalities(37)) == "37"
    assert repr(ce.Fatalities(37)) == "Fatalities(best=37, low=None, high=None)"
    assert str(ce.Actor("HTS", kind=2, country="SYR")) == "HTS (rebel group, SYR)"
    assert str(ce.Location("Hama", country="SYR")) == "Hama, SYR"


@pytest.mark.parametrize("fmt", ["gdelt1", "gdelt2", "icews", "gdelt-reduced"])
def test_text_a_tab_separated_row_cannot_hold_is_reported_under_its_model_path(
        tmp_path: Path, fmt: str) -> None:
    """A tab or line break in a name is written as a space, and the report names the field
    it came from, a path of the model."""
    event = ce.Event(
        id="1", date="2024-12-05", actor1=ce.Actor("Hayat\tTahrir\nal-Sham", cameo_code="SYRREB"),
        actor2=ce.Actor("Syrian army", cameo_code="SYRMIL"),
        classifications=(ce.Classification("cameo", "190"),),
        location=ce.Location("Hama,\tSyria", country="SYR", latitude=35.13, longitude=36.75),
    )
    report = ce.write([event], tmp_path / "out.txt", fmt)
    assert report.written == 1
    for key in report.dropped:
        assert _model_path(key), key
    if fmt != "gdelt-reduced":  # its rows hold codes, no names
        assert report.dropped["actor1.name"] == 1
        assert "\t" not in (tmp_path / "out.txt").read_text("utf-8").splitlines()[-1].split(
            "\t")[6 if fmt.startswith("gdelt") else 2]
