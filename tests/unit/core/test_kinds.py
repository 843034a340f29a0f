"""Kinds as data: the built-in kinds and a team's changes to them."""

from __future__ import annotations

import pytest

from mkdocs_asyncops.core.kinds import BUILTIN_KINDS, KindError, build_kinds, folder_kinds


def test_builtin_kinds_and_their_required_sections() -> None:
    sections = {name: [s.name for s in spec.sections] for name, spec in BUILTIN_KINDS.items()}
    assert sections == {
        "adr": ["Context", "Decision", "Consequences"],
        "design": [
            "Problem Statement",
            "Proposed Solution",
            "Alternative Approaches",
            "Implementation Plan",
            "Success Metrics",
        ],
        "integration": [
            "API Analysis",
            "Configuration Guide",
            "Action Documentation",
            "Error Handling",
            "Testing Guide",
        ],
        "postmortem": [
            "Incident Summary",
            "Timeline",
            "Root Cause",
            "Resolution",
            "Action Items",
            "Lessons Learned",
        ],
        "runbook": ["Detection", "Triage", "Communication", "Mitigation", "Escalation"],
    }
    assert BUILTIN_KINDS["adr"].statuses == [
        "proposed",
        "accepted",
        "rejected",
        "deprecated",
        "superseded",
    ]
    assert "alternatives considered" in BUILTIN_KINDS["design"].sections[2].keys
    assert BUILTIN_KINDS["integration"].status_field == "stage"


def test_default_folder_mapping() -> None:
    mapping = folder_kinds(BUILTIN_KINDS)
    expected = {
        "adr": "adr",
        "decisions": "adr",
        "architecture-decisions": "adr",
        "design": "design",
        "rfcs": "design",
        "integrations": "integration",
        "postmortems": "postmortem",
        "incidents": "postmortem",
        "runbooks": "runbook",
        "playbooks": "runbook",
    }
    assert {k: mapping[k] for k in expected} == expected


def test_override_changes_only_the_keys_given() -> None:
    kinds = build_kinds({"design": {"sections": ["Problem Statement", "Proposed Solution"]}})
    assert [s.name for s in kinds["design"].sections] == ["Problem Statement", "Proposed Solution"]
    assert kinds["design"].statuses == BUILTIN_KINDS["design"].statuses


def test_aliases_are_added_without_restating_sections() -> None:
    assert "context" in BUILTIN_KINDS["adr"].sections[0].keys
    kinds = build_kinds({"adr": {"aliases": {"context": ["Background", "Forces"]}}})
    assert kinds["adr"].sections[0].aliases == [
        "Context and Problem Statement",
        "Background",
        "Forces",
    ]
    assert {"background", "forces", "context"} <= kinds["adr"].sections[0].keys
    assert "background" not in BUILTIN_KINDS["adr"].sections[0].keys


def test_new_kind_from_scratch_and_by_extension() -> None:
    kinds = build_kinds(
        {
            "demo": {"plural": "Weekly demos", "folders": ["demos"], "sections": ["Recording"]},
            "rfc": {"extends": "design", "folders": ["rfc"]},
        }
    )
    assert (kinds["demo"].label, kinds["demo"].plural, kinds["demo"].schema_name) == (
        "Demo",
        "Weekly demos",
        "base",
    )
    assert (kinds["rfc"].label, kinds["rfc"].schema_name) == ("RFC", "design")
    assert kinds["rfc"].sections == BUILTIN_KINDS["design"].sections
    assert folder_kinds(kinds)["rfc"] == "rfc"


def test_a_kind_can_be_removed() -> None:
    assert "runbook" not in build_kinds({"runbook": {"enabled": False}})


def test_statuses_are_folded() -> None:
    assert build_kinds({"demo": {"statuses": ["In Review", "done"]}})["demo"].statuses == [
        "in-review",
        "done",
    ]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"rfc": {"extends": "nothing"}}, "kinds.rfc.extends: there is no kind 'nothing'"),
        ({"demo": {"sections": 3}}, "kinds.demo.sections"),
        ({"demo": {"schema": "odd"}}, "unknown schema 'odd'"),
        ({"demo": {"colour": "red"}}, "kinds.demo.colour"),
        ({"adr": {"aliases": {"Background": ["x"]}}}, "'Background' is not one of its sections"),
        ({"demo": "yes"}, "expected a mapping"),
    ],
)
def test_bad_kind_configuration_names_the_option(overrides: dict, message: str) -> None:
    with pytest.raises(KindError, match=message.replace("(", r"\(").replace(".", r"\.")):
        build_kinds(overrides)


def test_folder_mapping_to_an_unknown_kind_is_refused() -> None:
    with pytest.raises(KindError, match="no kind 'nope'"):
        folder_kinds(BUILTIN_KINDS, {"notes": "nope"})


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("ADR", "an ADR"),
        ("RFC", "an RFC"),
        ("Design document", "a Design document"),
        ("Integration spec", "an Integration spec"),
        ("Runbook", "a Runbook"),
    ],
)
def test_article(label: str, expected: str) -> None:
    assert BUILTIN_KINDS["adr"].model_copy(update={"label": label}).a_label == expected
