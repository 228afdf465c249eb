"""Bad input never crashes `vault check` and never hides the rest of the vault."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

GOOD_NOTE = "# Good\n\n[[target]]\n"


def make_vault(root: Path, bad_name: str, bad_bytes: bytes) -> Path:
    root.mkdir(exist_ok=True)
    (root / "good.md").write_text(GOOD_NOTE)
    (root / "target.md").write_text("# Target\n")
    (root / bad_name).write_bytes(bad_bytes)
    return root


def check_json(run, vault: Path) -> tuple[int, dict]:
    result = run("check", vault, "--format", "json")
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, json.loads(result.stdout)


@pytest.mark.parametrize(
    ("content", "rule", "line"),
    [
        (b"---\ntitle: [unclosed\n---\n[[target]]\n", "invalid-frontmatter", 2),  # where the error is
        (b"---\ntitle: ok\n  bad indent: x\n---\n[[target]]\n", "invalid-frontmatter", 3),
        (b"---\n- a list\n- not a mapping\n---\n[[target]]\n", "invalid-frontmatter", 2),
        (b"---\njust a string\n---\n[[target]]\n", "invalid-frontmatter", 2),
        (b"---\ntitle: never closed\n[[target]]\n", "invalid-frontmatter", 1),
        (b"# Caf\xe9 in Latin-1\n\n[[target]]\n", "unreadable-note", 1),
        (b"ok line\nbad \xff\xfe line\n", "unreadable-note", 2),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01", "unreadable-note", 1),
    ],
    ids=[
        "yaml-syntax",
        "yaml-indent",
        "list",
        "scalar",
        "unclosed",
        "latin-1",
        "invalid-utf8-line-2",
        "binary",
    ],
)
def test_malformed_note_gets_its_diagnostic_and_the_rest_loads(
    run, tmp_path: Path, content, rule, line
) -> None:
    vault = make_vault(tmp_path / "v", "bad.md", content)
    code, report = check_json(run, vault)
    assert code == 1
    assert report["notes"] == 3
    assert [(d["path"], d["rule"], d["line"]) for d in report["diagnostics"]] == [("bad.md", rule, line)]
    links = json.loads(run("links", "good", "--vault", vault, "--format", "json").stdout)
    assert [link["status"] for link in links] == ["ok"]


def test_body_still_parsed_after_invalid_frontmatter(run, tmp_path: Path) -> None:
    vault = make_vault(tmp_path / "v", "bad.md", b"---\n: : :\n---\n[[nowhere]]\n")
    _, report = check_json(run, vault)
    assert sorted(d["rule"] for d in report["diagnostics"]) == ["broken-link", "invalid-frontmatter"]


def test_python_tag_is_refused_and_never_runs(run, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    payload = f"---\nx: !!python/object/apply:os.system ['touch {marker}']\n---\n[[target]]\n".encode()
    vault = make_vault(tmp_path / "v", "evil.md", payload)
    code, report = check_json(run, vault)
    assert code == 1
    assert [d["rule"] for d in report["diagnostics"]] == ["invalid-frontmatter"]
    assert not marker.exists()


@pytest.mark.parametrize(
    "content",
    [
        b"\xef\xbb\xbf---\r\ntitle: BOM and CRLF\r\n---\r\n# H\r\n\r\n[[target]]\r\n",
        b"---\rtitle: CR only\r---\r# H\r\r[[target]]\r",
        b"",
        b"---\n---\n",
    ],
    ids=["bom-crlf", "cr-only", "empty-file", "empty-frontmatter"],
)
def test_odd_but_valid_notes_are_clean(run, tmp_path: Path, content: bytes) -> None:
    vault = make_vault(tmp_path / "v", "odd.md", content)
    code, report = check_json(run, vault)
    assert (code, report["diagnostics"]) == (0, [])


def test_crlf_links_keep_their_lines_and_columns(run, tmp_path: Path) -> None:
    vault = make_vault(
        tmp_path / "v", "odd.md", b"\xef\xbb\xbf---\r\nup: '[[nowhere]]'\r\n---\r\n\r\nsee [[gone]]\r\n"
    )
    _, report = check_json(run, vault)
    assert [(d["line"], d["column"], d["target"]) for d in report["diagnostics"]] == [
        (2, 6, "nowhere"),
        (5, 5, "gone"),
    ]


def test_symlink_loop_is_reported_and_does_not_hang(run, tmp_path: Path) -> None:
    vault = make_vault(tmp_path / "v", "note.md", b"[[target]]\n")
    (vault / "folder").mkdir()
    (vault / "folder" / "inner.md").write_text("[[target]]\n")
    os.symlink("..", vault / "folder" / "loop")
    code, report = check_json(run, vault)
    assert code == 1
    assert [(d["path"], d["rule"]) for d in report["diagnostics"]] == [("folder/loop", "unreadable-note")]
    assert "symlink loop" in report["diagnostics"][0]["message"]
    assert report["notes"] == 4


def test_symlinked_folder_is_followed_once(run, tmp_path: Path) -> None:
    vault = make_vault(tmp_path / "v", "note.md", b"[[shared-note]]\n")
    outside = tmp_path / "shared"
    outside.mkdir()
    (outside / "shared-note.md").write_text("# Shared\n")
    os.symlink(outside, vault / "linked")
    code, report = check_json(run, vault)
    assert (code, report["notes"]) == (0, 4)


def test_unreadable_file_is_reported(run, tmp_path: Path, monkeypatch) -> None:
    vault = make_vault(tmp_path / "v", "secret.md", b"[[target]]\n")
    if os.geteuid() == 0:  # root reads any file: make the read fail as it would for a user
        real = Path.read_bytes

        def read_bytes(self: Path) -> bytes:
            if self.name == "secret.md":
                raise PermissionError(13, "Permission denied")
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    else:
        (vault / "secret.md").chmod(0)
    code, report = check_json(run, vault)
    assert code == 1
    (diagnostic,) = report["diagnostics"]
    assert (diagnostic["path"], diagnostic["rule"]) == ("secret.md", "unreadable-note")
    assert "Permission denied" in diagnostic["message"]


def test_dangling_symlink_note_is_reported(run, tmp_path: Path) -> None:
    vault = make_vault(tmp_path / "v", "note.md", b"[[target]]\n")
    os.symlink(tmp_path / "gone.md", vault / "dangling.md")
    _, report = check_json(run, vault)
    assert [(d["path"], d["rule"]) for d in report["diagnostics"]] == [("dangling.md", "unreadable-note")]
