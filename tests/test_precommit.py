"""Pre-commit hooks that a deleted note can't fool: what git still has (gitstate), `vault check`
given files, and the repository's .pre-commit-hooks.yaml run by pre-commit on real commits."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from vaultgraph.cli import app
from vaultgraph.gitstate import deleted_paths, renamed_paths

REPO_ROOT = Path(__file__).resolve().parent.parent
HAS_GIT = shutil.which("git") is not None
needs_git = pytest.mark.skipif(not HAS_GIT, reason="git is not installed")

# Commits in the test repositories: a fixed identity, and none of the user's git configuration
# (signing, hooks paths, templates), which would make the tests depend on the machine.
GIT_ENV = {
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
}


def git(repo: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(repo), *args],
        env={**os.environ, **GIT_ENV, **(env or {})},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )


def new_repo(repo: Path, files: dict[str, str], *, commit: bool = True) -> Path:
    """A git repository at ``repo`` holding ``files`` (path: text), committed unless told not to."""
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "--quiet", "--initial-branch=main")
    for path, text in files.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(text, encoding="utf-8")
    git(repo, "add", "--all")
    if commit:
        git(repo, "commit", "--quiet", "--message=start")
    return repo


def check(*args: str | Path) -> Result:
    return CliRunner().invoke(app, ["check", *map(str, args)], catch_exceptions=False)


# -- gitstate.deleted_paths --------------------------------------------------------------------


@needs_git
def test_a_note_deleted_from_the_work_tree_is_listed_staged_or_not(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo", {"a.md": "a", "b.md": "b", "c.md": "c"})
    assert deleted_paths(repo) == ()
    (repo / "a.md").unlink()  # deleted, not staged
    git(repo, "rm", "--quiet", "b.md")  # deleted and staged
    assert deleted_paths(repo) == ("a.md", "b.md")


@needs_git
def test_a_note_renamed_away_is_listed_and_its_new_name_is_not(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo", {"a.md": "same text", "b.md": "other text", "c.md": "c"})
    git(repo, "mv", "a.md", "a2.md")  # staged: git would call it a rename
    (repo / "b.md").rename(repo / "b2.md")  # not staged
    assert deleted_paths(repo) == ("a.md", "b.md")


@needs_git
def test_a_vault_in_a_subfolder_gets_paths_from_its_own_root(tmp_path: Path) -> None:
    repo = new_repo(
        tmp_path / "repo",
        {"README.md": "r", "vault/vault.toml": "", "vault/x.md": "x", "vault/deep/y.md": "y"},
    )
    for path in ("README.md", "vault/x.md", "vault/deep/y.md"):
        (repo / path).unlink()
    assert deleted_paths(repo / "vault") == ("deep/y.md", "x.md")  # README.md is not the vault's
    assert deleted_paths(repo) == ("README.md", "vault/deep/y.md", "vault/x.md")


@needs_git
def test_a_non_ascii_name_comes_back_as_written(tmp_path: Path) -> None:
    name = "caf\u00e9 \u00fcber \u6f22\u5b57.md"  # git would quote and escape it without -z
    repo = new_repo(tmp_path / "repo", {name: "x", 'quote"and space.md': "y"})
    (repo / name).unlink()
    (repo / 'quote"and space.md').unlink()
    assert deleted_paths(repo) == (name, 'quote"and space.md')


@needs_git
def test_a_folder_outside_any_repository_has_nothing_deleted(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("a")
    assert deleted_paths(tmp_path) == ()


@needs_git
def test_a_repository_without_a_commit_has_nothing_deleted(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo", {"a.md": "a"}, commit=False)
    (repo / "a.md").unlink()
    assert deleted_paths(repo) == ()


def test_without_git_nothing_is_deleted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-such-folder"))
    assert deleted_paths(tmp_path) == ()


@needs_git
def test_in_a_hook_the_git_variables_still_lead_to_the_vaults_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What git exports to a hook, which runs at the top of the work tree: a relative index file,
    # and in a linked work tree GIT_DIR alone. The vault is a subfolder, so `git -C vault` would
    # read both from the wrong folder.
    repo = new_repo(tmp_path / "repo", {"vault/x.md": "x", "vault/y.md": "y", "vault/kept.md": "k"})
    git(repo, "worktree", "add", "--quiet", str(tmp_path / "linked"))
    for top in (repo, tmp_path / "linked"):
        git(top, "rm", "--quiet", "vault/x.md")
        (top / "vault" / "y.md").unlink()
    monkeypatch.chdir(repo)
    monkeypatch.setenv("GIT_INDEX_FILE", ".git/index")
    assert deleted_paths(repo / "vault") == ("x.md", "y.md")
    monkeypatch.chdir(tmp_path / "linked")
    monkeypatch.setenv("GIT_DIR", str(repo / ".git" / "worktrees" / "linked"))
    monkeypatch.setenv("GIT_INDEX_FILE", str(repo / ".git" / "worktrees" / "linked" / "index"))
    assert deleted_paths(tmp_path / "linked" / "vault") == ("x.md", "y.md")


# -- vault check PATHS, with notes deleted since HEAD ------------------------------------------

NOTES = {
    "vault/vault.toml": 'ignore = ["templates/**"]\n',
    "vault/target.md": "# Target\n",
    "vault/linker.md": "# Linker\n\nSee [[target]] and [[never-existed]].\n",
    "vault/sub/deep.md": "---\nup: '[[target#Target]]'\n---\n# Deep\n\n[t](../target.md)\n",
    "vault/other.md": "# Other\n\nNothing here links to [[linker]].\n",
    "vault/templates/tpl.md": "# Template\n",
    "vault/uses-template.md": "# Uses\n\n[[tpl]]\n",
}


@pytest.fixture
def vault_repo(tmp_path: Path) -> Path:
    """A committed vault in the subfolder vault/ of a repository; returns the vault."""
    return new_repo(tmp_path / "repo", NOTES) / "vault"


def lines(result: Result) -> list[str]:
    return result.stdout.splitlines()


@needs_git
def test_given_files_the_links_into_a_deleted_note_anywhere_are_reported(vault_repo: Path) -> None:
    git(vault_repo, "rm", "--quiet", "target.md")
    result = check(vault_repo / "other.md")
    suffix = " ('target.md' was deleted; git still has it in HEAD)"
    assert lines(result) == [
        "linker.md:3:5: error broken-link no note or file named 'target'" + suffix,
        "sub/deep.md:2:6: error broken-link no note or file named 'target'" + suffix,
        "sub/deep.md:6:1: error broken-link no note or file named '../target.md'" + suffix,
    ]  # and not linker.md's [[never-existed]], which no deletion broke
    assert result.exit_code == 1


@needs_git
def test_the_whole_vault_reports_every_broken_link_as_before(vault_repo: Path) -> None:
    (vault_repo / "target.md").unlink()
    result = check(vault_repo)
    assert "was deleted" not in result.stdout
    assert len(lines(result)) == 5  # linker's two, deep's two, uses-template's [[tpl]]


@needs_git
def test_a_note_renamed_away_breaks_the_links_to_its_old_name(vault_repo: Path) -> None:
    git(vault_repo, "mv", "target.md", "renamed.md")
    result = check(vault_repo / "renamed.md", "--format", "json")
    found = json.loads(result.stdout)["diagnostics"]
    assert [(d["path"], d["line"]) for d in found] == [
        ("linker.md", 3),
        ("sub/deep.md", 2),
        ("sub/deep.md", 6),
    ]
    assert all(d["message"].endswith("('target.md' was deleted; git still has it in HEAD)") for d in found)


@needs_git
def test_only_paths_without_paths_reports_just_the_links_into_deleted_notes(
    vault_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As the vault-check hook runs for a commit that only deletes a note: no files at all.
    monkeypatch.chdir(vault_repo)
    assert check("--only-paths").stdout == ""  # [[never-existed]] is broken, but not by this commit
    git(vault_repo, "rm", "--quiet", "target.md")
    result = check("--only-paths")
    assert result.exit_code == 1
    assert [line.split(":")[0] for line in lines(result)] == ["linker.md", "sub/deep.md", "sub/deep.md"]
    assert all(line.endswith("git still has it in HEAD)") for line in lines(result))


@needs_git
def test_a_deleted_note_that_the_vault_ignores_breaks_nothing_new(vault_repo: Path) -> None:
    (vault_repo / "templates" / "tpl.md").unlink()  # [[tpl]] was broken before: the vault ignores it
    assert check(vault_repo / "other.md").stdout == ""


@needs_git
def test_select_and_ignore_apply_to_the_links_into_deleted_notes(vault_repo: Path) -> None:
    (vault_repo / "target.md").unlink()
    assert check(vault_repo / "other.md", "--ignore", "broken-link").stdout == ""
    assert check(vault_repo / "other.md", "--select", "broken-anchor").stdout == ""
    assert len(lines(check(vault_repo / "other.md", "--select", "broken-link"))) == 3


@needs_git
def test_the_files_given_keep_their_own_findings_once(vault_repo: Path) -> None:
    (vault_repo / "target.md").unlink()
    result = check(vault_repo / "linker.md")
    assert lines(result) == [
        "linker.md:3:5: error broken-link no note or file named 'target'",  # found in PATHS as ever
        "linker.md:3:20: error broken-link no note or file named 'never-existed'",
        "sub/deep.md:2:6: error broken-link no note or file named 'target'"
        " ('target.md' was deleted; git still has it in HEAD)",
        "sub/deep.md:6:1: error broken-link no note or file named '../target.md'"
        " ('target.md' was deleted; git still has it in HEAD)",
    ]


def test_outside_a_repository_only_the_files_given_are_reported(tmp_path: Path) -> None:
    for path, text in NOTES.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    (tmp_path / "vault" / "target.md").unlink()
    result = check(tmp_path / "vault" / "other.md")
    assert result.stdout == "" and result.exit_code == 0


# -- the hooks, run by pre-commit on real commits -----------------------------------------------

SCHEMA = """\
$schema: https://json-schema.org/draft/2020-12/schema
type: object
required: [type]
properties:
  type: {enum: [concept, insight]}
  novelty_score: {type: number, minimum: 0, maximum: 1}
"""

HOOKED_VAULT = {
    "vault.toml": 'schema = "schema.yaml"\n',
    "schema.yaml": SCHEMA,
    "concept.md": "---\ntype: concept\n---\n# Concept\n\nExplained in [[insight]].\n",
    "insight.md": "---\ntype: insight\nnovelty_score: 0.4\n---\n# Insight\n\nBuilds on [[concept]].\n",
}


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's cache for the whole session: the hooks' environment is built once."""
    if not HAS_GIT:
        pytest.skip("git is not installed")
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(scope="session")
def hooks_repository(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This repository's work tree as it is now, committed in a repository of its own: the
    (repo, rev) pair for a .pre-commit-config.yaml. pre-commit installs hooks from a commit;
    this one holds the uncommitted and new files too, so the test runs the code under test
    (in CI on a fresh clone it is the same as HEAD)."""
    listed = subprocess.run(
        ["git", "-C", str(REPO_ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    snapshot = tmp_path_factory.mktemp("hooks-repo")
    for name in {os.fsdecode(raw) for raw in listed.split(b"\0") if raw}:
        source = REPO_ROOT / name
        if any(part.startswith(".") for part in Path(name).parts[:-1]) or not source.is_file():
            continue  # caches in hidden folders; files deleted but not yet staged
        (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, snapshot / name)
    new_repo(snapshot, {})
    return snapshot, git(snapshot, "rev-parse", "HEAD").stdout.strip()


def test_hooks_file_names_both_hooks() -> None:
    import yaml

    hooks = {hook["id"]: hook for hook in yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert hooks["vault-validate"]["entry"] == "vault validate"
    assert hooks["vault-check"]["entry"] == "vault check --only-paths"
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["types"] == ["markdown"]


@pytest.mark.slow
def test_pre_commit_refuses_a_bad_note_and_a_deletion_that_breaks_links(
    tmp_path: Path, pre_commit_home: Path, hooks_repository: tuple[Path, str]
) -> None:
    hooks_repo, rev = hooks_repository
    config = (
        f"repos:\n- repo: {json.dumps(str(hooks_repo))}\n  rev: {rev}\n"
        "  hooks:\n  - id: vault-validate\n  - id: vault-check\n"
    )
    repo = new_repo(tmp_path / "notes", {**HOOKED_VAULT, ".pre-commit-config.yaml": config}, commit=False)
    env = {"PRE_COMMIT_HOME": str(pre_commit_home), "PRE_COMMIT_COLOR": "never"}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pre_commit", "install", "--install-hooks"],
        cwd=repo,
        env={**os.environ, **GIT_ENV, **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=900,  # the first time, pip installs vaultgraph and its dependencies from PyPI
    )
    print(f"pre-commit install --install-hooks: {time.perf_counter() - started:.1f} s")

    def commit(message: str) -> subprocess.CompletedProcess[str]:
        started = time.perf_counter()
        done = subprocess.run(
            ["git", "-C", str(repo), "commit", "--quiet", f"--message={message}"],
            env={**os.environ, **GIT_ENV, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,  # git shows the hooks' output on stderr
            text=True,
            timeout=300,
        )
        print(f"git commit ({message}): {time.perf_counter() - started:.1f} s, exit {done.returncode}")
        return done

    accepted = commit("a clean vault")
    assert accepted.returncode == 0, accepted.stdout

    (repo / "bad.md").write_text("---\ntype: insight\nnovelty_score: 7.8\n---\n# Bad\n\n[[concept]]\n")
    git(repo, "add", "bad.md")
    refused = commit("a bad note")
    assert refused.returncode != 0
    assert "bad.md:3:" in refused.stdout and "novelty_score" in refused.stdout, refused.stdout
    assert git(repo, "rev-list", "--count", "HEAD").stdout.strip() == "1"

    (repo / "bad.md").write_text("---\ntype: insight\nnovelty_score: 0.8\n---\n# Fixed\n\n[[concept]]\n")
    git(repo, "add", "bad.md")
    assert commit("the note fixed").returncode == 0

    # A commit that only deletes a note stages no markdown file; vault-check runs anyway.
    git(repo, "rm", "--quiet", "insight.md")
    refused = commit("delete a linked note")
    assert refused.returncode != 0
    assert "concept.md:6:14: error broken-link no note or file named 'insight'" in refused.stdout, (
        refused.stdout
    )

    # With another note staged, vault-check is given that note, and still reports concept.md.
    (repo / "bad.md").write_text("---\ntype: insight\nnovelty_score: 0.9\n---\n# Fixed\n\n[[concept]]\n")
    git(repo, "add", "bad.md")
    refused = commit("delete a linked note, edit another")
    assert refused.returncode != 0
    assert "'insight.md' was deleted; git still has it in HEAD" in refused.stdout, refused.stdout

    (repo / "concept.md").write_text("---\ntype: concept\n---\n# Concept\n\nNo insight yet.\n")
    git(repo, "add", "concept.md")
    assert commit("delete a note and the link to it").returncode == 0
    assert not (repo / "insight.md").exists()


# -- gitstate.renamed_paths (for vault fix) ---------------------------------------------------------


@needs_git
def test_renames_staged_or_not_are_paired_with_their_new_paths(tmp_path: Path) -> None:
    repo = new_repo(
        tmp_path / "repo",
        {"vault/a.md": "alpha\n", "vault/b.md": "beta\n", "vault/c.md": "gamma note\n" * 20, "top.md": "x\n"},
    )
    vault = repo / "vault"
    (vault / "sub").mkdir()
    git(vault, "mv", "a.md", "sub/a-renamed.md")
    (vault / "b.md").rename(vault / "b-moved.md")  # git not told: an untracked file, same bytes
    git(vault, "mv", "c.md", "c2.md")
    (vault / "c2.md").write_text("gamma note\n" * 19 + "edited\n")  # renamed and changed: git's -M
    assert renamed_paths(vault) == {"a.md": "sub/a-renamed.md", "b.md": "b-moved.md", "c.md": "c2.md"}


@needs_git
def test_a_deleted_file_with_no_twin_is_no_rename(tmp_path: Path) -> None:
    vault = new_repo(tmp_path / "repo", {"a.md": "alpha\n"})
    (vault / "a.md").unlink()
    (vault / "b.md").write_text("something else\n")
    assert renamed_paths(vault) == {}


def test_no_repository_no_renames(tmp_path: Path) -> None:
    assert renamed_paths(tmp_path) == {}
