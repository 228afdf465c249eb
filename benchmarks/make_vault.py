"""Generate a deterministic, seed-like vault of N notes for benchmarks.

    python benchmarks/make_vault.py OUT N [--seed S]

Notes look like seeds/000_*.txt (frontmatter, ## / ### sections, bullets) and use every link form of
docs/spec/notes-and-links.md: [[name]], [[name|text]], [[name#Heading]], [[name#^block]], [[#Heading]],
[[folder/name]], ![[name]], ![[file.png]], [t](../rel/path.md), [t](<Name With Space.md>) and
frontmatter `related`. About 10% of links point at notes or files that do not exist; some links sit in
code, where they must not count. Same arguments give byte-identical files: all randomness comes from one
random.Random(seed), and nothing depends on time, hashing or directory order.
"""

from __future__ import annotations

import argparse
import datetime as dt
import posixpath
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

BROKEN_RATE = 0.10

# Type -> top-level folder. Folders hold one type, as in a hand-kept vault.
TYPES = {"insight": "insights", "concept": "concepts", "company": "companies", "person": "people"}
TYPES["source"] = "sources"
WORDS = (
    *("pilot", "production", "gap", "serving", "architecture", "roi", "measurement", "change", "management"),
    *("gpu", "cloud", "lock-in", "founder", "market", "fit", "power", "law", "returns", "enterprise"),
    *("adoption", "failure", "modes", "integration", "pipeline", "compliance", "monitoring", "budget"),
    *("sponsorship", "valuation", "moat", "distribution", "pricing", "retention", "churn", "platform"),
    *("agent", "inference", "training", "data", "flywheel", "latency", "security", "procurement"),
)
FIRST = ("Ada", "José", "Zoë", "Łukasz", "Priya", "Chen", "Amara", "Søren", "Maya", "Tomás", "Ines", "Kenji")
LAST = ("Lovelace", "Núñez", "Okafor", "Lindqvist", "Rao", "Wei", "Haddad", "Brandt", "Moreau", "Sato")
COMPANY = ("Northwind", "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne")
COMPANY_KIND = ("Robotics", "Labs", "Cloud", "Systems", "Analytics", "AI", "Capital", "Health")
TAGS = ("enterprise", "deployment", "adoption", "ai/infra", "ai/models", "vc", "pricing", "gtm", "risk")
THEMES = ("Enterprise AI Adoption", "Infrastructure Economics", "Founder Signals", "Market Structure")
CONCEPTS = (
    "pilot programs",
    "production deployment",
    "enterprise adoption",
    "failure modes",
    "unit economics",
    "switching costs",
    "network effects",
    "data moats",
)
# Some headings carry punctuation on purpose: anchors must match them after the spec's normalisation.
H2 = (
    "Root Causes",
    "What Successful Companies Do Differently",
    "Risks & Open Questions",
    "Market Map",
    "Evidence",
    "Counterarguments",
    "Why Now?",
    "How It Works",
)
H3 = (
    "1. Integration Complexity (40% of failures)",
    "2. ROI Ambiguity (30% of failures)",
    "3. Organizational Resistance",
    "4. Infrastructure Misalignment",
    "R&D Spend",
    "What is it?",
    "Pricing Power",
    "Data Pipelines",
    "Security and Compliance",
    "Talent",
    "Go-to-Market",
    "Customer Concentration",
)
SENTENCES = (
    "AI pilots run in isolation, while production requires integration with existing systems.",
    "Data pipelines that work for demos break at enterprise scale.",
    "CFOs require quantified business impact before any production investment.",
    "The gap between a working model and measurable value kills most projects.",
    "Middle management sees AI as a threat rather than a tool.",
    "No one clearly owns AI initiatives across IT, business units and data teams.",
    "Pilot infrastructure such as notebooks and a single GPU does not translate to production.",
    "Security, compliance and monitoring requirements add three to six months of work.",
    "Integration deserves about sixty percent of the total project budget, not twenty.",
    "Companies with several production deployments command premium valuations.",
    "Founders who understand the last mile build more defensible businesses.",
    "Switching costs rise sharply once a workflow depends on the system.",
    "Unit economics look very different at ten times the pilot volume.",
    "Procurement cycles in regulated industries often exceed a full year.",
    "The winning vendors sell outcomes, not seats or tokens.",
    "Open-source models compress margins for anyone selling raw inference.",
)
DISPLAY = ("Serving architecture", "ROI metrics", "Change management", "founders who understand", "this note")
CONNECT = ("See", "Compare", "More in", "Related:", "Cf.")
BLOCK_WORDS = ("claim", "stat", "quote", "def", "example", "caveat")
# Smallest valid PNG (1x1, transparent) and PDF, so attachments are real files of their type.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n"
PDF += b"%%EOF\n"
PUNCT = re.compile(r"[!-,./:-@\[-^`{-~]")  # ASCII punctuation except - _ '


@dataclass(frozen=True)
class Note:
    index: int  # position in the plan; real names end with it, so no phantom name can collide
    name: str
    folder: str
    type: str
    h2: tuple[str, ...]
    h3: tuple[str, ...]  # two per h2, in order
    blocks: tuple[str, ...]

    @property
    def path(self) -> str:
        return f"{self.folder}/{self.name}.md"

    @property
    def headings(self) -> tuple[str, ...]:
        return ("Key Insight", *self.h2, *self.h3, "Investor Signal")


@dataclass(frozen=True)
class Vault:
    notes: list[Note]
    spaced: list[Note]  # names with a space, for the [t](<Name With Space.md>) form
    attachments: list[str]


def folder_for(i: int) -> str:
    # Six leaf folders per group: the group's own folder (2 levels) and five subfolders (3 levels).
    group, leaf = divmod(i, 6)
    top = list(TYPES.values())[group % len(TYPES)]
    mid = f"{top}/{WORDS[group % len(WORDS)]}-{group // len(TYPES):03d}"
    return mid if leaf == 0 else f"{mid}/{WORDS[(group + leaf * 7) % len(WORDS)]}-{leaf}"


def note_name(rng: random.Random, i: int, kind: str) -> str:
    if kind == "company":
        return f"{rng.choice(COMPANY)} {rng.choice(COMPANY_KIND)} {i}"
    if kind == "person":
        return f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
    return "-".join([*rng.sample(WORDS, rng.randint(2, 3)), str(i)])


def plan(rng: random.Random, n: int) -> Vault:
    notes: list[Note] = []
    folder_index = 0
    while len(notes) < n:
        folder = folder_for(folder_index)
        kind = next(k for k, top in TYPES.items() if folder.startswith(top + "/"))
        for _ in range(min(rng.randint(20, 50), n - len(notes))):
            h2 = tuple(rng.sample(H2, 3))
            h3 = tuple(rng.sample(H3, 6))
            blocks = tuple(f"{w}-{rng.randrange(4096):03x}" for w in rng.sample(BLOCK_WORDS, 3))
            name = note_name(rng, len(notes), kind)
            notes.append(Note(len(notes), name, folder, kind, h2, h3, blocks))
        folder_index += 1
    attachments = [
        f"attachments/report-{k:03d}.pdf" if k % 5 == 4 else f"attachments/diagram-{k:03d}.png"
        for k in range(max(3, n // 200))
    ]
    return Vault(notes, [x for x in notes if " " in x.name], attachments)


def phantom(rng: random.Random, like: Note) -> Note:
    """A note that is never written: links to it are the broken ones."""
    words = rng.sample(WORDS, 2)
    name = " ".join(w.title() for w in words) if " " in like.name else "-".join(words)
    return Note(-1, name, like.folder, like.type, like.h2, like.h3, like.blocks)


def anchor(rng: random.Random, heading: str) -> str:
    # Half verbatim, half the way Obsidian writes it ("R&D Spend" -> "R D Spend"): both must resolve.
    return heading if rng.random() < 0.5 else " ".join(PUNCT.sub(" ", heading).split())


def make_link(rng: random.Random, kind: str, src: Note, vault: Vault) -> tuple[str, bool]:
    """Render one link of `kind` from `src`; return it and whether it is broken."""
    broken = rng.random() < BROKEN_RATE
    if kind == "self":
        return f"[[#{anchor(rng, rng.choice(src.headings))}]]", False
    if kind == "file":
        path = rng.choice(vault.attachments)
        file = f"missing-{path.rsplit('-', 1)[1]}" if broken else posixpath.basename(path)
        return (f"![[{file}#page=2]]" if file.endswith(".pdf") else f"![[{file}]]"), broken
    pool = vault.spaced if kind == "angle" and vault.spaced else vault.notes
    # A third of links stay near home (same or neighbouring folder), like a real vault's clusters.
    if rng.random() < 0.33 and pool is vault.notes:
        target = pool[min(len(pool) - 1, max(0, src.index + rng.randint(-30, 30)))]
    else:
        target = rng.choice(pool)
    if broken:
        target = phantom(rng, target)
    name = target.name
    match kind:
        case "name":
            return f"[[{name}]]", broken
        case "text":
            return f"[[{name}|{rng.choice(DISPLAY)}]]", broken
        case "heading":
            return f"[[{name}#{anchor(rng, rng.choice(target.headings))}]]", broken
        case "block":
            return f"[[{name}#^{rng.choice(target.blocks)}]]", broken
        case "path":  # full vault path or the partial "folder/name" Obsidian also accepts
            full = f"{target.folder}/{name}"
            return f"[[{full if rng.random() < 0.5 else '/'.join(full.split('/')[-2:])}]]", broken
        case "embed":
            return f"![[{name}]]", broken
        case "markdown":
            rel = posixpath.relpath(target.path, src.folder)
            rel = rel if rel.startswith("../") else "./" + rel
            return f"[{rng.choice(DISPLAY)}]({quote(rel)})", broken
        case "angle":
            return f"[{rng.choice(DISPLAY)}](<{name}.md>)", broken
    raise ValueError(kind)


# Every body gets each form once, plus a few extra common ones; ~11 body links + ~1 in frontmatter.
BASE_KINDS = ("name", "text", "text", "heading", "block", "path", "embed", "file", "markdown", "angle")
EXTRA_KINDS = ("name", "text", "heading", "path", "markdown")


def frontmatter(rng: random.Random, note: Note, title: str, tags: list[str], related: list[str]) -> list[str]:
    # Field order and quoting copy the seed note: keys sorted, dates and titles single-quoted.
    created = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(900))
    lines = ["---", "concepts:", *(f"  - {c}" for c in rng.sample(CONCEPTS, rng.randint(2, 4)))]
    lines += [f"date_added: '{created.isoformat()}'", f"novelty_score: {rng.random():.2f}"]
    if related:
        lines.append("related: [" + ", ".join(f'"{link}"' for link in related) + "]")
    lines += [f"source_title: '{title}: {rng.choice(SENTENCES)[:-1]}'"]
    lines += [f"source_url: 'https://example.com/{note.index}'", "tags:", *(f"  - {t}" for t in tags)]
    return [*lines, "themes:", f"  - {rng.choice(THEMES)}", f"type: {note.type}", "---"]


def render(rng: random.Random, note: Note, vault: Vault) -> tuple[str, int, int, int]:
    """Return the note's text and its counts of links, broken links and links hidden in code."""
    kinds = [*BASE_KINDS, *rng.choices(EXTRA_KINDS, k=rng.randint(0, 3))]
    if rng.random() < 0.3:
        kinds.append("self")
    made = [make_link(rng, k, note, vault) for k in kinds]
    related = [make_link(rng, "name", note, vault) for _ in range(rng.randint(0, 2))]
    links, broken = len(made) + len(related), sum(b for _, b in made + related)

    # Links go into 20 slots (paragraphs and bullets), so where they land varies from note to note.
    slots: list[list[str]] = [[] for _ in range(20)]
    for text, _ in made:
        slots[rng.randrange(20)].append(text)
    pending = iter(slots)

    def line(sentences: int, tail: str = "", block: str = "") -> str:
        words = rng.sample(SENTENCES, sentences)
        words += [f"{rng.choice(CONNECT)} {link}." for link in next(pending)]
        return " ".join([*words, tail] if tail else words) + (f" ^{block}" if block else "")

    title = note.name.replace("-", " ").title()
    tags = rng.sample(TAGS, rng.randint(2, 4))
    out = frontmatter(rng, note, title, tags, [text for text, _ in related])
    out += ["", f"# {title}", "", "## Key Insight", line(3, f"#{tags[0]}", note.blocks[0]), ""]
    for i, h2 in enumerate(note.h2):
        out += [f"## {h2}", ""]
        for j, h3 in enumerate(note.h3[2 * i : 2 * i + 2]):
            out += [f"### {h3}", *(f"- {line(2)}" for _ in range(3)), ""]
            if i == j == 0:  # a block id on a bullet, as people mark a claim they quote elsewhere
                out[-2] += f" ^{note.blocks[1]}"
    in_code = 0
    if rng.random() < 0.5:
        fence = rng.choice(("```", "~~~"))
        code = f"Write [[{rng.choice(vault.notes).name}|alias]] to link."
        out += ["## Example", "", fence + "markdown", code, fence, ""]
        in_code += 1
    tail = f"#{rng.choice(TAGS)}"
    if rng.random() < 0.5:
        tail += f" Inline code such as `[[{phantom(rng, note).name}]]` is not a link."
        in_code += 1
    out += ["## Investor Signal", line(2, tail, note.blocks[2])]
    return "\n".join(out) + "\n", links, broken, in_code


# The schema a user of such a vault would keep, for timing `vault validate --schema schema.yaml`.
# Not named in a vault.toml: the check cases time link checking, as the targets do.
SCHEMA = """\
$schema: https://json-schema.org/draft/2020-12/schema
type: object
required: [type, tags, date_added, novelty_score, source_url]
properties:
  type: {enum: [TYPES]}
  tags: {type: array, items: {type: string, pattern: "^[^\\\\s#]+$"}, uniqueItems: true}
  themes: {type: array, items: {type: string}}
  concepts: {type: array, items: {type: string}}
  related: {type: array, items: {type: string, pattern: "^\\\\[\\\\[.+\\\\]\\\\]$"}}
  novelty_score: {type: number, minimum: 0, maximum: 1}
  date_added: {type: string, format: date}
  source_url: {type: string, format: uri}
  source_title: {type: string, minLength: 1}
additionalProperties: false
""".replace("TYPES", ", ".join(TYPES))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} is not empty; stale notes would skew the benchmark")

    rng = random.Random(args.seed)
    vault = plan(rng, args.n)
    links = broken = in_code = size = 0
    for folder in sorted({x.folder for x in vault.notes} | {"attachments"}):
        (args.out / folder).mkdir(parents=True, exist_ok=True)
    (args.out / "schema.yaml").write_text(SCHEMA, encoding="utf-8")
    for path in vault.attachments:
        (args.out / path).write_bytes(PDF if path.endswith(".pdf") else PNG)
    for note in vault.notes:
        text, n_links, n_broken, n_code = render(rng, note, vault)
        (args.out / note.path).write_text(text, encoding="utf-8", newline="\n")
        links, broken, in_code, size = links + n_links, broken + n_broken, in_code + n_code, size + len(text)
    print(
        f"{args.out}: {len(vault.notes)} notes, {len(vault.attachments)} attachments, {links} links, "
        f"{broken} broken ({broken / max(links, 1):.1%}), {in_code} more in code, ~{size / 1e6:.1f} MB",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
