"""``conflictevents convert``: formats, files, standard streams, error policies, the report."""

from __future__ import annotations

import gzip
import io
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar, TextIO

import attrs
import pytest

import conflictevents as ce
from _support import FIXTURES, ROOT
from conflictevents import cli
from conflictevents.formats import _registry
from conflictevents.formats._options import WriteOptions, derive_option
from conflictevents.formats._registry import FormatSpec
from conflictevents.formats.report import ConversionReport

HAMA = ROOT / "examples" / "hama-2024.jsonl"
TWO_BAD = FIXTURES / "cli" / "two-bad-lines.jsonl"
HAMA_COUNT = sum(1 for line in HAMA.read_text("utf-8").splitlines() if line.strip())
TWO_BAD_GOOD = 9  # the good lines of the fixture


def records_of(path: Path) -> list[ce.Record]:
    return list(ce.read(path, "jsonl"))


def good_records_of_two_bad() -> list[ce.Record]:
    return list(ce.read(TWO_BAD, "jsonl", on_error="skip"))


def test_convert_jsonl_to_jsonl_reproduces_the_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "copy.jsonl"
    assert cli.main(["convert", str(HAMA), str(out)]) == 0
    assert records_of(out) == records_of(HAMA)
    err = capsys.readouterr().err
    assert f"{HAMA} (jsonl) -> {out} (jsonl)" in err
    assert f"read {HAMA_COUNT}, written {HAMA_COUNT}, skipped 0" in err


def test_convert_writes_gzip_when_the_output_ends_in_gz(tmp_path: Path) -> None:
    out = tmp_path / "copy.jsonl.gz"
    assert cli.main(["convert", str(HAMA), str(out), "--quiet"]) == 0
    with gzip.open(out, "rt", encoding="utf-8") as unzipped:
        assert unzipped.read() == HAMA.read_text("utf-8")


def test_convert_reads_gzip_input(tmp_path: Path) -> None:
    zipped = tmp_path / "hama.jsonl.gz"
    zipped.write_bytes(gzip.compress(HAMA.read_bytes()))
    out = tmp_path / "plain.jsonl"
    assert cli.main(["convert", str(zipped), str(out), "-q"]) == 0
    assert out.read_text("utf-8") == HAMA.read_text("utf-8")


def test_convert_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["convert", str(HAMA), "-", "--to", "jsonl"]) == 0
    captured = capsys.readouterr()
    assert captured.out == HAMA.read_text("utf-8")
    assert f"read {HAMA_COUNT}, written {HAMA_COUNT}" in captured.err


def test_convert_from_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(HAMA.read_bytes())))
    out = tmp_path / "from-stdin.jsonl"
    assert cli.main(["convert", "-", str(out)]) == 0  # format detected from the content
    assert records_of(out) == records_of(HAMA)
    assert "- (jsonl) ->" in capsys.readouterr().err


def test_convert_gzip_from_stdin_to_stdout(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = gzip.compress(HAMA.read_bytes())
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert cli.main(["convert", "-", "-", "--from", "jsonl", "--to", "jsonl", "-q"]) == 0
    captured = capsys.readouterr()
    assert captured.out == HAMA.read_text("utf-8")
    assert captured.err == ""


def test_quiet_prints_nothing_on_success(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["convert", str(HAMA), str(tmp_path / "q.jsonl"), "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")


def test_report_json_is_saved(tmp_path: Path) -> None:
    saved = tmp_path / "report.json"
    out = tmp_path / "skipped.jsonl"
    status = cli.main(["convert", str(TWO_BAD), str(out), "--on-error", "collect", "-q",
                       "--report-json", str(saved)])
    assert status == 1
    data = json.loads(saved.read_text("utf-8"))
    assert data["read"] == TWO_BAD_GOOD
    assert data["written"] == TWO_BAD_GOOD
    assert data["skipped"] == 2
    assert data["from"] == "jsonl"
    assert data["to"] == "jsonl"
    assert [error.split(": ")[0] for error in data["errors"]] == [
        f"{TWO_BAD}:4", f"{TWO_BAD}:8"
    ]


# -- bad rows under each policy ---------------------------------------------------------------


def test_raise_stops_at_the_first_bad_row_and_leaves_no_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "never.jsonl"
    assert cli.main(["convert", str(TWO_BAD), str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"conflictevents: error: {TWO_BAD}:4: not valid JSON")
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # neither the output nor a temporary file


def test_raise_keeps_an_existing_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "existing.jsonl"
    out.write_text("precious\n", "utf-8")
    assert cli.main(["convert", str(TWO_BAD), str(out), "-q"]) == 1
    assert out.read_text("utf-8") == "precious\n"
    assert list(tmp_path.iterdir()) == [out]


def test_skip_writes_the_good_rows_counts_the_bad_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "good.jsonl"
    assert cli.main(["convert", str(TWO_BAD), str(out), "--on-error", "skip"]) == 1
    assert records_of(out) == good_records_of_two_bad()
    assert len(records_of(out)) == TWO_BAD_GOOD
    err = capsys.readouterr().err
    assert "read 9, written 9, skipped 2" in err
    assert "errors (" not in err  # skip keeps no errors


def test_collect_lists_every_error_in_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "good.jsonl"
    assert cli.main(["convert", str(TWO_BAD), str(out), "--on-error", "collect"]) == 1
    assert records_of(out) == good_records_of_two_bad()
    assert len(records_of(out)) == TWO_BAD_GOOD
    err = capsys.readouterr().err
    assert "read 9, written 9, skipped 2" in err
    assert "errors (2):" in err
    assert f"  {TWO_BAD}:4: not valid JSON" in err
    assert f"  {TWO_BAD}:8: a record must be a JSON object (value [1, 2])" in err


# -- errors of the command itself -------------------------------------------------------------


def test_missing_input_exits_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.csv"
    assert cli.main(["convert", str(missing), str(tmp_path / "out.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err == f"conflictevents: error: {missing}: cannot open: No such file or directory\n"
    assert not (tmp_path / "out.jsonl").exists()


@pytest.mark.parametrize("option", ["--from", "--to"])
def test_unknown_format_exits_2(
    option: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = cli.main(["convert", str(HAMA), str(tmp_path / "o.jsonl"), option, "nope"])
    assert status == 2
    err = capsys.readouterr().err
    assert err.startswith("conflictevents: error: unknown format 'nope'; known formats:")
    assert "jsonl" in err


def test_output_format_that_cannot_be_told_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.txt"
    assert cli.main(["convert", str(HAMA), str(out)]) == 2
    assert "cannot tell the output format from the file name; pass --to" in (
        capsys.readouterr().err
    )
    assert not out.exists()


def test_stdout_needs_to(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["convert", str(HAMA), "-"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "standard output; pass --to" in captured.err


def test_input_format_that_cannot_be_told_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mystery = tmp_path / "mystery.dat"
    mystery.write_text("hello\nworld\n", "utf-8")
    assert cli.main(["convert", str(mystery), str(tmp_path / "o.jsonl")]) == 2
    assert "cannot tell the format" in capsys.readouterr().err


def test_unwritable_output_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    out = blocker / "dir" / "o.jsonl"  # a folder cannot be made inside a file
    assert cli.main(["convert", str(HAMA), str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("conflictevents: error: ")
    assert "a-file" in err
    assert len(err.strip().splitlines()) == 1  # one line, no traceback


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["convert", str(HAMA)]) == 2
    err = capsys.readouterr().err
    assert "usage: conflictevents convert" in err
    assert "the following arguments are required: OUT" in err


def test_bad_policy_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["convert", str(HAMA), "-", "--to", "jsonl", "--on-error", "ignore"]) == 2
    assert "invalid choice: 'ignore'" in capsys.readouterr().err


# -- --derive passes through to writers that take it -------------------------------------------


@attrs.frozen(kw_only=True)
class _DerivingOptions(WriteOptions):
    FORMAT: ClassVar[str] = "deriving"

    derive: bool = derive_option()


def _fake_writer(seen: list[Mapping[str, Any]]) -> Any:
    def write(records: Iterable[ce.Record], stream: TextIO, report: ConversionReport,
              options: _DerivingOptions) -> None:
        seen.append({"derive": options.derive})
        for _ in records:
            report.written += 1
            if options.derive:
                report.derive("cameo code from acled")
        stream.write("done\n")

    return write


def _no_records(source: Any, policy: Any, options: Any) -> Iterator[ce.Record]:
    return iter(())


@pytest.fixture
def deriving_format(monkeypatch: pytest.MonkeyPatch) -> list[Mapping[str, Any]]:
    """A format 'deriving' (suffix .deriving) whose writer takes derive=; records its options."""
    seen: list[Mapping[str, Any]] = []
    spec = FormatSpec(name="deriving", title="test format that derives", read=_no_records,
                      write=_fake_writer(seen), sniff=lambda head: False,
                      suffixes=(".deriving",), write_options=_DerivingOptions)
    monkeypatch.setitem(_registry._SPECS, "deriving", spec)
    return seen


def test_derive_is_on_by_default_and_reported(
    deriving_format: list[Mapping[str, Any]], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["convert", str(HAMA), str(tmp_path / "o.deriving")]) == 0
    assert deriving_format == [{"derive": True}]
    err = capsys.readouterr().err
    assert f"derived through a crosswalk:\n  cameo code from acled: {HAMA_COUNT}" in err


def test_no_derive_passes_false(
    deriving_format: list[Mapping[str, Any]], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["convert", str(HAMA), str(tmp_path / "o.deriving"), "--no-derive"]) == 0
    assert deriving_format == [{"derive": False}]
    err = capsys.readouterr().err
    assert "crosswalk derivation off (--no-derive)" in err
    assert "derived through" not in err


def test_derive_is_not_passed_to_writers_without_it(
    deriving_format: list[Mapping[str, Any]], tmp_path: Path
) -> None:
    # jsonl's writer takes no options: --derive must not reach it (it would be a TypeError)
    assert cli.main(["convert", str(HAMA), str(tmp_path / "o.jsonl"), "--derive", "-q"]) == 0
    assert deriving_format == []


def test_help_documents_derive_and_examples(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["convert", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--derive, --no-derive" in out
    assert "on by\n" in out or "on by default" in " ".join(out.split())
    assert "examples:" in out
