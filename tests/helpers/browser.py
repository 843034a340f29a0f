"""Helpers for the browser tests: Chromium's path and flags, a local HTTP server, Mermaid's
local copy and opening a page in Playwright (the fixtures are in tests/browser/conftest.py)."""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = os.environ.get("ASYNCOPS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
"""Debian's Chromium by default; `ASYNCOPS_CHROMIUM` names another Chromium-based browser."""
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # `format`: the base class names it
        pass


@contextlib.contextmanager
def served(directory: Path) -> Iterator[str]:
    """`directory` served over HTTP on a free loopback port; yields its base URL."""
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(directory))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


MERMAID_CDN = re.compile(r"^https://unpkg\.com/mermaid@[^/]+/dist/mermaid\.min\.js$")
MERMAID_JS = Path(
    os.environ.get("ASYNCOPS_MERMAID_JS")
    or Path.home() / ".cache" / "mkdocs-asyncops" / "mermaid" / "mermaid.min.js"
)


Visit = Callable[..., tuple[object, list[str]]]


def prepare(page: object, mermaid: Path | None) -> None:
    """Open the shadow roots Material draws each Mermaid graph into (so tests can see the SVG)
    and serve Mermaid from `mermaid`, when given, in place of the CDN's."""
    page.add_init_script(
        "const attach = Element.prototype.attachShadow;"
        "Element.prototype.attachShadow = function (init) { return attach.call(this, {...init, mode: 'open'}); };"
    )
    if mermaid is not None:
        page.route(
            MERMAID_CDN,
            lambda route: route.fulfill(path=str(mermaid), content_type="text/javascript"),
        )


def open_page(
    browser: object, url: str, mermaid: Path | None, scheme: str = "light"
) -> tuple[object, list[str]]:
    """Load `url` and wait for the network to settle; return the page and its console errors.

    Mermaid comes from `mermaid` when given; without it the CDN's failure is not counted as a
    page's error, and the tests that need the graph skip that check.
    """
    page = browser.new_page(color_scheme=scheme, viewport={"width": 1280, "height": 800})
    problems: list[str] = []

    def console(message: object) -> None:
        where = message.location.get("url", "")
        if message.type == "error" and not (mermaid is None and "unpkg.com" in where):
            problems.append(f"{message.text} ({where})")

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    prepare(page, mermaid)
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.status == 200, url
    return page, problems


def built_pages(project: Path, site_dir: Path) -> tuple[list[str], list[str]]:
    """Build `project` into `site_dir`; return the URL paths of the pages the plugin generated
    (boards, indexes, health pages) and of the documents it gave a header, each sorted."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir))
    plugin = config.plugins["asyncops"]
    seen: list[tuple[list[str], list[str]]] = []

    def keep(**_: object) -> None:  # before the plugin's own `post_build` forgets the build
        seen.append(
            (
                sorted(map(url_path, plugin.parts.pages)),
                sorted(map(url_path, plugin.parts.documents)),
            )
        )

    config.plugins.events["post_build"].insert(0, keep)
    try:
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
    finally:
        config.plugins.on_shutdown()
    return seen[0]


def url_path(src_uri: str) -> str:
    """The directory URL of a Markdown source path: `handbook/index.md` -> `handbook/`."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith(("/index", "/README")):
        stem = stem.rpartition("/")[0] if "/" in stem else ""
    return f"{stem}/" if stem else ""


VIEWPORTS = {"1440x900": {"width": 1440, "height": 900}, "390x844": {"width": 390, "height": 844}}
SCHEMES = ("default", "slate")
"""Material's light and dark palettes, switched on the page as Material's own toggle does."""

LAYOUT_PROBLEMS = r"""() => {
  const problems = [];
  const content = document.querySelector('.md-content') || document.querySelector('article');
  const describe = el => {
    const classes = typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\s+/).join('.') : '';
    return `${el.tagName.toLowerCase()}${classes} "${el.textContent.trim().slice(0, 40)}"`;
  };
  const scrolls = el => {
    const style = getComputedStyle(el);
    return style.overflowX === 'auto' || style.overflowX === 'scroll' || style.overflowX === 'hidden';
  };
  for (const [name, box] of [['the document', document.documentElement], ['the content', content]]) {
    if (!box || box.scrollWidth <= box.clientWidth) continue;
    const right = box.getBoundingClientRect().left + box.clientWidth;
    // the outermost elements that stick out, none of them inside a box that scrolls on its own
    const culprits = [...box.querySelectorAll('*')].filter(el => {
      if (el.getBoundingClientRect().right <= right + 0.5) return false;
      for (let up = el.parentElement; up && up !== box; up = up.parentElement)
        if (scrolls(up) || up.getBoundingClientRect().right > right + 0.5) return false;
      return true;
    }).slice(0, 3).map(describe);
    problems.push(`${name} scrolls sideways (${box.scrollWidth} > ${box.clientWidth}): ${culprits.join(', ')}`);
  }
  if (!content) return problems;
  // text in a closed <details> but outside its summary is not drawn
  const folded = node => {
    for (let d = node.parentElement.closest('details:not([open])'); d; d = d.parentElement && d.parentElement.closest('details:not([open])')) {
      const summary = d.querySelector(':scope > summary');
      if (!summary || !summary.contains(node)) return true;
    }
    return false;
  };
  // Each element's own lines of text, visible and not clipped by a box that scrolls on its own.
  const boxes = [];
  const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || el.closest('svg, .mermaid, script, style, .asyncops-sr')) continue;
    if (!el.checkVisibility({visibilityProperty: true}) || folded(node)) continue;
    let clip = null;
    for (let up = el.parentElement; up && up !== content; up = up.parentElement)
      if (scrolls(up)) { clip = up.getBoundingClientRect(); break; }
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width < 1 || r.height < 1) continue;
      if (clip && (r.right <= clip.left || r.left >= clip.right)) continue;
      boxes.push({el, r});
    }
  }
  const seen = new Set();
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.el === b.el) continue;
      const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (w > 2 && h > 2) {
        const text = `${describe(a.el)} overlaps ${describe(b.el)}`;
        if (!seen.has(text)) { seen.add(text); problems.push(text); }
      }
    }
  }
  for (const svg of content.querySelectorAll('svg[role=img]')) {
    const title = svg.querySelector(':scope > title');
    if (!title || !title.textContent.trim()) problems.push(`a chart without a <title>: ${svg.outerHTML.slice(0, 80)}`);
  }
  return problems;
}"""
"""A page's layout problems: the document or the content area scrolling sideways (with the
elements that stick out), the lines of text of two elements overlapping, a chart
(`svg[role=img]`) without a `<title>`."""


def set_scheme(page: object, scheme: str) -> None:
    """Switch Material's palette as its toggle does (any site, with or without a toggle)."""
    page.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)


STILL = "*, *::before, *::after { transition: none !important; animation: none !important; }"
"""Material fades colours when the palette changes: checks look at the colours after it."""


SERIOUS = ("serious", "critical")
MATERIAL_FOOTER = ".md-footer-meta"
"""Material's "Made with Material for MkDocs" line: the theme's, and a shade under 4.5:1."""
CONTRAST_RULES = ["color-contrast", "link-in-text-block"]
"""What the dark palette changes: only these are run again in it."""


def axe_problems(page: object, scope: str, rules: list[str] | None = None) -> list[str]:
    """axe-core's serious and critical violations, one line per element, in `scope` ("page":
    the whole page but Material's footer line; "content": the content area only); all of axe's
    rules, or `rules`."""
    context = {"exclude": [MATERIAL_FOOTER]} if scope == "page" else {"include": [".md-content"]}
    options: dict[str, object] = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    from axe_playwright_python.sync_playwright import Axe  # bundles axe-core (ADR-0024)

    results = Axe().run(page, context=context, options=options).response
    return [
        f"{violation['id']} ({violation['impact']}): {', '.join(map(str, node['target']))}: "
        + " ".join(node.get("failureSummary", "").split())
        for violation in results["violations"]
        if violation["impact"] in SERIOUS
        for node in violation["nodes"]
    ]


def page_problems(page: object, url: str, axe: str | None, mermaid: bool) -> list[str]:
    """Load `url` and check it at each width, light and dark: its layout everywhere; unless
    `axe` is None, axe-core's rules in the `axe` scope at the widest in light and its contrast
    rules on the content in dark. With `mermaid` (`page` was `prepare`d with it) the decision
    graph is drawn first. Each problem says where it shows."""
    page.set_viewport_size(VIEWPORTS["1440x900"])
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, url
    if page.query_selector(".mermaid") is not None and mermaid:
        page.wait_for_selector(".mermaid svg", timeout=10_000)
    page.add_style_tag(content=STILL)
    problems: list[str] = []
    for viewport, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        for scheme in SCHEMES:
            set_scheme(page, scheme)
            found = layout_problems(page)
            if axe is not None and viewport == "1440x900":
                dark = scheme == "slate"
                found += axe_problems(
                    page, "content" if dark else axe, CONTRAST_RULES if dark else None
                )
            problems += [f"{viewport} {scheme}: {problem}" for problem in found]
    return problems


def layout_problems(page: object) -> list[str]:
    return list(page.evaluate(LAYOUT_PROBLEMS))
