"""How the graph commands (orphans, wanted, hubs, path, ...) show their results: flat JSON
records with stable keys, and rich tables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from ..analysis.communities import Cluster, Related
from ..analysis.paths import Hop
from ..analysis.stats import VaultStats
from ..analysis.tags import TagCount

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table

_ARROW = {"out": "→", "in": "←"}
_NUMERIC = frozenset(
    ("#", "rank", "cluster", "notes", "links", "direct", "distance", "size", "score", "pagerank")
)


def record(item: Any) -> dict[str, Any]:
    """The JSON record of a result whose fields are already flat and named for scripts."""
    return asdict(item)


def ranked_records(items: Sequence[Any]) -> list[dict[str, Any]]:
    """Records with their 1-based place in the ranking first (`hubs`)."""
    return [{"rank": rank, **asdict(item)} for rank, item in enumerate(items, 1)]


def hop_record(hop: Hop) -> dict[str, Any]:
    # "from"/"to" read better than source/target for a path, and are not Python names
    return {
        "step": hop.step,
        "from": hop.source,
        "to": hop.target,
        "direction": hop.direction,
        "line": hop.line,
        "column": hop.column,
        "link": hop.link,
    }


def cluster_records(items: Sequence[Cluster]) -> list[dict[str, Any]]:
    return [{"cluster": number, **asdict(item)} for number, item in enumerate(items, 1)]


def tag_record(item: TagCount) -> dict[str, Any]:
    return {"tag": item.tag, "notes": item.notes, "direct": item.direct}


def stats_record(stats: VaultStats) -> dict[str, Any]:
    result = asdict(stats)
    result["top_tags"] = [{"tag": tag, "notes": count} for tag, count in stats.top_tags]
    result["top_fields"] = [{"field": field, "notes": count} for field, count in stats.top_fields]
    return result


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> RenderableType:
    """A plain table of ``columns`` of ``rows`` (records), lists joined one per line."""
    result = _table(*columns)
    for row in rows:
        result.add_row(*(_cell(row[column]) for column in columns))
    return result


def path_table(hops: Sequence[Hop]) -> RenderableType:
    """The path as a chain: each note on its own line, and between two notes the link that joins
    them (where it stands in the note that holds it). A chain, not a table: paths are long and
    a table would fold every one of them."""
    from rich.text import Text

    chain = Text()
    for hop in hops:
        if hop.step == 1:
            chain.append(hop.source + "\n", style="bold")
        holder = hop.source if hop.direction == "out" else hop.target
        where = (
            f"  ({holder}:{hop.line}:{hop.column})"
            if hop.direction == "in"
            else f"  (line {hop.line}:{hop.column})"
        )
        chain.append(f"  {_ARROW[hop.direction]} ")
        chain.append(hop.link)
        chain.append(where + "\n", style="dim")
        chain.append(hop.target + "\n", style="bold")
    chain.rstrip()
    return chain


def related_table(items: Sequence[Related]) -> RenderableType:
    from rich.text import Text

    result = _table("note", "score", "why")
    for item in items:
        why = [f"links: {', '.join(item.shared_links)}"] if item.shared_links else []
        why += [f"tags: {', '.join('#' + tag for tag in item.shared_tags)}"] if item.shared_tags else []
        result.add_row(Text(item.path), f"{item.score:.3f}", Text("\n".join(why)))
    return result


def tags_table(items: Sequence[TagCount]) -> RenderableType:
    """Tags as a tree: each nested tag indented under its parent by its last part."""
    result = _table("tag", "notes", "direct")
    for item in items:
        label = "#" + item.tag if not item.depth else "  " * item.depth + "/" + item.tag.rsplit("/", 1)[-1]
        result.add_row(label, str(item.notes), str(item.direct))
    return result


def stats_table(stats: VaultStats) -> RenderableType:
    from rich.console import Group

    figures = _table("", "")
    figures.show_header = False
    for name, value in asdict(stats).items():
        if not name.startswith("top_"):
            figures.add_row(
                name.replace("_", " "), f"{value:.6f}" if isinstance(value, float) else str(value)
            )
    parts: list[RenderableType] = [figures]
    if stats.top_tags:
        parts += ["", table([{"tag": "#" + t, "notes": n} for t, n in stats.top_tags], ("tag", "notes"))]
    if stats.top_fields:
        parts += ["", table([{"field": f, "notes": n} for f, n in stats.top_fields], ("field", "notes"))]
    return Group(*parts)


def _cell(value: Any) -> RenderableType:
    """A cell as plain text: a note named `[draft] x.md` is not rich markup."""
    from rich.text import Text

    if isinstance(value, list | tuple):
        return Text("\n".join(map(str, value)))
    if isinstance(value, float):
        return f"{value:.6f}"
    return Text(str(value))


def _table(*columns: str) -> Table:
    from rich import box
    from rich.table import Table

    result = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for column in columns:
        result.add_column(column, justify="right" if column in _NUMERIC else "left", overflow="fold")
    return result
