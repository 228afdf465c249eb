"""The HTML export in a real browser: headless Chromium loads the page from a file, runs its
script, and we read the DOM it leaves (``--dump-dom``) and a screenshot.

Skipped when no Chromium is installed (.ci/run installs Debian's). The note titles that are
markup (``<script>``, ``</script>``, ``<img onerror>``) must come out as the literal text of
their labels, with no element of theirs in the page.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]

#: Notes whose file names are markup, written here rather than checked in: Windows can't hold
#: `<` or `>` in a file name, so a clone there would fail. Their titles are their names.
MARKUP_NAMES = ("<script>alert(3)<script>", "<img src=x onerror=alert(4)>")


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


CHROMIUM = _chromium()
if CHROMIUM is None:
    pytest.skip(
        "no Chromium found (chromium or chromium-browser on PATH, or /usr/bin/chromium); "
        "install it with `apt-get install chromium` to run the HTML export's browser test",
        allow_module_level=True,
    )


class _Dom(HTMLParser):
    """What the test reads from the dumped DOM: the svg's attributes, each node's label text,
    and every element name seen."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.svg: dict[str, str | None] = {}
        self.labels: dict[str, str] = {}
        self.elements: list[str] = []
        self._node: str | None = None
        self._in_label = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(tag)
        found = dict(attrs)
        if tag == "svg" and found.get("id") == "graph":
            self.svg = found
        elif tag == "g" and "node" in (found.get("class") or "").split():
            self._node = found.get("data-id")
            self.labels[self._node or ""] = ""
        elif tag == "text" and self._node is not None:
            self._in_label = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "text":
            self._in_label = False
        elif tag == "g":
            self._node = None

    def handle_data(self, data: str) -> None:
        if self._in_label and self._node is not None:
            self.labels[self._node] += data


def _browse(page: Path, fragment: str, *extra: str, profile: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--virtual-time-budget=5000",
            *extra,
            page.as_uri() + fragment,
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture vault, with the notes named in markup added, exported to HTML."""
    from typer.testing import CliRunner

    from vaultgraph.cli import app

    root = tmp_path_factory.mktemp("browser")
    vault = Path(shutil.copytree(Path(__file__).parent.parent / "fixtures" / "export", root / "vault"))
    for name in MARKUP_NAMES:
        (vault / f"{name}.md").write_text("A note named in markup. See [[index]].\n", encoding="utf-8")
    target = root / "site" / "graph.html"
    target.parent.mkdir()
    result = CliRunner().invoke(app, ["graph", "--vault", str(vault), "-f", "html", "-o", str(target)])
    assert result.exit_code == 0, result.output
    return target


@pytest.fixture
def dom(page: Path, tmp_path: Path) -> Callable[[str], _Dom]:
    def load(fragment: str) -> _Dom:
        result = _browse(page, fragment, "--dump-dom", profile=tmp_path / "profile")
        assert result.returncode == 0, result.stderr[-2000:]
        parsed = _Dom()
        parsed.feed(result.stdout)
        return parsed

    return load


def test_every_node_is_drawn_and_the_search_from_the_url_matches(dom: Callable[[str], _Dom]) -> None:
    found = dom("#search=topics")
    assert found.svg.get("data-nodes") == "12"  # 10 in the fixture, and the two named in markup
    assert len(found.labels) == 12
    assert found.svg.get("data-matches") == "2"  # topics/alpha.md, topics/beta.md by path
    assert "searching" in (found.svg.get("class") or "")


def test_titles_that_are_markup_render_as_text(dom: Callable[[str], _Dom]) -> None:
    found = dom("#search=alert")
    assert found.svg.get("data-matches") == "4"  # scripted, closing and the two named in markup
    assert found.labels["scripted.md"] == "<script>alert(1)</script>"
    assert found.labels["closing.md"] == "end </script><script>alert(2)</script>\u2028next"
    assert found.labels["<script>alert(3)<script>.md"] == "<script>alert(3)<script>"
    assert found.labels["<img src=x onerror=alert(4)>.md"] == "<img src=x onerror=alert(4)>"
    assert found.elements.count("script") == 2  # the graph data and the viewer: none from a title
    assert "img" not in found.elements


def test_a_screenshot_shows_the_graph(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "graph.png"
    result = _browse(page, "", f"--screenshot={shot}", "--window-size=1200,800", profile=tmp_path / "profile")
    assert result.returncode == 0, result.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1200, 800)  # IHDR: width, height
    # A blank page of that size compresses to a few kilobytes; nodes, lines and labels don't.
    assert len(data) > 10_000
