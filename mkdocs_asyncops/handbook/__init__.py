"""The documents as one handbook: relations both ways, cross-references and mentions, the record shape of the JSON outputs."""
