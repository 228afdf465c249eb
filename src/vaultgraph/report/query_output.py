"""How `vault query` shows a result: a rich table, JSON records, CSV, or a markdown table to paste
into a note."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from ..query import QueryResult, to_plain, to_text

if TYPE_CHECKING:
    from rich.console import RenderableType


def result_records(result: QueryResult) -> list[dict[str, Any]]:
    """One JSON object a row, keyed by column name (a repeated name gets " (2)", " (3)" ...)."""
    names = _unique(result.columns)
    return [{name: to_plain(value) for name, value in zip(names, row, strict=True)} for row in result.rows]


def result_json(result: QueryResult) -> str:
    return json.dumps(result_records(result), indent=2, ensure_ascii=False) + "\n"


def result_csv(result: QueryResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows([to_text(value) for value in row] for row in result.rows)
    return out.getvalue()


def result_markdown(result: QueryResult) -> str:
    """A GitHub/Obsidian markdown table. Pipes are escaped (in a wikilink, ``\\|`` is still the
    alias separator to Obsidian) and line breaks become spaces, so every row stays one row."""
    lines = [_markdown_row(result.columns), "|" + "|".join(" --- " for _ in result.columns) + "|"]
    lines += [_markdown_row([to_text(value) for value in row]) for row in result.rows]
    return "\n".join(lines) + "\n"


def result_table(result: QueryResult) -> RenderableType:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for column in result.columns:
        table.add_column(Text(column), overflow="fold")
    for row in result.rows:
        table.add_row(*(Text(to_text(value)) for value in row))  # Text: a note's "[b]" is not markup
    return table


def _markdown_row(cells: Any) -> str:
    return "| " + " | ".join(str(cell).replace("|", "\\|").replace("\n", " ") for cell in cells) + " |"


def _unique(columns: tuple[str, ...]) -> list[str]:
    seen: dict[str, int] = {}
    names = []
    for column in columns:
        seen[column] = seen.get(column, 0) + 1
        names.append(column if seen[column] == 1 else f"{column} ({seen[column]})")
    return names
