"""The window and the command line run the same shared operations (desktop_app/operations): each front-end
module that runs a shared use case calls its operation, and no front end holds a second copy of it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "desktop_app"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


# Each front-end module that runs a shared use case, and the operations module it must call.
SHARED = [
    ("ui/printing/page.py", "desktop_app.operations.printing"),
    ("cli/print_run.py", "desktop_app.operations.printing"),
    ("ui/votes/import_dialog.py", "desktop_app.operations.votes"),
    ("ui/votes/print_actions.py", "desktop_app.operations.votes"),
    ("cli/ballots.py", "desktop_app.operations.votes"),
    ("ui/roll/import_pages.py", "desktop_app.operations.roll"),
    ("ui/roll/file_actions.py", "desktop_app.operations.roll"),
    ("cli/roll.py", "desktop_app.operations.roll"),
    ("ui/consult/unreached.py", "desktop_app.operations.printing"),
    ("ui/projects/plan_files.py", "desktop_app.operations.projects"),
    ("cli/plan.py", "desktop_app.operations.projects"),
    ("cli/reports.py", "desktop_app.operations.reports"),
    ("cli/sync.py", "desktop_app.operations.sync"),
]

# What only the shared operations may call: rendering, writing, reading for import, applying and recording
# of the use cases that the window and the command line share (else ui or cli holds a second copy).
OPERATIONS_ONLY = {
    "desktop_app.documents.notice": {"render_notice"},
    "desktop_app.documents.owner_roll": {"render_owner_roll"},
    "desktop_app.documents.visit_form": {"render_visit_forms"},
    "desktop_app.documents.ballot": {"render_ballots"},
    "desktop_app.documents.vote_result": {"render_vote_result"},
    "desktop_app.documents.not_voted": {"render_not_voted"},
    "desktop_app.documents.committee_notices": {"render_candidate_list", "render_election_result",
                                                "render_filing_form", "render_group_members",
                                                "render_meeting_notice"},
    "desktop_app.documents.committee_filing": {"render_filing_form"},
    "desktop_app.services.committee.print_data": {"candidate_list_data", "election_result_data", "filing_data",
                                                  "group_members_data", "meeting_notice_data"},
    "desktop_app.exchange.roll_writer": {"write_roll", "write_roll_template"},
    "desktop_app.exchange.ballot_writer": {"write_ballots"},
    "desktop_app.exchange.ballot_import": {"preview_ballots"},
    "desktop_app.services.printing.gather": {"record_print_job", "owner_roll_data", "visit_forms_data"},
    "desktop_app.services.votes.printing": {"record_vote_print", "ballot_sheets", "result_notice_data",
                                            "not_voted_data"},
    "desktop_app.services.votes.exchange": {"apply_ballot_import", "ballot_export", "recount_roll"},
    "desktop_app.services.roll.importing": {"apply_roll"},
    "desktop_app.services.roll.exporting": {"roll_records"},
    "desktop_app.exchange.plan_reader": {"read_plan"},
    "desktop_app.exchange.plan_writer": {"write_plan"},
    "desktop_app.services.projects.plan_import": {"apply_plan", "preview_plan"},
    "desktop_app.services.projects.plan_export": {"plan_records"},
    "desktop_app.exchange.district_report_writer": {"write_report"},
    "desktop_app.exchange.district_report_reader": {"read_report"},
    "desktop_app.services.reports.gather": {"report_data"},
    "desktop_app.exchange.sync_writer": {"write_sync_file"},
    "desktop_app.exchange.sync_reader": {"read_sync_file"},
    "desktop_app.services.sync.merging": {"merge", "preview_merge"},
    "desktop_app.services.sync.export": {"table_rows", "log_export"},
}


def reserved(module: str, name: str) -> bool:
    """`module.name` is one of OPERATIONS_ONLY, named through its module or its feature package's public names."""
    return any(name in names and (module == owner or owner.startswith(module + "."))
               for owner, names in OPERATIONS_ONLY.items())


@pytest.mark.parametrize("front_end,operation", SHARED, ids=[front for front, _op in SHARED])
def test_window_and_command_line_run_the_shared_operations(front_end, operation):
    imported = imported_modules(PACKAGE / front_end)
    assert any(name == operation or name.startswith(operation + ".") for name in imported), \
        f"{front_end} does not call {operation}"


def used_names(path: Path) -> set[tuple[str, str]]:
    """(module, name) for each `from module import name`, and for each `alias.name` where `alias` is a
    module imported whole (`from package import module as alias`, `import module as alias`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[tuple[str, str]] = set()
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                names.add((node.module, alias.name))
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    aliases[alias.asname] = alias.name
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
            names.add((aliases[node.value.id], node.attr))
    return names


FRONT_ENDS = sorted([*(PACKAGE / "ui").rglob("*.py"), *(PACKAGE / "cli").rglob("*.py")])


@pytest.mark.parametrize("path", FRONT_ENDS, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_front_ends_leave_the_shared_use_cases_to_operations(path):
    for module, name in used_names(path):
        assert not reserved(module, name), \
            f"{path.name} calls {module}.{name}: run the shared operation (desktop_app.operations) instead"


def test_the_front_end_rule_sees_a_second_copy(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from desktop_app.services.printing import gather as printing\n"
                   "from desktop_app.exchange.roll_writer import write_roll\n"
                   "printing.record_print_job('roll')\n", encoding="utf-8")
    assert {("desktop_app.services.printing.gather", "record_print_job"),
            ("desktop_app.exchange.roll_writer", "write_roll")} <= used_names(bad)


def test_a_public_name_of_the_feature_package_is_reserved_too():
    assert reserved("desktop_app.services.printing", "record_print_job")
    assert reserved("desktop_app.services.printing.gather", "record_print_job")
    assert not reserved("desktop_app.services.printing", "print_history")
