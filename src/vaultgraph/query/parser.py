"""The query language, read by recursive descent.

    query    := (LIST [WITHOUT ID] [expr] | TABLE [WITHOUT ID] [column ("," column)*])
                [FROM source] clause*
    column   := expr [AS (name | string)]
    source   := and-src (OR and-src)*;  and-src := not-src (AND not-src)*
    not-src  := "-" not-src | "(" source ")" | #tag | "folder" | [[link]] | outgoing([[link]])
    clause   := WHERE expr | SORT expr [ASC|DESC] ("," ...)* | LIMIT number
              | GROUP BY expr [AS (name | string)] | FLATTEN expr [AS name]
    expr     := or;  or := and (("or" | "|") and)*;  and := compare (("and" | "&") compare)*
    compare  := sum [("=" | "!=" | "<" | "<=" | ">" | ">=") sum]
    sum      := product (("+" | "-") product)*;  product := unary (("*" | "/" | "%") unary)*
    unary    := ("!" | "-") unary | postfix;  postfix := primary ("." name | "[" expr "]")*
    primary  := number | string | true | false | null | [[link]] | "[" [expr ("," expr)*] "]"
              | name "(" [expr ("," expr)*] ")" | name | "(" expr ")"

Keywords are case-insensitive; function names too.
"""

from __future__ import annotations

from .errors import QueryError, QuerySyntaxError
from .functions import DATE_WORDS, FUNCTIONS, compile_pattern
from .lexer import Token, tokenize
from .syntax import (
    Binary,
    BothSources,
    Call,
    Clause,
    Column,
    EitherSource,
    Expr,
    Flatten,
    FolderSource,
    GroupBy,
    Index,
    Limit,
    LinkedFrom,
    LinkExpr,
    LinksTo,
    ListExpr,
    Literal,
    Member,
    Name,
    NotSource,
    Query,
    Sort,
    SortKey,
    Source,
    TagSource,
    Unary,
    Where,
)

CLAUSES = ("from", "where", "sort", "limit", "group", "flatten")
_COMPARISONS = ("=", "!=", "<", "<=", ">", ">=")
_CONSTANTS: dict[str, Literal] = {"true": Literal(True), "false": Literal(False), "null": Literal(None)}


def parse_query(text: str) -> Query:
    """Read a query; a QuerySyntaxError says what is wrong and at which column."""
    return _Parser(text).query()


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.position = 0

    # -- tokens

    @property
    def token(self) -> Token:
        return self.tokens[self.position]

    def advance(self) -> Token:
        token = self.token
        if token.kind != "end":
            self.position += 1
        return token

    def error(self, message: str, token: Token | None = None) -> QuerySyntaxError:
        token = token or self.token
        return QuerySyntaxError(message, token.column, self.text)

    def found(self) -> str:
        return "the end of the query" if self.token.kind == "end" else repr(self.token.text)

    def accept_symbol(self, symbol: str) -> bool:
        if self.token.kind == "symbol" and self.token.text == symbol:
            self.advance()
            return True
        return False

    def expect_symbol(self, symbol: str, context: str) -> None:
        if not self.accept_symbol(symbol):
            raise self.error(f"expected {symbol!r} {context}, found {self.found()}")

    def accept_keyword(self, *words: str) -> bool:
        if self.token.is_keyword(*words):
            self.advance()
            return True
        return False

    def expect_keyword(self, word: str, after: str) -> None:
        if not self.accept_keyword(word):
            raise self.error(f"expected {word.upper()} after {after}, found {self.found()}")

    def source_text(self, start: Token) -> str:
        """The query text from ``start`` to the last token read: a column's default name."""
        return self.text[start.start : self.tokens[self.position - 1].end]

    # -- the query and its clauses

    def query(self) -> Query:
        head = self.token
        if not head.is_keyword("list", "table"):
            raise self.error(f"a query starts with LIST or TABLE, found {self.found()}")
        self.advance()
        is_list = head.is_keyword("list")
        with_id = True
        if self.accept_keyword("without"):
            self.expect_keyword("id", "WITHOUT")
            with_id = False
        columns = self.list_columns() if is_list else self.table_columns(with_id)
        source = None
        if self.accept_keyword("from"):
            source = self.source_or()
        clauses = []
        while self.token.kind != "end":
            clauses.append(self.clause())
        return Query("list" if is_list else "table", with_id, columns, source, tuple(clauses))

    def starts_clause(self) -> bool:
        return self.token.kind == "end" or self.token.is_keyword(*CLAUSES)

    def list_columns(self) -> tuple[Column, ...]:
        if self.starts_clause():
            return ()
        start = self.token
        return (Column(self.expression("LIST"), self.source_text(start)),)

    def table_columns(self, with_id: bool) -> tuple[Column, ...]:
        if self.starts_clause():
            if not with_id:
                raise self.error("TABLE WITHOUT ID needs at least one column")
            return ()
        columns = [self.column("TABLE")]
        while self.accept_symbol(","):
            columns.append(self.column("','"))
        return tuple(columns)

    def column(self, after: str) -> Column:
        start = self.token
        expr = self.expression(after)
        text = self.source_text(start)
        return Column(expr, self.as_name(text, quoted=True))

    def as_name(self, default: str, quoted: bool) -> str:
        """The name after AS (a string too when ``quoted``), or ``default`` without AS."""
        if not self.accept_keyword("as"):
            return default
        token = self.token
        if token.kind == "name" or (quoted and token.kind == "string" and token.value):
            self.advance()
            return str(token.value)
        wanted = 'a name or a "quoted name"' if quoted else "a name"
        raise self.error(f"expected {wanted} after AS, found {self.found()}")

    def clause(self) -> Clause:
        token = self.token
        if token.is_keyword("from"):
            raise self.error("FROM must come right after LIST or TABLE and its columns")
        if self.accept_keyword("where"):
            return Where(self.expression("WHERE"))
        if self.accept_keyword("sort"):
            keys = [self.sort_key()]
            while self.accept_symbol(","):
                keys.append(self.sort_key())
            return Sort(tuple(keys))
        if self.accept_keyword("limit"):
            count = self.token
            if count.kind != "number" or not isinstance(count.value, int):
                raise self.error(f"expected a whole number after LIMIT, found {self.found()}")
            self.advance()
            return Limit(count.value)
        if self.accept_keyword("group"):
            self.expect_keyword("by", "GROUP")
            start = self.token
            expr = self.expression("GROUP BY")
            return GroupBy(expr, self.as_name(self.source_text(start), quoted=True))
        if self.accept_keyword("flatten"):
            start = self.token
            expr = self.expression("FLATTEN")
            return Flatten(expr, self.as_name(self.source_text(start), quoted=False))
        raise self.error(f"expected WHERE, SORT, LIMIT, GROUP BY or FLATTEN, found {self.found()}")

    def sort_key(self) -> SortKey:
        expr = self.expression("SORT")
        descending = self.token.is_keyword("desc", "descending")
        self.accept_keyword("asc", "ascending", "desc", "descending")
        return SortKey(expr, descending)

    # -- FROM sources

    def source_or(self) -> Source:
        source = self.source_and()
        while self.accept_keyword("or"):
            source = EitherSource(source, self.source_and())
        return source

    def source_and(self) -> Source:
        source = self.source_not()
        while self.accept_keyword("and"):
            source = BothSources(source, self.source_not())
        return source

    def source_not(self) -> Source:
        token = self.token
        if self.accept_symbol("-"):
            return NotSource(self.source_not())
        if self.accept_symbol("("):
            source = self.source_or()
            self.expect_symbol(")", "to close the '(' of a source")
            return source
        if token.kind == "tag":
            self.advance()
            return TagSource(str(token.value))
        if token.kind == "string":
            self.advance()
            return FolderSource(str(token.value))
        if token.kind == "link":
            self.advance()
            return LinksTo(str(token.value))
        if token.is_keyword("outgoing"):
            self.advance()
            self.expect_symbol("(", "after outgoing")
            link = self.token
            if link.kind != "link":
                raise self.error(f"outgoing() takes a [[link]], found {self.found()}")
            self.advance()
            self.expect_symbol(")", "to close outgoing(")
            return LinkedFrom(str(link.value))
        raise self.error(f'expected a #tag, "folder", [[link]] or outgoing([[link]]), found {self.found()}')

    # -- expressions

    def expression(self, after: str) -> Expr:
        if self.starts_clause() or self.token.is_keyword("as"):
            raise self.error(f"expected an expression after {after}, found {self.found()}")
        return self.or_expr()

    def or_expr(self) -> Expr:
        expr = self.and_expr()
        while self.accept_keyword("or") or self.accept_symbol("|"):
            expr = Binary("or", expr, self.and_expr())
        return expr

    def and_expr(self) -> Expr:
        expr = self.comparison()
        while self.accept_keyword("and") or self.accept_symbol("&"):
            expr = Binary("and", expr, self.comparison())
        return expr

    def comparison(self) -> Expr:
        expr = self.sum()
        token = self.token
        if token.kind == "symbol" and token.text in _COMPARISONS:
            self.advance()
            expr = Binary(token.text, expr, self.sum())
        return expr

    def sum(self) -> Expr:
        expr = self.product()
        while self.token.kind == "symbol" and self.token.text in ("+", "-"):
            expr = Binary(self.advance().text, expr, self.product())
        return expr

    def product(self) -> Expr:
        expr = self.unary()
        while self.token.kind == "symbol" and self.token.text in ("*", "/", "%"):
            expr = Binary(self.advance().text, expr, self.unary())
        return expr

    def unary(self) -> Expr:
        if self.token.kind == "symbol" and self.token.text in ("!", "-"):
            return Unary(self.advance().text, self.unary())
        return self.postfix()

    def postfix(self) -> Expr:
        expr = self.primary()
        while True:
            if self.accept_symbol("."):
                name = self.token
                if name.kind != "name":
                    raise self.error(f"expected a field name after '.', found {self.found()}")
                self.advance()
                expr = Member(expr, name.text)
            elif self.accept_symbol("["):
                index = self.or_expr()
                self.expect_symbol("]", "to close '['")
                expr = Index(expr, index)
            else:
                return expr

    def primary(self) -> Expr:
        token = self.token
        if token.kind in ("number", "string"):
            self.advance()
            return Literal(token.value)
        if token.kind == "link":
            self.advance()
            return LinkExpr(str(token.value))
        if token.kind == "name" and not token.is_keyword("and", "or", "as"):
            self.advance()
            if self.token.kind == "symbol" and self.token.text == "(":
                return self.call(token)
            constant = _CONSTANTS.get(token.text.lower())
            return constant if constant is not None else Name(token.text)
        if self.accept_symbol("("):
            expr = self.or_expr()
            self.expect_symbol(")", "to close '('")
            return expr
        if self.accept_symbol("["):
            items = self.arguments("]")
            return ListExpr(items)
        raise self.error(f"expected a value, a field or a function call, found {self.found()}")

    def arguments(self, closing: str) -> tuple[Expr, ...]:
        """Expressions separated by commas, up to ``closing`` (the opening one already read)."""
        if self.accept_symbol(closing):
            return ()
        items = [self.or_expr()]
        while self.accept_symbol(","):
            items.append(self.or_expr())
        self.expect_symbol(closing, "after the last item" if closing == "]" else "after the arguments")
        return tuple(items)

    def call(self, name: Token) -> Call:
        function = FUNCTIONS.get(name.text.lower())
        if function is None:
            known = ", ".join(sorted(FUNCTIONS))
            raise self.error(f"unknown function {name.text!r} (known: {known})", name)
        self.advance()  # "("
        first = self.token
        args = self.arguments(")")
        if not function.min_args <= len(args) <= function.max_args:
            count = (
                str(function.min_args)
                if function.min_args == function.max_args
                else f"{function.min_args} or {function.max_args}"
            )
            plural = "" if count == "1" else "s"
            raise self.error(f"{name.text}() takes {count} argument{plural}, not {len(args)}", name)
        call = Call(name.text.lower(), _date_words(name.text.lower(), args))
        self.check_pattern(call, first)
        return call

    def check_pattern(self, call: Call, first: Token) -> None:
        """A literal regular expression that doesn't compile is an error in the query text."""
        pattern = call.args[0]
        if call.function == "regexmatch" and isinstance(pattern, Literal) and isinstance(pattern.value, str):
            try:
                compile_pattern(pattern.value)
            except QueryError as error:
                raise self.error(str(error), first) from None


def _date_words(function: str, args: tuple[Expr, ...]) -> tuple[Expr, ...]:
    """``date(today)`` means the word, not a field named today (as in Dataview)."""
    if function == "date" and isinstance(word := args[0], Name) and word.name.lower() in DATE_WORDS:
        return (Literal(word.name.lower()),)
    return args
