"""`vault --version` and `--help` stay fast: they import neither YAML, networkx nor SQLite."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("yaml", "networkx", "sqlite3", "frontmatter")


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["check", "--help"]])
def test_start_up_imports_nothing_heavy(args: list[str]) -> None:
    script = (
        "import sys\n"
        f"sys.argv = ['vault', *{args!r}]\n"
        "from vaultgraph.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_checking_a_vault_does_import_what_it_needs(tmp_path) -> None:
    (tmp_path / "a.md").write_text("---\nx: &a [1]\ny: *a\n---\n[[a]]\n")  # anchors need PyYAML
    script = (
        "import sys\n"
        f"sys.argv = ['vault', 'check', {str(tmp_path)!r}]\n"
        "from vaultgraph.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('yaml' in sys.modules, 'networkx' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "True False"  # no graph is built for a check
