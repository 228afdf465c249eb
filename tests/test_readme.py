"""README examples are real: every ```console block is run and its output compared.

Each block runs in a fresh folder holding copies of notes/ and seeds/, as if from the repository
root. `python tests/test_readme.py --update` rewrites the outputs after a deliberate change.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
_BLOCK = re.compile(r"^```console\n(.*?)^```$", re.MULTILINE | re.DOTALL)
_HOME = "~/vaultgraph"  # how the README writes the folder the examples run in


def blocks(text: str) -> list[re.Match[str]]:
    return list(_BLOCK.finditer(text))


def run_block(block: str) -> str:
    """The block with each command's output replaced by what the command prints now."""
    out: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        for folder in ("notes", "seeds"):
            shutil.copytree(ROOT / folder, Path(scratch) / folder)
        env = {
            **os.environ,
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            "COLUMNS": "100",
            "NO_COLOR": "1",
            "TERM": "dumb",
        }
        env.pop("FORCE_COLOR", None)
        for line in block.splitlines():
            if not line.startswith("$ "):
                continue
            result = subprocess.run(
                ["bash", "-c", line[2:] + " 2>&1"],
                cwd=scratch,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            output = result.stdout.replace(os.path.realpath(scratch), _HOME).replace(scratch, _HOME)
            out.append(line)
            out.extend(row.rstrip() for row in output.splitlines())
    return "\n".join(out) + "\n"


def _normal(block: str) -> str:
    return "\n".join(row.rstrip() for row in block.splitlines())


@pytest.mark.parametrize("index", range(len(blocks(README.read_text(encoding="utf-8")))))
def test_readme_example_output_is_current(index: int) -> None:
    block = blocks(README.read_text(encoding="utf-8"))[index].group(1)
    assert _normal(run_block(block)) == _normal(block)


def update() -> None:
    text = README.read_text(encoding="utf-8")
    for match in reversed(blocks(text)):
        text = text[: match.start(1)] + run_block(match.group(1)) + text[match.end(1) :]
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__" and sys.argv[1:] == ["--update"]:
    update()
