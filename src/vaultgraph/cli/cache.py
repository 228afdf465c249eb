"""`vault cache clear`: delete the vault's cache (it is rebuilt on the next run)."""

from __future__ import annotations

import typer

from .common import VaultOption, find_vault_root

app = typer.Typer(help="Manage the cache in VAULT/.vault/ (parse results, check results, search index).")


@app.command("clear")
def clear(vault: VaultOption = None) -> None:
    """Delete the cache; the next command rebuilds it."""
    from ..cache import cache_path
    from ..cache import clear as clear_cache

    root = find_vault_root(vault, None)
    where = cache_path(root)
    if clear_cache(root):
        typer.echo(f"removed {where}", err=True)
    else:
        typer.echo(f"no cache at {where}", err=True)
