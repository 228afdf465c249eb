"""Which formats `vault graph` writes, and the one call that writes any of them."""

from __future__ import annotations

from .subgraph import ExportGraph

FORMATS = ("json", "graphml", "gexf", "dot", "mermaid", "html")


def render(graph: ExportGraph, output_format: str, *, title: str = "vault", link_base: str = "./") -> str:
    """``graph`` as the text of ``output_format``. ``title`` names the vault in the HTML page and
    ``link_base`` leads from the HTML file's folder to the vault root (see
    :func:`.html.link_base`); the other formats don't use them. Each format's module is imported
    here, when asked for: networkx's XML writers take a while to import."""
    if output_format == "json":
        from .json_format import to_json

        return to_json(graph)
    if output_format in ("graphml", "gexf"):
        from .xml_formats import to_gexf, to_graphml

        return to_graphml(graph) if output_format == "graphml" else to_gexf(graph)
    if output_format == "dot":
        from .dot import to_dot

        return to_dot(graph)
    if output_format == "mermaid":
        from .mermaid import to_mermaid

        return to_mermaid(graph)
    if output_format == "html":
        from .html import to_html

        return to_html(graph, title=title, link_base=link_base)
    raise ValueError(f"unknown format {output_format!r}; one of {', '.join(FORMATS)}")
