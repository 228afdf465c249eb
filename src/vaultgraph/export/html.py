"""The export as one self-contained HTML page: an interactive drawing of the graph that works
offline, from a file, with no library (the script and style are viewer.js and viewer.css here).

The graph travels as JSON in a ``<script type="application/json">`` block. A note title is
data, never markup: ``<``, ``>`` and ``&`` are written as ``\\u003c`` escapes, so no title can
close the block (``</script>``) or open a comment; U+2028 and U+2029 too, which older JavaScript
read as line breaks. The script sets labels with ``textContent`` only, and a Content Security
Policy lets no script run but the page's own (by hash), in case anything slipped through.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
from importlib import resources
from pathlib import Path

from .json_format import node_link_data
from .subgraph import ExportGraph

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}

_PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<header>
  <input id="search" type="search" placeholder="Search notes" aria-label="Search notes" autocomplete="off">
  <label>Colour by <select id="colour-by">
    <option value="folder">folder</option>
    <option value="tag">first tag</option>
  </select></label>
  <span id="status"></span>
</header>
<svg id="graph" role="img" aria-label="{title}">
  <g id="viewport"><g id="edges"></g><g id="nodes"></g></g>
</svg>
<ul id="legend"></ul>
<aside id="details" hidden>
  <h2 id="details-title"></h2>
  <p id="details-meta"></p>
  <p><a id="details-link"></a></p>
</aside>
<script type="application/json" id="graph-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""


def script_json(value: object) -> str:
    """``value`` as JSON that is safe inside a ``<script>`` element, whatever its strings hold."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return "".join(_JSON_ESCAPES.get(char, char) for char in text)


def link_base(root: Path, folder: Path) -> str:
    """The URL prefix leading from ``folder`` (where the HTML file is) to the vault ``root``, so
    that the page links each note's file: ``./``, ``../notes/``, or the root's file URL when no
    relative path leads there (another drive on Windows)."""
    try:
        relative = os.path.relpath(root, folder)
    except ValueError:
        return root.resolve().as_uri() + "/"
    return "./" if relative == "." else Path(relative).as_posix() + "/"


def _asset(name: str) -> str:
    return resources.files("vaultgraph.export").joinpath(name).read_text(encoding="utf-8")


def _digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def to_html(graph: ExportGraph, *, title: str = "vault", link_base: str = "./") -> str:
    script, style = _asset("viewer.js"), _asset("viewer.css")
    data = {**node_link_data(graph), "link_base": link_base}
    policy = f"default-src 'none'; script-src {_digest(script)}; style-src {_digest(style)}"
    return _PAGE.format(
        policy=policy,
        title=html.escape(f"{title}: vault graph"),
        style=style,
        data=script_json(data),
        script=script,
    )
