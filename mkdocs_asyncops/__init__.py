"""mkdocs-asyncops: an async-first engineering handbook as code, for MkDocs and CI."""

__version__ = "0.1.0"
