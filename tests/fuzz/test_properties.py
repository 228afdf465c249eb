"""Properties of the parser and the resolver that must hold for any input, checked by hypothesis.

`make test` runs a few hundred examples of each (the "ci" profile); `make fuzz` runs the same
tests with the "fuzz" profile (tests/conftest.py), hundreds of thousands of examples in all.
"""

from __future__ import annotations

import posixpath
import unicodedata
from collections.abc import Callable

from hypothesis import assume, example, given
from hypothesis import strategies as st

from vaultgraph.model import Link, ParsedNote
from vaultgraph.names import name_key
from vaultgraph.parse import decode, parse_note
from vaultgraph.resolve import PathIndex, note_name, resolve_target
from vaultgraph.suggest import Suggester

# --- inputs ------------------------------------------------------------------------------------

#: Pieces of markdown that open, close or look like links, code, comments, math and frontmatter:
#: random text made of them reaches the parser's corners far more often than uniform text does.
TOKENS = [
    "[[", "]]", "[", "]", "(", ")", "](", "|", "\\|", "#", "#^", "^", "!", "![[", "<", ">",
    "---", "...", "```", "````", "~~~", "`", "``", "%%", "<!--", "-->", "$", "$$",
    "\n", "\n", "\n", "    ", "\t", " ", "- ", "> ", "| ", ":", "'", '"', "a", "b", "note", "Note.md",
    "../", "./", "/", "%20", "https://x.y", "é", "e\u0301", "\u200b", "\u202e", "\ufeff", "\x00",
    "#tag", "# H", "[[a]]", "[[a|b]]", "[[#h]]", "[t](a.md)", "up: '[[a]]'", "tags: [x, y]",
]  # fmt: skip

markdownish = st.lists(st.sampled_from(TOKENS) | st.text(max_size=4), max_size=40).map("".join)
any_text = markdownish | st.text()


def links_not_at_their_place(note: ParsedNote, text: str) -> list[Link]:
    """The links of ``note`` whose (line, column) does not point at their raw text in ``text``
    (a markdown link's raw may go on to the next line: `[t](dest` newline `)`)."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    return [
        link
        for link in note.links
        if not (
            1 <= link.line <= len(lines)
            and link.column <= len(lines[link.line - 1])
            and text.startswith(link.raw, starts[link.line - 1] + link.column - 1)
        )
    ]


# --- the parser --------------------------------------------------------------------------------


@given(st.binary(max_size=400) | any_text.map(str.encode))
@example(b"---\nx: !!python/object/apply:os.system ['true']\n---\n")
@example(b"---\na: &a [*a, *a]\nb: &b [*a, *a]\n---\n")
@example(b"\xff\xfe[\x00[\x00a\x00]\x00]\x00")
def test_any_bytes_parse_without_raising(data: bytes) -> None:
    note = parse_note(data)
    assert isinstance(note, ParsedNote)
    assert note.readable == isinstance(decode(data), str)
    for problem in note.problems:
        assert problem.line >= 1 and problem.column >= 1


@given(any_text)
@example("---\nup: '[[a]]'\n---\n![[b]] [[c|d]] [e](f.md)\n")
@example("| [[a\\|b]] | c |\n")
@example("[[```[[```(]]")  # found by this test: a link over a code span, raw read from the masked text
@example("[`vault check`](cli.md)")
@example("[[]([[\n)")  # a markdown link whose `)` is on the next line, as CommonMark allows
def test_every_link_points_at_its_text(text: str) -> None:
    decoded = decode(text.encode())
    assert isinstance(decoded, str)
    assert links_not_at_their_place(parse_note(text.encode()), decoded) == []


@given(markdownish.filter(lambda text: "\r" not in text))
@example("---\ntitle: x\n---\n[[a]]\n\n    [[code]]\n")
def test_line_endings_do_not_change_the_parse(text: str) -> None:
    lf = parse_note(text.encode())
    assert parse_note(text.replace("\n", "\r\n").encode()) == lf
    assert parse_note(text.replace("\n", "\r").encode()) == lf


def closes_a_fence(line: str, fence: str) -> bool:
    stripped = line.lstrip(" ")
    return len(line) - len(stripped) <= 3 and stripped.startswith(fence[0] * 3)


@given(
    fence=st.sampled_from(["```", "~~~", "````", "~~~~~"]),
    info=st.sampled_from(["", "python", " md "]),
    inner=markdownish,
    after=markdownish,
)
@example(fence="````", info="", inner="```\n[[a]]\n```", after="")
def test_nothing_inside_a_code_fence_is_linked(fence: str, info: str, inner: str, after: str) -> None:
    inner = "[[inside]] " + inner
    assume(not any(closes_a_fence(line, fence) for line in inner.split("\n")))
    assume("\r" not in inner)
    text = f"{fence}{info}\n{inner}\n{fence}\n{after}"
    fence_lines = range(1, inner.count("\n") + 4)
    inside = [link for link in parse_note(text.encode()).links if link.line in fence_lines]
    assert inside == []
    assert any(link.target == "inside" for link in parse_note(inner.encode()).links)


# --- the resolver ------------------------------------------------------------------------------

#: File and folder names: letters of several scripts, case and accents, spaces and dots inside.
segment = st.text(
    st.sampled_from("abcABC019 -_.éÉüß\u0301日本Ωω"),
    min_size=1,
    max_size=8,
).filter(lambda name: name == name.strip() and not name.startswith(".") and name not in ("..",))
note_path = st.lists(segment, min_size=1, max_size=4).map(lambda parts: "/".join(parts) + ".md")


@given(st.one_of(st.text(), st.text(st.sampled_from("aAzZ09 ./-_~ßéÉ\u0301\u212a\u0130İı"))))
@example("\u212a")  # KELVIN SIGN: casefolds to ASCII "k"
def test_a_name_key_is_nfc_of_the_case_folded_nfc(text: str) -> None:
    """name_key takes a shortcut for ASCII; it must key every text as the rule says."""
    assert name_key(text) == unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())


@given(st.lists(st.one_of(note_path, segment), min_size=1, max_size=12))
def test_the_index_keys_file_names_and_note_names_as_name_key_does(paths: list[str]) -> None:
    """PathIndex cuts a file's name key out of its path's key; that must be the name's own key."""
    index = PathIndex(paths)
    assert {key: sorted(found) for key, found in index.by_filename.items()} == group_by(
        paths, lambda path: name_key(posixpath.basename(path))
    )
    notes = [path for path in paths if index.is_note(path)]
    assert {key: sorted(found) for key, found in index.by_name.items()} == group_by(
        notes, lambda path: name_key(note_name(path))
    )


@given(st.text(st.sampled_from("ab./ .é")))
def test_a_note_name_is_its_file_name_without_the_extension(path: str) -> None:
    assert note_name(path) == posixpath.splitext(posixpath.basename(path))[0]


def group_by(paths: list[str], key: Callable[[str], str]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for path in sorted(paths):
        grouped.setdefault(key(path), []).append(path)
    return grouped


def unique_by_key(paths: list[str]) -> list[str]:
    """Paths that stay distinct after NFC and case folding, as two files of one vault would."""
    seen: dict[str, str] = {}
    for path in paths:
        seen.setdefault(name_key(path), path)
    return list(seen.values())


@given(st.lists(note_path, min_size=1, max_size=12).map(unique_by_key), st.data())
def test_a_note_is_found_by_its_own_path(paths: list[str], data: st.DataObject) -> None:
    index = PathIndex(paths)
    path = data.draw(st.sampled_from(paths))
    source = data.draw(st.sampled_from(paths))
    for target in (path, path.removesuffix(".md"), "/" + path):
        resolution = resolve_target(index, target, source)
        if "/" in target:
            assert (resolution.status, resolution.path) == ("ok", path), target
        else:  # a bare name: another note of that name elsewhere makes it ambiguous, never lost
            assert resolution.status in ("ok", "ambiguous")
            assert path in resolution.candidates
    relative = posixpath.relpath(path, posixpath.dirname(source) or ".")
    relative = relative if relative.startswith("../") else "./" + relative
    assert resolve_target(index, relative, source).path == path


@given(
    st.lists(note_path, min_size=2, max_size=12).map(unique_by_key),
    st.lists(segment, min_size=1, max_size=3),
    st.data(),
)
def test_moving_a_note_to_another_folder_loses_no_link_by_name(
    paths: list[str], folder: list[str], data: st.DataObject
) -> None:
    """Links by bare name (the kind Obsidian writes) follow a note wherever it moves, as long as
    its name stays unique: moving a note never breaks or redirects a link to it."""
    moved = data.draw(st.sampled_from(paths))
    name = note_name(moved)
    assume(sum(name_key(note_name(path)) == name_key(name) for path in paths) == 1)
    new_path = "/".join(folder) + "/" + posixpath.basename(moved)
    assume(name_key(new_path) not in {name_key(path) for path in paths})
    sources = [path for path in paths if path != moved]
    before = PathIndex(paths)
    after = PathIndex([*sources, new_path])
    for source in sources:
        assert resolve_target(before, name, source).path == moved
        assert resolve_target(after, name, source).path == new_path


# --- suggestions -------------------------------------------------------------------------------

#: Names that differ from each other by an edit or two, as typos of one another do.
near_name = st.text(st.sampled_from("abcAé-1"), min_size=0, max_size=6)


@given(st.lists(near_name, min_size=1, max_size=30), st.lists(near_name, min_size=1, max_size=30))
def test_suggestions_for_many_targets_at_once_are_those_asked_one_by_one(
    names: list[str], targets: list[str]
) -> None:
    """A full check words its broken links with Suggester.expect; each suggestion must be what
    suggest() gives alone, whether it scans the names or indexes them."""
    scanned = [Suggester(names).suggest(target) for target in targets]  # a first look-up scans
    shared = Suggester(names)
    shared_answers = [shared.suggest(target) for target in targets]  # past 16, it indexes
    at_once = Suggester(names)
    at_once.expect(targets)
    assert [at_once.suggest(target) for target in targets] == scanned == shared_answers
