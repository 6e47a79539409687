"""The command as a whole: help, version, exit statuses, progress, and ``python -m``."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from _support import ROOT
from conflictevents import __version__, cli

HAMA = ROOT / "examples" / "hama-2024.jsonl"


def run_module(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "conflictevents", *args],
        input=stdin, capture_output=True, env=env, timeout=120, check=False,
    )


def test_help_has_the_commands_examples_and_exit_statuses(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("convert", "validate", "info", "formats"):
        assert command in out
    assert "examples:" in out
    assert "exit status:" in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out == f"conflictevents {__version__}\n"


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == 2
    assert "usage: conflictevents" in capsys.readouterr().err


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["transmogrify", "x"]) == 2
    assert "invalid choice: 'transmogrify'" in capsys.readouterr().err


def test_keyboard_interrupt_exits_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_info", interrupted)
    assert cli.main(["info", str(HAMA)]) == 130
    assert "Traceback" not in capsys.readouterr().err


def test_broken_pipe_exits_141_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(args: object) -> int:
        raise BrokenPipeError

    monkeypatch.setattr(cli, "_quiet_broken_pipe", lambda: None)  # keep pytest's stdout
    monkeypatch.setattr(cli, "_info", broken)
    assert cli.main(["info", str(HAMA)]) == 141
    assert capsys.readouterr().err == ""


# -- progress ---------------------------------------------------------------------------------


def test_no_progress_when_stderr_is_not_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch = pytest.MonkeyPatch()
    with monkeypatch.context() as patch:
        patch.setattr(cli._Progress, "CHECK_EVERY", 1)
        patch.setattr(cli._Progress, "INTERVAL", 0.0)
        assert cli.main(["convert", str(HAMA), str(tmp_path / "o.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "\r" not in err
    assert "rows/s" not in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_shows_rows_and_rate_then_clears(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(cli._Progress, "CHECK_EVERY", 1)
    monkeypatch.setattr(cli._Progress, "INTERVAL", 0.0)
    assert cli.main(["convert", str(HAMA), str(tmp_path / "o.jsonl")]) == 0
    shown = terminal.getvalue()
    assert "\r1 rows  " in shown
    assert " rows/s\x1b[K" in shown
    progress, _, summary = shown.rpartition("\r\x1b[K")  # cleared before the report
    assert "rows/s" in progress
    assert "rows/s" not in summary
    assert summary.startswith("conflictevents: ")


def test_progress_is_silent_with_quiet_even_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(cli._Progress, "CHECK_EVERY", 1)
    monkeypatch.setattr(cli._Progress, "INTERVAL", 0.0)
    assert cli.main(["convert", str(HAMA), str(tmp_path / "o.jsonl"), "--quiet"]) == 0
    assert terminal.getvalue() == ""


def test_progress_is_rate_limited() -> None:
    terminal = _Terminal()
    progress = cli._Progress(terminal, enabled=True)
    progress.CHECK_EVERY = 1
    progress.INTERVAL = 3600.0  # never due within this test
    report = cli.ConversionReport()
    assert len(list(progress.track(iter(range(1000)), report))) == 1000  # type: ignore[arg-type]
    progress.clear()
    assert terminal.getvalue() == ""


# -- through python -m ------------------------------------------------------------------------


def test_python_m_converts_stdin_to_stdout() -> None:
    done = run_module("convert", "-", "-", "--to", "jsonl", stdin=HAMA.read_bytes())
    assert done.returncode == 0, done.stderr
    assert done.stdout == HAMA.read_bytes()
    err = done.stderr.decode()
    count = sum(1 for line in HAMA.read_text("utf-8").splitlines() if line.strip())
    assert f"read {count}, written {count}, skipped 0" in err
    assert "\r" not in err  # stderr is a pipe: no progress display


def test_python_m_error_exit_without_traceback(tmp_path: Path) -> None:
    done = run_module("validate", str(tmp_path / "missing.csv"))
    assert done.returncode == 2
    assert done.stderr.decode().startswith("conflictevents: error: ")
    assert b"Traceback" not in done.stderr


def test_python_m_version() -> None:
    done = run_module("--version")
    assert done.returncode == 0
    assert done.stdout.decode().strip() == f"conflictevents {__version__}"


def test_python_m_closed_stdout_is_quiet(tmp_path: Path) -> None:
    big = tmp_path / "big.jsonl"
    text = HAMA.read_text("utf-8")
    big.write_text(text * 3000, "utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen(
        [sys.executable, "-m", "conflictevents", "convert", str(big), "-", "--to", "jsonl"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.readline()
    process.stdout.close()  # like `| head -1`
    err = process.stderr.read()
    assert process.wait(timeout=120) == 141
    assert b"Traceback" not in err
    assert b"Exception ignored" not in err
