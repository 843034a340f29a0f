"""The review processes as data: design and ADR reviews, postmortem action items, the integration pipeline, pull-request checks."""
