"""Changing users' files safely: the frontmatter span editor, ADR edits, all-or-nothing writes, scaffolding new documents."""
