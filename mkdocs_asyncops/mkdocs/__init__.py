"""The MkDocs face: the plugin, its typed config, the site pipeline and the reading of the
configuration file for the command line. The only subpackage that imports MkDocs, or ProperDocs
in its place (`engine`)."""

from contextlib import suppress

from .engine import use

with suppress(LookupError):  # with neither installed, the import of `mkdocs` itself says so
    use()  # with ProperDocs alone, `mkdocs.*` imports load it
