"""vaultgraph: load a vault of markdown notes into a graph, and lint its links.

>>> import vaultgraph
>>> vault = vaultgraph.load("notes")          # doctest: +SKIP
>>> vault.resolve("power-law-returns").path   # doctest: +SKIP
'concepts/power-law-returns.md'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Diagnostic", "Link", "Note", "Resolution", "Vault", "__version__", "load"]

if TYPE_CHECKING:
    from .loader import load
    from .model import Diagnostic, Link
    from .resolve import Resolution
    from .vault import Note, Vault

_LAZY = {
    "load": "loader",
    "Vault": "vault",
    "Note": "vault",
    "Diagnostic": "model",
    "Link": "model",
    "Resolution": "resolve",
}


def __getattr__(name: str) -> Any:
    # Importing the package stays cheap (`vault --version` must not load YAML or networkx).
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
