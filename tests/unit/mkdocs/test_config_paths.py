"""The generated pages' paths, as the plugin's options give them."""

from __future__ import annotations

from mkdocs_asyncops.mkdocs.config import AsyncOpsConfig, page_urls


def options(**values: str) -> AsyncOpsConfig:
    config = AsyncOpsConfig()
    config.load_dict(values)
    failed, _ = config.validate()
    assert not failed, failed
    return config


def test_a_page_path_is_normalised_as_mkdocs_names_its_files() -> None:
    urls = page_urls(options(home_page="./handbook//home.md", kind_pages="kinds/./{kind}.md"))
    assert urls.home == "handbook/home.md"
    assert urls.kind_index == "kinds/{kind}.md"
    assert page_urls(options()) == page_urls(options(home_page=options().home_page))
