"""Generate the MyST tables of every format's reader and writer options.

Called from ``docs/conf.py``, like :mod:`_gen_codes`; each page of ``docs/formats/`` includes
``_generated/options/<format>.md``, written from the options classes themselves
(:meth:`conflictevents.formats.ReadOptions.describe`), so the tables cannot drift from the
code. ``conflictevents formats -v`` prints the same lists.
"""

from __future__ import annotations

from pathlib import Path

from conflictevents.formats import format_names, get_format
from conflictevents.formats._options import Options

__all__ = ["generate"]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "\\n").replace("\r", "\\r")


def _table(cls: type[Options]) -> str:
    lines = ["| option | type | default | what it does |", "|---|---|---|---|"]
    for info in cls.describe():
        doc = info.doc + ("" if info.text else " (library only: not on the command line)")
        lines.append(f"| `{info.name}` | {_cell(info.type)} | {_cell(info.default)} | "
                     f"{_cell(doc)} |")
    return "\n".join(lines) + "\n"


def page(name: str) -> str:
    """The options of format *name*, as MyST."""
    spec = get_format(name)
    return (
        f"**Reading `{name}`** ({{py:func}}`conflictevents.read`, "
        f"`conflictevents convert/validate/info --read-option KEY=VALUE`):\n\n"
        + _table(spec.read_options)
        + f"\n**Writing `{name}`** ({{py:func}}`conflictevents.write`, "
        f"`conflictevents convert --write-option KEY=VALUE`):\n\n"
        + _table(spec.write_options)
    )


def generate(folder: Path) -> None:
    """Write ``<format>.md`` for every format into *folder* (only files that changed)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in format_names():
        path = folder / f"{name}.md"
        text = page(name)
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
