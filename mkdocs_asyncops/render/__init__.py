"""Writing what a build publishes: tables, pages, document headers, health pages, the export, templates and assets. Knows no MkDocs."""
