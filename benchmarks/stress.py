"""`vault check` on a big vault while another process keeps editing, creating and deleting notes.

    python benchmarks/stress.py [--notes 50000] [--out DIR] [--seed S]

Generates the vault with make_vault.py, starts a process that edits, creates and deletes notes as
fast as it can, and meanwhile runs `vault check --format json` as a user would: cold without the
cache, cold filling the cache, then three times warm. Each run must end with exit code 0 or 1,
JSON on stdout and no traceback; a note that vanished mid-run is an unreadable-note finding.
tests/fuzz/test_under_load.py runs the same with a few thousand notes.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import make_vault

#: The runs of one stress test: a name and the extra arguments of `vault check`.
RUNS = [("cold, --no-cache", ["--no-cache"]), ("cold, filling the cache", [])] + [("warm", [])] * 3


@dataclass(frozen=True)
class CheckRun:
    name: str
    seconds: float
    exit_code: int
    notes: int | None  # None when stdout was not the JSON report
    findings: int
    vanished: int  # notes reported as unreadable because they were gone when read
    traceback: bool


def churn(root: str, seed: int, counts: Any) -> None:
    """Edit, create and delete notes under ``root`` until killed; ``counts`` is how many so far."""
    rng = random.Random(seed)
    notes = sorted(str(path) for path in Path(root).rglob("*.md"))
    folder = Path(root) / "churn"
    folder.mkdir(exist_ok=True)
    made = 0
    while True:
        action = rng.random()
        if action < 0.5 and notes:  # edit in place, as an editor saving a note does
            path = Path(rng.choice(notes))
            try:
                text = path.read_text(encoding="utf-8")
                path.write_text(text + f"\nEdited: [[{Path(rng.choice(notes)).stem}]]\n", encoding="utf-8")
            except OSError:
                pass  # deleted meanwhile
        elif action < 0.75:
            made += 1
            path = folder / f"new-{seed}-{made}.md"
            links = " ".join(f"[[{Path(rng.choice(notes)).stem}]]" for _ in range(5)) if notes else ""
            path.write_text(f"---\ntitle: New {made}\n---\n# New\n\n{links}\n", encoding="utf-8")
            notes.append(str(path))
        elif notes:
            path = Path(notes.pop(rng.randrange(len(notes))))
            path.unlink(missing_ok=True)
        with counts.get_lock():
            counts.value += 1


def check(root: Path, name: str, extra: list[str]) -> CheckRun:
    vault = Path(sys.executable).with_name("vault")
    command = [str(vault)] if vault.exists() else [sys.executable, "-m", "vaultgraph"]
    started = time.perf_counter()
    result = subprocess.run(
        [*command, "check", str(root), "--format", "json", *extra],
        capture_output=True,
        text=True,
        timeout=900,
    )
    seconds = time.perf_counter() - started
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        report = None
    findings = report["diagnostics"] if report else []
    return CheckRun(
        name,
        seconds,
        result.returncode,
        report["notes"] if report else None,
        len(findings),
        sum(1 for d in findings if d["rule"] == "unreadable-note" and "No such file" in d["message"]),
        "Traceback" in result.stderr,
    )


def under_churn(root: Path, seed: int = 0) -> tuple[list[CheckRun], int]:
    """Every run of RUNS on ``root`` while a churning process changes it; and how many changes
    it made meanwhile."""
    counts = multiprocessing.Value("q", 0)
    churner = multiprocessing.Process(target=churn, args=(str(root), seed, counts), daemon=True)
    churner.start()
    try:
        while counts.value == 0:  # the churn is under way before the first check starts
            time.sleep(0.01)
        runs = [check(root, name, extra) for name, extra in RUNS]
    finally:
        churner.kill()
        churner.join()
    return runs, counts.value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--notes", type=int, default=50_000)
    parser.add_argument("--out", type=Path, help="where to write the vault (default: a temporary folder)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="vault-stress-"))
    root = out / f"stress-{args.notes}"
    shutil.rmtree(root, ignore_errors=True)
    make_vault.main([str(root), str(args.notes), "--seed", str(args.seed)])
    runs, changes = under_churn(root, args.seed)
    print(f"{args.notes:,} notes; {changes:,} notes edited, created or deleted during the checks")
    print("run                       seconds  exit  notes  findings  vanished  traceback")
    for run in runs:
        print(
            f"{run.name:<24} {run.seconds:8.2f}  {run.exit_code:4}  {run.notes or '-':>5}  "
            f"{run.findings:8}  {run.vanished:8}  {'yes' if run.traceback else 'no':>9}"
        )
    if args.out is None:
        shutil.rmtree(out, ignore_errors=True)
    failed = [run for run in runs if run.traceback or run.notes is None or run.exit_code not in (0, 1)]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
