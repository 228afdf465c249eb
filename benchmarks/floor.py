"""The speed floor: read every note and run one wikilink regex over it; print how many matched.

    python benchmarks/floor.py VAULT

No parsing, no resolution, no graph: nothing real can be faster, so this is what vaultgraph's own load
time is measured against. Its count also includes [[...]] in frontmatter and code, unlike a real parser.
"""

from __future__ import annotations

import os
import re
import sys

WIKILINK = re.compile(r"\[\[([^\]]+)\]\]")


def count_wikilinks(root: str) -> int:
    total = 0
    for folder, _dirs, files in os.walk(root):
        for file in files:
            if file.lower().endswith(".md"):
                with open(os.path.join(folder, file), encoding="utf-8") as f:
                    total += len(WIKILINK.findall(f.read()))
    return total


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} VAULT")
    print(count_wikilinks(sys.argv[1]))
