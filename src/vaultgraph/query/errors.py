"""The two ways a query fails: it can't be read, or it can't be computed."""

from __future__ import annotations


class QuerySyntaxError(ValueError):
    """The query text is not valid; ``column`` is the 1-based character offset of the problem in
    the whole query (the column, for the usual one-line query)."""

    def __init__(self, message: str, column: int, query: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.column = column
        self.query = query

    def pointer(self) -> str:
        """The query's line holding the problem, and a caret under it."""
        offset = self.column - 1
        line_start = self.query.rfind("\n", 0, offset) + 1
        line_end = self.query.find("\n", offset)
        line = self.query[line_start : line_end if line_end != -1 else len(self.query)]
        return f"{line}\n{' ' * (offset - line_start)}^"


class QueryError(ValueError):
    """A valid query that can't be computed on this vault, such as adding a date to a string."""
