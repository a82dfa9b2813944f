"""Writing a report: cancelled leaves no file; years the wrong way round are refused; a merge preview of
nothing mergeable cannot be written."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop_app.domain.errors import Cancelled, UserError
from desktop_app.operations.reports import preview_merge, write_district_report, write_merged
from desktop_app.services.scope import ALL
from tests.services.projects.dataset import build_dataset

NOW = datetime(2025, 1, 5, 9, 0)


@pytest.mark.parametrize("cancel_at", [0, 1])
def test_cancelling_writes_nothing(database, tmp_path, cancel_at):
    build_dataset()
    with pytest.raises(Cancelled):
        write_district_report(tmp_path / "r.xlsx", ALL, (None, None), date(2024, 12, 31), now=NOW,
                              progress=lambda done, total: done != cancel_at)
    assert not list(tmp_path.glob("r.xlsx*"))


def test_years_the_wrong_way_round_are_refused(database, tmp_path):
    with pytest.raises(UserError, match="起始年度 2025 晚于截止年度 2024"):
        write_district_report(tmp_path / "r.xlsx", ALL, (2025, 2024), date(2024, 12, 31), now=NOW)
    assert not (tmp_path / "r.xlsx").exists()


def test_a_preview_with_refused_files_cannot_be_written(database, tmp_path):
    build_dataset()
    good = write_district_report(tmp_path / "a.xlsx", ALL, (None, None), date(2024, 12, 31), now=NOW).path
    (tmp_path / "b.xlsx").write_text("no")
    preview = preview_merge([good, tmp_path / "b.xlsx"], now=NOW)
    assert not preview.can_write and preview.exit_code == 1
    assert [r.path.name for r in preview.refused] == ["b.xlsx"]
    with pytest.raises(ValueError):
        write_merged(preview, tmp_path / "m.xlsx")
    assert not (tmp_path / "m.xlsx").exists()
