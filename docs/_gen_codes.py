"""Generate the MyST tables of every code in :mod:`conflictevents.codes`.

Called from ``docs/conf.py``::

    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    import _gen_codes

    _gen_codes.generate(Path(__file__).parent / "_generated" / "codes")

``docs/reference/codes.md`` includes the files it writes (``cameo_events.md`` and the
others listed in :data:`FILES`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from conflictevents.codes import acled, cameo, crosswalks, plover, ucdp

__all__ = ["FILES", "generate"]


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _code(value: str) -> str:
    return f"`{value}`" if value else ""


def _cameo_events() -> str:
    parts = []
    for root in cameo.events(level=1):
        parts.append(f"### {root.code} {root.name.title()}\n\n")
        parts.append(f"QuadClass {root.quad_class}.\n\n")
        parts.append(_table(
            ["Code", "Name", "Level", "Goldstein"],
            ([_code(e.code), e.name, e.level,
              "—" if e.goldstein is None else f"{e.goldstein:+.1f}"]
             for e in cameo.events(root=root.code)),
        ))
        parts.append("\n")
    return "".join(parts)


def _cameo_quads() -> str:
    return _table(["QuadClass", "Name", "Roots"],
                  ([q.code, q.name, ", ".join(q.roots)] for q in cameo.quad_classes()))


def _cameo_countries() -> str:
    return _table(["Code", "Name", "Kind"],
                  ([_code(c.code), c.name, c.kind] for c in cameo.actor_countries()))


def _pairs(items: Iterable[cameo.CameoCodeName]) -> str:
    return _table(["Code", "Name"], ([_code(i.code), i.name] for i in items))


def _acled() -> str:
    parts = ["### Event types and sub-event types\n\n"]
    parts.append(_table(
        ["Event type", "Sub-event type", "Disorder type"],
        ([s.event_type, s.name, s.disorder_type] for s in acled.sub_event_types()),
    ))
    parts.append("\n### Actor types (`inter1`, `inter2`)\n\n")
    parts.append(_table(["Code", "Name", "Label in newer exports"],
                        ([a.code, a.name, a.label] for a in acled.actor_types())))
    parts.append("\n### Interaction codes\n\n")
    parts.append(_table(["Code", "Label"],
                        ([i.code, i.label] for i in acled.interactions())))
    parts.append("\n### Event types before 2019\n\n")
    parts.append(_table(
        ["Event type (before 2019)", "Current event type(s)", "Current sub-event type",
         "Description"],
        ([t.name, " or ".join(t.event_types), t.sub_event_type or "", t.description]
         for t in acled.legacy_event_types()),
    ))
    parts.append("\n### Precision codes\n\n")
    parts.append(_table(
        ["Column", "Code", "Meaning"],
        ([f"`{p.kind}_precision`", p.code, p.meaning]
         for p in [*acled.time_precisions(), *acled.geo_precisions()]),
    ))
    return "".join(parts)


def _plover() -> str:
    parts = [_table(
        ["Event type", "Quad", "Score", "Recipient required", "Modes", "Description"],
        ([t.name + (f" (alias {', '.join(t.aliases)})" if t.aliases else ""),
          plover.QUAD_NAMES[t.quad_class], f"{t.score:+.1f}",
          "yes" if t.requires_recipient else "no",
          ", ".join(f"`{m.name}`" for m in plover.modes(t.name)), t.description]
         for t in plover.event_types()),
    )]
    parts.append("\n### Modes\n\n")
    parts.append(_table(
        ["Event type", "Mode", "Description"],
        ([m.event_type, f"`{m.name}`", m.description]
         for t in plover.event_types() for m in plover.modes(t.name)),
    ))
    return "".join(parts)


def _crosswalks() -> str:
    none = "*no equivalent*"
    parts = ["### ACLED sub-event type → CAMEO\n\n"]
    parts.append(_table(["ACLED sub-event type", "CAMEO", "Note"], (
        [r.source, _code(r.targets[0]) if r.targets else none, r.note]
        for r in crosswalks.table("acled_to_cameo"))))
    parts.append("\n### CAMEO → ACLED\n\nCodes without a row take their base code's row, "
                 "else their root's.\n\n")
    parts.append(_table(["CAMEO", "ACLED event type", "ACLED sub-event type", "Note"], (
        [_code(r.source), *(r.targets if r.targets else (none, "")), r.note]
        for r in crosswalks.table("cameo_to_acled"))))
    parts.append("\n### CAMEO → PLOVER\n\nCodes without a row take their base code's row, "
                 "else their root's.\n\n")
    parts.append(_table(["CAMEO", "PLOVER event type", "Mode", "Note"], (
        [_code(r.source), r.targets[0] if r.targets else "*dropped*",
         f"`{r.targets[1]}`" if len(r.targets) > 1 else "", r.note]
        for r in crosswalks.table("cameo_to_plover"))))
    parts.append("\n### ACLED event type before 2019 → current ACLED taxonomy\n\n")
    parts.append(_table(["Event type (before 2019)", "Event type", "Sub-event type", "Note"], (
        [r.source, r.targets[0] if r.targets else "*no single equivalent*",
         r.targets[1] if len(r.targets) > 1 else "", r.note]
        for r in crosswalks.table("acled_legacy_to_acled"))))
    parts.append("\n### ACLED event type before 2019 → CAMEO\n\n")
    parts.append(_table(["Event type (before 2019)", "CAMEO", "Note"], (
        [r.source, _code(r.targets[0]) if r.targets else none, r.note]
        for r in crosswalks.table("acled_legacy_to_cameo"))))
    parts.append("\n### ACLED actor type → CAMEO roles\n\n")
    parts.append(_table(["ACLED inter code", "Actor type", "CAMEO roles", "Note"], (
        [r.source, acled.actor_type(r.source).name, ", ".join(_code(t) for t in r.targets),
         r.note]
        for r in crosswalks.table("acled_actor_type_to_cameo_role"))))
    return "".join(parts)


#: The files :func:`generate` writes, and the function making each one's text.
FILES: dict[str, Callable[[], str]] = {
    "cameo_quad_classes.md": _cameo_quads,
    "cameo_events.md": _cameo_events,
    "cameo_countries.md": _cameo_countries,
    "cameo_roles.md": lambda: _pairs(cameo.actor_roles()),
    "cameo_known_groups.md": lambda: _pairs(cameo.known_groups()),
    "cameo_religions.md": lambda: _pairs(cameo.religion_codes()),
    "cameo_ethnic.md": lambda: _pairs(cameo.ethnic_codes()),
    "acled.md": _acled,
    "plover.md": _plover,
    "ucdp.md": lambda: _table(
        ["Column", "Code", "Name", "Meaning"],
        [*(["`type_of_violence`", t.code, t.name, t.description]
           for t in ucdp.types_of_violence()),
         *(["`event_clarity`", c.code, c.name, c.meaning] for c in ucdp.event_clarities()),
         *(["`where_prec`", p.code, p.precision, p.meaning] for p in ucdp.where_precisions()),
         *(["`date_prec`", p.code, p.precision, p.meaning] for p in ucdp.date_precisions())],
    ),
    "crosswalks.md": _crosswalks,
}


def generate(outdir: str | Path) -> list[Path]:
    """Write one MyST Markdown file per entry of :data:`FILES` into *outdir*.

    A file whose content has not changed is left untouched, so Sphinx does not rebuild
    pages needlessly.

    :param outdir: the folder to write into; created if missing.
    :returns: the paths of the files.
    """
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in FILES.items():
        path = out / name
        text = "<!-- generated by docs/_gen_codes.py: do not edit -->\n\n" + make()
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover
    import sys

    for p in generate(sys.argv[1] if len(sys.argv) > 1 else "docs/_generated/codes"):
        print(p)
