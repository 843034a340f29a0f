"""The git history, read once: the walk over commits and the reader that dates and attributes every document."""
