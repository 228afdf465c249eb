"""The data every layer shares: what a note says, and what is wrong with it.

Everything here is a frozen dataclass of plain values, so parse results can be cached, sent between
processes and compared in tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

LinkKind = Literal["wikilink", "markdown", "frontmatter"]
Severity = Literal["error", "warning"]
LinkStatus = Literal["ok", "broken", "broken-anchor", "ambiguous"]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity  # the default; vault.toml's [rules] may change it
    description: str
    #: False for a rule that is "off" unless vault.toml or --select turns it on (at ``severity``).
    on: bool = True


#: Every rule a diagnostic can carry (spec: notes-and-links.md).
RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule("broken-link", "error", "A link, embed or frontmatter link resolves to no note or file."),
        Rule("broken-anchor", "warning", "The linked note exists, but the heading or block does not."),
        Rule("ambiguous-link", "warning", "More than one file could be meant by the link."),
        Rule("invalid-frontmatter", "error", "The frontmatter is not valid YAML or not a mapping."),
        Rule("unreadable-note", "error", "The note is not UTF-8, can't be read, or is a symlink loop."),
        Rule("schema", "error", "The frontmatter breaks the vault's schema."),
        Rule("unused-suppression", "warning", "A vault-ignore comment silences nothing, or names no rule."),
        Rule("self-link", "warning", "A link, without an anchor, to the note it is in."),
        Rule("case-mismatch", "warning", "A link matches its file only when case is ignored.", on=False),
        Rule("bad-filename", "warning", "The file name holds characters links can't: # | ^ : %% [[ ]]."),
        Rule("duplicate-name", "warning", "Another note (or attachment) has the same name."),
        Rule("unused-attachment", "warning", "No note links to or embeds this attachment."),
        Rule("orphan-note", "warning", "No link leads to or from this note.", on=False),
    )
}


# Links, headings and problems are NamedTuples, not frozen dataclasses like the rest: a large
# vault has hundreds of thousands of them, and a NamedTuple is built four times faster.


class Link(NamedTuple):
    """One link occurrence as written in a note, before resolution.

    ``target`` is the path part ("" for a link to the note itself, such as ``[[#Heading]]``);
    ``heading`` is the anchor after ``#`` (nested headings stay joined: ``"A#B"``) and ``block`` the
    id after ``#^``. ``raw`` is the exact source text of the link, so tools can find and rewrite it.
    """

    kind: LinkKind
    target: str
    line: int
    column: int
    raw: str
    heading: str | None = None
    block: str | None = None
    alias: str | None = None
    embed: bool = False


class Heading(NamedTuple):
    level: int
    text: str
    line: int


class Problem(NamedTuple):
    """A finding of the parser, before it knows which file it is in."""

    rule: str
    line: int
    column: int
    message: str


class Suppression(NamedTuple):
    """A ``vault-ignore`` comment in a note: the rules it silences (none named: every rule), where
    it is written, and the line it covers (0: the whole note, for ``vault-ignore-file``)."""

    line: int
    column: int
    covers: int
    rules: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ParsedNote:
    """Everything the parser reads out of one note's bytes."""

    frontmatter: dict[str, Any] = field(default_factory=dict)
    links: tuple[Link, ...] = ()
    headings: tuple[Heading, ...] = ()
    block_ids: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    readable: bool = True
    suppressions: tuple[Suppression, ...] = ()


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding, used by every command and every output format."""

    path: str
    line: int
    column: int
    rule: str
    severity: Severity
    message: str
    target: str | None = None
    field: str | None = None
