"""Where a repository publishes each page (`Repository.page_url`)."""

from __future__ import annotations

import pytest

from mkdocs_asyncops.core.settings import Repository


@pytest.mark.parametrize(
    ("src_uri", "directory_urls", "expected"),
    [
        ("adr/0001-use-redis.md", True, "adr/0001-use-redis/"),
        ("adr/0001-use-redis.md", False, "adr/0001-use-redis.html"),
        ("adr/index.md", True, "adr/"),
        ("README.md", True, ""),
        ("assets/chart.svg", True, "assets/chart.svg"),
        ("mailto:me.md", True, "mailto:me/"),
    ],
)
def test_a_page_is_published_under_the_site_address(
    src_uri: str, directory_urls: bool, expected: str
) -> None:
    for site_url in ("https://handbook.example.com/team", "https://handbook.example.com/team/"):
        repository = Repository("team", site_url, directory_urls)
        assert repository.page_url(src_uri) == f"https://handbook.example.com/team/{expected}"
    assert Repository("team", None, directory_urls).page_url(src_uri) == (expected or "./")
