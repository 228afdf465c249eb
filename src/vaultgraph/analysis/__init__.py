"""Queries over the vault graph (:mod:`vaultgraph.graph`) behind the exploring commands: pure
functions from the graph to frozen dataclasses, one module per kind of question.

- :mod:`.views`: the note-only graph the other modules walk;
- :mod:`.ranking`: orphans, dead ends, wanted notes, hubs (in-degree and PageRank);
- :mod:`.paths`: shortest link paths and neighbourhoods;
- :mod:`.communities`: clusters and related notes;
- :mod:`.tags`: tag counts with nesting;
- :mod:`.stats`: the figures of `vault stats`.
"""
