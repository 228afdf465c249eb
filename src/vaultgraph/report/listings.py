"""How `vault links` and `vault backlinks` show their results: JSON records and rich tables."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from itertools import groupby
from typing import TYPE_CHECKING, Any

from ..backlinks import Backlink
from ..vault import ResolvedLink

if TYPE_CHECKING:
    from rich.console import RenderableType

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


def to_json(records: Iterable[dict[str, Any]]) -> str:
    return json.dumps(list(records), indent=2, ensure_ascii=False) + "\n"


def links_tables(items: Sequence[ResolvedLink]) -> list[RenderableType]:
    """One table per linking note: where each link stands, what it says and where it leads."""
    from rich.table import Table
    from rich.text import Text

    tables: list[RenderableType] = []
    for source, group in groupby(items, key=lambda item: item.source):
        table = Table(title=source, title_justify="left", title_style="bold", expand=False)
        table.add_column("line:col", justify="right", no_wrap=True)
        table.add_column("link")
        table.add_column("resolves to")
        table.add_column("status", no_wrap=True)
        for item in group:
            link = item.link
            written = Text(link.raw)
            table.add_row(
                f"{link.line}:{link.column}",
                written,
                item.resolved or "—",
                Text(item.status, style=_STATUS_STYLE[item.status]),
            )
        tables.append(table)
    return tables


def backlinks_tables(items: Sequence[Backlink]) -> list[RenderableType]:
    """One table per linking note, with the line each link or mention stands on."""
    from rich.table import Table
    from rich.text import Text

    tables: list[RenderableType] = []
    for source, group in groupby(items, key=lambda item: item.source):
        table = Table(title=source, title_justify="left", title_style="bold", expand=False)
        table.add_column("line:col", justify="right", no_wrap=True)
        table.add_column("kind", no_wrap=True)
        table.add_column("context")
        for item in group:
            kind = item.kind + (" (embed)" if item.embed else "")
            style = "dim" if item.kind == "unlinked" else ""
            table.add_row(f"{item.line}:{item.column}", Text(kind, style=style), Text(item.context))
        tables.append(table)
    return tables
