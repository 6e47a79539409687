"""Reader and writer options: typed objects, checked when built, reachable from the API and the
command line for every format (``formats/_options.py``, ``_cli_options.py``)."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import io
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import conflictevents as ce
from conflictevents import cli
from conflictevents.formats import _registry, format_names, get_format
from conflictevents.formats._options import Options, ReadOptions, WriteOptions, _hints
from conflictevents.formats._registry import FormatSpec

FORMATS = format_names()
PARQUET = "parquet"

# Text values for string options whose values are checked beyond their type.
_TEXTS = {"encoding": "latin-1", "member": "events.csv", "date_style": "%d %B %Y",
          ("ucdp-ged", "layout"): "19.1"}


def _sample_text(fmt: str, cls: type[Options], name: str) -> str:
    """A text for option *name* whose value is not the option's default."""
    field = attrs.fields_dict(cls)[name]
    if (fmt, name) in _TEXTS:
        return str(_TEXTS[fmt, name])
    if name in _TEXTS:
        return str(_TEXTS[name])
    members = typing.get_args(_hints(cls)[name]) or (_hints(cls)[name],)
    flat: list[Any] = []
    for member in members:
        flat += list(typing.get_args(member)) if typing.get_origin(member) is typing.Literal \
            else [member]
    for member in flat:
        if isinstance(member, str) and member != field.default:
            return {"\n": "lf", "\r\n": "crlf"}.get(member, member)
        if member is bool:
            return "false" if field.default is True else "true"
        if member is int or member is float:
            return str(int(field.default or 0) + 7)
        if typing.get_origin(member) is tuple:
            return "id,event_date"
        if member is str:
            return "current"
    raise AssertionError(f"no sample text for {fmt} option {name}")


def _options(kind: str) -> list[tuple[str, type[Options], str]]:
    found = []
    for fmt in FORMATS:
        spec = get_format(fmt)
        cls: type[Options] = spec.read_options if kind == "read" else spec.write_options
        for field in attrs.fields(cls):
            if not field.metadata.get("api_only"):
                found.append((fmt, cls, field.name))
    return found


READ_OPTIONS = _options("read")
WRITE_OPTIONS = _options("write")


def _id(value: Any) -> str:
    return value.__qualname__ if isinstance(value, type) else str(value)


# -- the options classes ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_names_options_classes_with_documented_fields(fmt: str) -> None:
    spec = get_format(fmt)
    assert issubclass(spec.read_options, ReadOptions)
    assert issubclass(spec.write_options, WriteOptions)
    for cls in (spec.read_options, spec.write_options):
        assert cls.FORMAT, cls
        described = cls.describe()
        assert [info.name for info in described] == [f.name for f in attrs.fields(cls)]
        for info in described:
            assert info.doc, (cls, info)
            assert info.type, (cls, info)
        assert cls() == cls()  # every option has a default


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unknown_name_is_a_type_error_listing_the_names(fmt: str) -> None:
    spec = get_format(fmt)
    for cls in (spec.read_options, spec.write_options):
        with pytest.raises(TypeError) as caught:
            cls(derived=True)
        message = str(caught.value)
        assert "derived" in message
        assert all(name in message for name in cls.names())


@pytest.mark.parametrize(("fmt", "cls", "name"), READ_OPTIONS + WRITE_OPTIONS, ids=_id)
def test_a_value_of_the_wrong_type_is_refused_when_built(
    fmt: str, cls: type[Options], name: str
) -> None:
    with pytest.raises((TypeError, ValueError), match=name):
        cls(**{name: object()})


@pytest.mark.parametrize(("fmt", "cls", "name"), READ_OPTIONS + WRITE_OPTIONS, ids=_id)
def test_every_option_converts_from_text(fmt: str, cls: type[Options], name: str) -> None:
    text = _sample_text(fmt, cls, name)
    options = cls.from_text({name: text})
    assert getattr(options, name) != attrs.fields_dict(cls)[name].default
    assert options.changed() == {name: getattr(options, name)}


@pytest.mark.parametrize(("text", "value"), [("yes", True), ("No", False), ("1", True),
                                             ("off", False), ("true", True)])
def test_booleans_read_from_text(text: str, value: bool) -> None:
    assert get_format("gdelt2").write_options.from_text({"derive": text}).derive is value


def test_text_errors_name_the_option_and_the_value() -> None:
    cls = get_format("ucdp-ged").write_options
    with pytest.raises(ValueError, match="header: 'maybe'"):
        cls.from_text({"header": "maybe"})
    with pytest.raises(ValueError, match="line_terminator: 'cr' is not one of"):
        cls.from_text({"line_terminator": "cr"})
    with pytest.raises(ValueError, match="max_field: 'many'"):
        get_format("jsonl").read_options.from_text({"max_field": "many"})
    with pytest.raises(ValueError, match=r"id_map .* cannot be given as text"):
        get_format("icews").write_options.from_text({"id_map": "a=b"})
    with pytest.raises(ValueError, match="at least 1"):
        get_format("jsonl").read_options(max_field=0)
    with pytest.raises(ValueError, match="encoding: unknown encoding 'klingon'"):
        get_format("hxl").write_options(encoding="klingon")


def test_options_are_frozen_and_lists_become_tuples() -> None:
    options = get_format("ucdp-ged").write_options(columns=["id", "year"])
    assert options.columns == ("id", "year")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        options.columns = ()  # type: ignore[misc]


def test_membership_asks_whether_a_format_takes_an_option() -> None:
    assert "derive" in get_format("gdelt2").write_options
    assert "layout" not in get_format("gdelt2").write_options
    assert "layout" in get_format("gdelt1").write_options


# -- every option reaches the reader and the writer, from the API and the command line ---------


def _spy(monkeypatch: pytest.MonkeyPatch, fmt: str, kind: str = "") -> list[Options]:
    """Replace *fmt*'s reader and writer by ones that record the options they get (only the
    reader's or the writer's if *kind* says which)."""
    seen: list[Options] = []
    spec = get_format(fmt)

    def read(source: Any, policy: Any, options: Options) -> Iterator[ce.Record]:
        if kind != "write":
            seen.append(options)
        return iter(())

    def write(records: Any, stream: Any, report: Any, options: Options) -> None:
        if kind != "read":
            seen.append(options)
        for _ in records:
            report.written += 1

    spied: FormatSpec = attrs.evolve(spec, read=read, write=write)
    monkeypatch.setitem(_registry._SPECS, fmt, spied)
    return seen


def _event() -> ce.Event:
    return ce.Event("1", dt.date(2024, 12, 5))


@pytest.mark.parametrize(("fmt", "cls", "name"), READ_OPTIONS, ids=_id)
def test_every_read_option_reaches_the_reader(
    fmt: str, cls: type[Options], name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    value = getattr(cls.from_text({name: _sample_text(fmt, cls, name)}), name)
    seen = _spy(monkeypatch, fmt)
    source = tmp_path / "in.txt"
    source.write_text("anything\n", "utf-8")
    list(ce.read(source, fmt, **{name: value}))
    assert [getattr(options, name) for options in seen] == [value]
    assert type(seen[0]) is cls


@pytest.mark.parametrize(("fmt", "cls", "name"), READ_OPTIONS, ids=_id)
def test_every_read_option_reaches_the_reader_from_the_command_line(
    fmt: str, cls: type[Options], name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    text = _sample_text(fmt, cls, name)
    seen = _spy(monkeypatch, fmt)
    source = tmp_path / "in.txt"
    source.write_text("anything\n", "utf-8")
    assert cli.main(["validate", str(source), "--from", fmt, "--option", f"{name}={text}",
                     "-q"]) == 0
    assert [getattr(options, name) for options in seen] == [
        getattr(cls.from_text({name: text}), name)]


@pytest.mark.parametrize(("fmt", "cls", "name"), WRITE_OPTIONS, ids=_id)
def test_every_write_option_reaches_the_writer(
    fmt: str, cls: type[Options], name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    value = getattr(cls.from_text({name: _sample_text(fmt, cls, name)}), name)
    seen = _spy(monkeypatch, fmt)
    ce.write([_event()], tmp_path / "out", fmt, **{name: value})
    assert [getattr(options, name) for options in seen] == [value]
    assert type(seen[0]) is cls


@pytest.mark.parametrize(("fmt", "cls", "name"), WRITE_OPTIONS, ids=_id)
def test_every_write_option_reaches_the_writer_from_the_command_line(
    fmt: str, cls: type[Options], name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    text = _sample_text(fmt, cls, name)
    source = tmp_path / "in.jsonl"
    ce.write([_event()], source, "jsonl")
    if fmt == PARQUET:  # the command line writes Parquet through the event table
        pytest.importorskip("pyarrow")
        monkeypatch.setattr(cli, "_columnar_to_parquet", lambda *args: None)
    seen = _spy(monkeypatch, fmt, "write")
    assert cli.main(["convert", str(source), str(tmp_path / "out"), "--to", fmt,
                     "--write-option", f"{name}={text}", "-q"]) == 0
    assert [getattr(options, name) for options in seen] == [
        getattr(cls.from_text({name: text}), name)]


def test_api_only_options_reach_the_writer(monkeypatch: pytest.MonkeyPatch) -> None:
    for fmt in FORMATS:
        cls = get_format(fmt).write_options
        for field in attrs.fields(cls):
            if field.metadata.get("api_only"):
                seen = _spy(monkeypatch, fmt)
                ids: dict[str, str] = {}
                ce.write([_event()], io.StringIO(), fmt, **{field.name: ids})
                assert getattr(seen[0], field.name) is ids


def test_an_options_object_may_be_passed_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    cls = get_format("ucdp-ged").write_options
    seen = _spy(monkeypatch, "ucdp-ged")
    given = cls(line_terminator="\r\n", header=False)
    ce.write([_event()], io.StringIO(), "ucdp-ged", options=given, spreadsheet_safe=True)
    assert seen[0] == attrs.evolve(given, spreadsheet_safe=True)
    with pytest.raises(TypeError, match="options= must be"):
        ce.write([_event()], io.StringIO(), "ucdp-ged",
                 options=get_format("hxl").write_options())
    seen.clear()
    ce.write([_event()], io.StringIO(), "ucdp-ged", options=WriteOptions(encoding="cp1252"))
    assert seen == [cls(encoding="cp1252")]  # the common options of any format


def test_a_read_options_object_works_with_detection() -> None:
    from conflictevents.formats import ucdp

    text = "id,type_of_violence,where_prec,date_prec,date_start,date_end,best\n" \
        "7,1,1,1,2024-12-05,2024-12-05,3\n"
    stream = ce.read(io.StringIO(text), options=ucdp.ReadOptions(derive=True))
    assert next(stream).classification("acled") is not None
    with pytest.raises(TypeError, match="options= must be"):
        ce.read(io.StringIO(text), options=get_format("hxl").read_options())


# -- bad options fail before any output exists -------------------------------------------------


def test_parquet_options_reach_the_event_table_writer(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    source = tmp_path / "in.jsonl"
    ce.write([_event()], source, "jsonl")
    out = tmp_path / "out.parquet"
    assert cli.main(["convert", str(source), str(out), "--write-option", "compression=snappy",
                     "-q"]) == 0
    assert pq.ParquetFile(out).metadata.row_group(0).column(0).compression == "SNAPPY"


@pytest.mark.parametrize("fmt", FORMATS)
def test_bad_write_options_create_no_file(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(TypeError):
        ce.write([_event()], out, fmt, derived=False)
    cls = get_format(fmt).write_options
    with pytest.raises((TypeError, ValueError)):
        ce.write([_event()], out, fmt, **{attrs.fields(cls)[-1].name: object()})
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_bad_options_on_the_command_line_create_no_file(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    ce.write([_event()], source, "jsonl")
    out = tmp_path / "sub" / "out"
    for flags in (["--write-option", "derived=no"], ["--option", "derived=no"],
                  ["--write-option", "encoding=klingon"], ["--read-option", "max_field=many"],
                  ["--write-option", "nothing"]):
        assert cli.main(["convert", str(source), str(out), "--to", fmt, *flags]) == 2, flags
        assert "derived" in capsys.readouterr().err or flags[1] != "derived=no"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_an_option_both_ends_take_must_name_its_end(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    ce.write([_event()], source, "jsonl")
    assert cli.main(["convert", str(source), str(tmp_path / "o.csv"), "--to", "ucdp-ged",
                     "--option", "encoding=latin-1"]) == 2
    assert "give --read-option encoding=... or --write-option" in capsys.readouterr().err
    assert cli.main(["convert", str(source), str(tmp_path / "o.csv"), "--to", "ucdp-ged",
                     "--option", "header=no", "--option", "max_field=1000", "-q"]) == 0
    assert (tmp_path / "o.csv").read_text("utf-8").startswith("1,")


def test_layout_flag_goes_to_writers_with_layouts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    ce.write([_event()], source, "jsonl")
    out = tmp_path / "o.csv"
    assert cli.main(["convert", str(source), str(out), "--to", "ucdp-ged", "--layout", "19.1",
                     "-q"]) == 0
    assert out.read_text("utf-8").splitlines()[0] == ",".join(
        ce.formats.ucdp.COLUMNS_19_1)  # type: ignore[attr-defined]
    assert cli.main(["convert", str(source), str(tmp_path / "o.jsonl"), "--layout", "x"]) == 2
    assert "one layout" in capsys.readouterr().err


# -- the module functions, the listing -----------------------------------------------------------


_NOT_OPTIONS = {"source", "target", "records", "report", "version"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_module_functions_take_only_options_with_the_same_defaults(fmt: str) -> None:
    module = importlib.import_module("conflictevents.formats.acled" if fmt == "acled-api"
                                     else _registry._MODULES[fmt])
    spec = get_format(fmt)
    for function, cls in ((module.read, spec.read_options), (module.write, spec.write_options)):
        if fmt == "acled-api":
            function = module.read_api if cls is spec.read_options else module.write_api
        defaults = {f.name: f.default for f in attrs.fields(cls)}
        for parameter in inspect.signature(function).parameters.values():
            if parameter.name in _NOT_OPTIONS:
                continue
            taken = parameter.name in cls.names() or (
                fmt == "gdelt2" and parameter.name == "layout")  # a GDELT 1.0 option of write()
            assert taken, (fmt, function.__name__, parameter.name)
            if parameter.name in defaults and parameter.default is not None:
                assert parameter.default == defaults[parameter.name], (fmt, parameter.name)


def test_formats_verbose_lists_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["formats", "-v"]) == 0
    out = capsys.readouterr().out
    for fmt in FORMATS:
        block = out.split(f"\n{fmt} ", 1)[-1] if not out.startswith(fmt + " ") else out
        spec = get_format(fmt)
        for cls in (spec.read_options, spec.write_options):
            for info in cls.describe():
                assert f"    {info.name} ({info.type}; default {info.default})" in block
    assert cli.main(["formats"]) == 0
    assert "formats -v" in capsys.readouterr().out


def test_acled_layout_as_columns_still_works_with_a_warning() -> None:
    from conflictevents.formats import acled

    event = ce.Event("x1", dt.date(2024, 12, 5), classifications=[
        ce.Classification("acled", "Attack", parent="Violence against civilians")])
    columns = ["event_id_cnty", "event_date", "event_type"]
    out, old = io.StringIO(), io.StringIO()
    acled.write([event], out, columns=columns)
    with pytest.warns(DeprecationWarning, match="columns=..."):
        acled.write([event], old, layout=columns)
    with pytest.warns(DeprecationWarning, match="columns"):
        ce.write([event], io.StringIO(), "acled-api", layout=tuple(columns))
    assert old.getvalue() == out.getvalue() == "event_id_cnty,event_date,event_type\n" \
        "x1,2024-12-05,Violence against civilians\n"
    with pytest.raises(ValueError, match="layout and columns"):
        acled.write([event], io.StringIO(), layout="legacy", columns=columns)


def test_a_legacy_format_spec_still_works_with_a_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[Any] = []

    def write(records: Any, stream: Any, report: Any, options: Any) -> None:
        seen.append((options.get("level", 3), options.get("derive", False)))

    with pytest.warns(DeprecationWarning, match="options classes"):
        spec = FormatSpec(name="old", title="old", read=lambda *a: iter(()), write=write,
                          sniff=lambda head: False, write_options=frozenset({"level"}))
    monkeypatch.setitem(_registry._SPECS, "old", spec)
    ce.write([], io.StringIO(), "old", level=5)
    ce.write([], io.StringIO(), "old")
    assert seen == [(5, False), (3, False)]
    assert "level" in spec.write_options
    with pytest.raises(TypeError, match="levels"):
        ce.write([], io.StringIO(), "old", levels=5)


def test_pipeline_conversions_run_from_the_shell_with_options(tmp_path: Path) -> None:
    from _support import ROOT

    data = ROOT / "examples" / "data"
    acled_out = tmp_path / "ged.acled.csv"
    assert cli.main(["convert", str(data / "ucdp-ged-syria-2024-12.csv"), str(acled_out),
                     "--to", "acled", "--read-option", "derive=yes",
                     "--write-option", "line_terminator=crlf", "-q"]) == 0
    text = acled_out.read_bytes().decode("utf-8")
    assert text.count("\r\n") == 3  # the header and two events
    assert [e.classification("acled") is not None for e in ce.read(acled_out)] == [True, True]
    gdelt_out = tmp_path / "acled.export.CSV"
    assert cli.main(["convert", str(data / "acled-syria-2024-12.csv"), str(gdelt_out),
                     "--to", "gdelt2", "--option", "number_from=500", "--option",
                     "max_field=100000", "--encoding", "utf-8", "--monthfirst", "-q"]) == 0
    ids = [line.split("\t")[0] for line in gdelt_out.read_text("utf-8").splitlines()]
    assert ids == [str(n) for n in range(500, 526)]


def test_reader_options_on_standard_input_need_the_format(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    assert cli.main(["validate", "-", "--option", "max_field=5"]) == 2
    assert "reader options on standard input need --from" in capsys.readouterr().err


@attrs.frozen(kw_only=True)
class _Renamed(WriteOptions):
    FORMAT: typing.ClassVar[str] = "renamed"
    RENAMED: typing.ClassVar[dict[str, str]] = {"eol": "line_end"}

    line_end: str = attrs.field(default="\n", metadata={"doc": "the line end"})


def test_a_renamed_option_works_under_its_old_name_with_a_warning() -> None:
    with pytest.warns(DeprecationWarning, match="option eol is now called line_end"):
        assert _Renamed.build({"eol": "\r\n"}).line_end == "\r\n"
    with pytest.warns(DeprecationWarning, match="line_end"):
        assert _Renamed.from_text({"eol": "x"}).line_end == "x"
    with pytest.raises(TypeError, match="eol"):
        _Renamed(eol="\r\n")  # type: ignore[call-arg]
