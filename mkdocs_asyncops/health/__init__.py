"""Judging the handbook against its history: staleness, the system catalog, documentation coverage, team metrics."""
