"""Issue 16, D3, D14, D15, K6, K7: writing to a path is atomic, in the API as in the CLI.

A path is written to a temporary file beside it that replaces it at the end; a symbolic link
is followed, a FIFO or a device is written through, a file with several hard links keeps its
links, and the permissions of the file replaced are kept. Write errors are library errors.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import conflictevents as ce
from conflictevents.cli import main

HEADER = "event_id_cnty,event_date,event_type,sub_event_type,notes\n"


def _acled(rows: int) -> str:
    return HEADER + "".join(f"E{i},2024-12-05,Battles,Armed clash,n{i}\n" for i in range(rows))


def _event(number: int = 1) -> ce.Event:
    return ce.Event(id=f"E{number}", date=dt.date(2024, 12, 5),
                    classifications=[ce.Classification("acled", "Armed clash",
                                                       parent="Battles")])


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@pytest.mark.parametrize("policy", ["raise", "skip", "collect"])
def test_writing_over_the_file_being_read_keeps_every_row(tmp_path: Path, policy: str) -> None:
    """D3: ce.write(ce.read(p), p) used to truncate p while it was being streamed."""
    path = tmp_path / "big_same.csv"
    path.write_text(_acled(10_400), encoding="utf-8")
    stream = ce.read(path, on_error=policy)  # type: ignore[arg-type]
    report = ce.write(stream, path, "acled", report=stream.report)
    assert (report.read, report.written, report.skipped) == (10_400, 10_400, 0)
    assert len(path.read_text(encoding="utf-8").splitlines()) == 10_401
    assert [e.id for e in ce.read(path)][-1] == "E10399"
    assert _leftovers(tmp_path) == []


def test_a_failed_write_leaves_the_target_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text("old\n", encoding="utf-8")

    def records() -> object:
        yield _event()
        raise RuntimeError("the source broke")

    with pytest.raises(RuntimeError):
        ce.write(records(), path)  # type: ignore[arg-type]
    assert path.read_text(encoding="utf-8") == "old\n"
    assert _leftovers(tmp_path) == []


def test_the_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text("x\n", encoding="utf-8")
    path.chmod(0o600)
    ce.write([_event()], path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o640)
    ce.write([_event()], path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_new_file_gets_the_umask_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        ce.write([_event()], tmp_path / "new.jsonl")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.jsonl").stat().st_mode) == 0o644


def test_a_symlink_is_followed_not_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    ce.write([_event()], link, "jsonl")
    assert link.is_symlink()
    assert '"id":"E1"' in real.read_text(encoding="utf-8")


def test_a_hard_link_is_kept(tmp_path: Path) -> None:
    first = tmp_path / "a.jsonl"
    first.write_text("old\n", encoding="utf-8")
    second = tmp_path / "b.jsonl"
    os.link(first, second)
    ce.write([_event()], first)
    assert os.path.samefile(first, second)
    assert '"id":"E1"' in second.read_text(encoding="utf-8")


def test_a_fifo_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo1"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    ce.write([_event(), _event(2)], fifo, "jsonl")
    reader.join()
    assert received[0].count(b"\n") == 2
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_device_is_written_through(tmp_path: Path) -> None:
    link = tmp_path / "null.jsonl"
    link.symlink_to(os.devnull)
    ce.write([_event()], link)
    ce.write([_event()], os.devnull, "jsonl")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    assert link.is_symlink()


def test_write_errors_are_library_errors(tmp_path: Path) -> None:
    """K7: a missing folder, a directory and a full disk raise OutputError naming the path."""
    with pytest.raises(ce.OutputError, match="nope") as missing:
        ce.write([_event()], tmp_path / "nope" / "x.jsonl")
    assert isinstance(missing.value, OSError)
    with pytest.raises(ce.OutputError, match="is a directory"):
        ce.write([_event()], tmp_path, "jsonl")
    if os.path.exists("/dev/full"):
        with pytest.raises(ce.OutputError, match="/dev/full") as full:
            ce.write((_event(n) for n in range(5000)), "/dev/full", "jsonl")
        assert full.value.errno == 28
    assert _leftovers(tmp_path) == []


def test_an_upper_case_gz_suffix_is_compressed(tmp_path: Path) -> None:
    """K6: OUT ending in .GZ was written uncompressed."""
    path = tmp_path / "X.JSONL.GZ"
    ce.write([_event()], path, "jsonl")
    assert gzip.decompress(path.read_bytes()).startswith(b'{"schema"')
    assert [e.id for e in ce.read(path)] == ["E1"]


def test_cli_report_json_cannot_overwrite_the_output(tmp_path: Path) -> None:
    """D15."""
    source = tmp_path / "in.csv"
    source.write_text(_acled(3), encoding="utf-8")
    out = tmp_path / "same.jsonl"
    assert main(["convert", str(source), str(out), "--report-json", str(out), "-q"]) == 2
    assert not out.exists()
    assert main(["convert", str(source), "-", "--to", "jsonl", "--report-json", "-",
                 "-q"]) == 2


def test_cli_report_json_folder_is_made(tmp_path: Path) -> None:
    """K6: --report-json into a missing folder failed after OUT was written."""
    source = tmp_path / "in.csv"
    source.write_text(_acled(3), encoding="utf-8")
    report = tmp_path / "reports" / "r.json"
    assert main(["convert", str(source), str(tmp_path / "o" / "o.jsonl"),
                 "--report-json", str(report), "-q"]) == 0
    assert '"written": 3' in report.read_text(encoding="utf-8")


def test_cli_output_through_a_symlink_to_stdout(tmp_path: Path) -> None:
    """D14: convert in.csv mystdout (a link to /proc/self/fd/1) wrote 0 bytes to stdout."""
    if not os.path.exists("/proc/self/fd/1"):
        pytest.skip("no /proc")
    source = tmp_path / "in.csv"
    source.write_text(_acled(3), encoding="utf-8")
    link = tmp_path / "mystdout"
    link.symlink_to("/proc/self/fd/1")
    done = subprocess.run(
        [sys.executable, "-m", "conflictevents", "convert", str(source), str(link),
         "--to", "jsonl", "-q"], capture_output=True, check=False,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count(b"\n") == 3
    assert link.is_symlink()


def test_cli_sigterm_leaves_no_temporary_file(tmp_path: Path) -> None:
    """K6: SIGTERM and SIGHUP left hidden .OUT.xxxx.part files."""
    fifo = tmp_path / "in.csv"
    os.mkfifo(fifo)
    out = tmp_path / "out.jsonl"
    process = subprocess.Popen(
        # --encoding: no look ahead at the input's first megabyte to choose one
        [sys.executable, "-m", "conflictevents", "convert", str(fifo), str(out), "--from",
         "acled", "--encoding", "utf-8", "-q"], stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    with open(fifo, "w", encoding="utf-8") as feed:
        feed.write(_acled(2000))
        feed.flush()
        for _ in range(1200):  # wait for the temporary output file to exist (not a timing test)
            if _leftovers(tmp_path) or process.poll() is not None:
                break
            time.sleep(0.1)
        assert _leftovers(tmp_path), "the conversion never started writing"
        process.send_signal(signal.SIGTERM)
        status = process.wait(timeout=60)
    assert status == 128 + signal.SIGTERM, process.stderr.read() if process.stderr else ""
    assert _leftovers(tmp_path) == []
    assert not out.exists()


def test_write_to_a_text_stream_is_unchanged() -> None:
    out = io.StringIO()
    ce.write([_event()], out, "jsonl")
    assert out.getvalue().count("\n") == 1
