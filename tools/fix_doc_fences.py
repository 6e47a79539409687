"""Put a blank line before the closing fence of every ```pycon block in the docs.

pytest's doctest reads Markdown pages as plain text, so a fence right after an example's
output would be taken as part of the output. Run: python tools/fix_doc_fences.py docs
"""

from __future__ import annotations

import sys
from pathlib import Path


def fix(text: str) -> str:
    out: list[str] = []
    inside = False
    for line in text.split("\n"):
        stripped = line.strip()
        if not inside and stripped.startswith("```pycon"):
            inside = True
        elif inside and stripped == "```":
            inside = False
            if out and out[-1].strip():
                out.append("")
        out.append(line)
    return "\n".join(out)


def main(folders: list[str]) -> int:
    for folder in folders:
        for path in Path(folder).rglob("*.md"):
            text = path.read_text("utf-8")
            fixed = fix(text)
            if fixed != text:
                path.write_text(fixed, "utf-8")
                print(f"fixed {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["docs"]))
