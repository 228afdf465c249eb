"""How `vault links` and `vault backlinks` show their results: JSON records and rich tables."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from itertools import groupby
from typing import TYPE_CHECKING, Any

from ..backlinks import Backlink
from ..search import Hit
from ..vault import ResolvedLink

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table

_ONE_LINE = re.compile(r"\s+")
_STATUS_STYLE = {"ok": "green", "broken": "bold red", "broken-anchor": "yellow", "ambiguous": "yellow"}


def link_record(item: ResolvedLink) -> dict[str, Any]:
    link = item.link
    return {
        "source": item.source,
        "line": link.line,
        "column": link.column,
        "kind": link.kind,
        "target": link.target,
        "heading": link.heading,
        "block": link.block,
        "alias": link.alias,
        "embed": link.embed,
        "resolved": item.resolved,
        "status": item.status,
    }


def backlink_record(item: Backlink) -> dict[str, Any]:
    return asdict(item)


def hit_record(hit: Hit) -> dict[str, Any]:
    """A search hit for scripts: the snippet marks matches with ** as markdown does."""
    snippet = "".join(f"**{text}**" if match else text for text, match in hit.snippet_parts())
    return {"path": hit.path, "title": hit.title, "score": hit.score, "snippet": snippet}


def to_json(records: Iterable[dict[str, Any]]) -> str:
    return json.dumps(list(records), indent=2, ensure_ascii=False) + "\n"


def links_table(items: Sequence[ResolvedLink], title: str | None = None) -> RenderableType:
    """Where each link stands, what it says and where it leads. With a ``title`` (the one
    linking note) there is no note column; without, a section per linking note."""
    from rich.text import Text

    columns = ("line:col", "link", "resolves to", "status")
    table = _grouped_table(*columns) if title else _grouped_table("note", *columns)
    if title:
        table.title, table.title_justify, table.title_style = title, "left", "bold"
    for source, group in groupby(items, key=lambda item: item.source):
        table.add_section()
        for i, item in enumerate(group):
            link = item.link
            cells: list[RenderableType] = [
                f"{link.line}:{link.column}",
                Text(link.raw),
                item.resolved or "—",
                Text(item.status, style=_STATUS_STYLE[item.status]),
            ]
            if not title:
                cells.insert(0, source if i == 0 else "")
            table.add_row(*cells)
    return table


def backlinks_table(items: Sequence[Backlink]) -> RenderableType:
    """One table, a section per linking note, with the line each link or mention stands on."""
    from rich.text import Text

    table = _grouped_table("note", "line:col", "kind", "context")
    for source, group in groupby(items, key=lambda item: item.source):
        table.add_section()
        for i, item in enumerate(group):
            kind = item.kind + (" (embed)" if item.embed else "")
            style = "dim" if item.kind == "unlinked" else ""
            table.add_row(
                source if i == 0 else "",
                f"{item.line}:{item.column}",
                Text(kind, style=style),
                Text(item.context),
            )
    return table


def hits_table(hits: Sequence[Hit]) -> RenderableType:
    """Search results, best first, the matches highlighted in each snippet."""
    from rich.text import Text

    table = _grouped_table("#", "note", "snippet")
    for rank, hit in enumerate(hits, 1):
        snippet = Text()
        for text, match in hit.snippet_parts():
            snippet.append(_ONE_LINE.sub(" ", text), style="bold yellow" if match else "")
        table.add_row(str(rank), Text(hit.path, style="bold") + Text(f"\n{hit.title}", style="dim"), snippet)
    return table


def _grouped_table(*columns: str) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for column in columns:
        if column == "line:col":
            table.add_column(column, justify="right", no_wrap=True)
        elif column == "note":  # whole on a wide terminal, folded rather than squeezing the text
            table.add_column(column, overflow="fold", max_width=44)
        elif column in ("#", "status", "kind"):
            table.add_column(column, no_wrap=True)
        else:
            table.add_column(column, overflow="fold")
    return table
