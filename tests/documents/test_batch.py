"""The batch renderer every one-page-per-room document goes through: progress, cancel, no partial file."""

from __future__ import annotations

import pytest

from desktop_app.documents.ballot import render_ballots
from desktop_app.documents.visit_form import render_visit_forms
from desktop_app.domain.errors import Cancelled

from .test_ballot import sheets
from .test_visit_form import forms


@pytest.mark.parametrize("render,documents", [(render_visit_forms, forms), (render_ballots, sheets)],
                         ids=["visit_forms", "ballots"])
def test_cancel_leaves_no_file(tmp_path, render, documents):
    target = tmp_path / "batch.pdf"
    seen = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 3

    with pytest.raises(Cancelled):
        render(documents(10), target, progress=progress)
    assert seen == [(1, 10), (2, 10), (3, 10)]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("render,documents", [(render_visit_forms, forms), (render_ballots, sheets)],
                         ids=["visit_forms", "ballots"])
def test_a_finished_batch_replaces_the_target_whole(tmp_path, render, documents):
    target = tmp_path / "batch.pdf"
    target.write_bytes(b"old")
    assert render(documents(3), target) == 3
    assert target.read_bytes().startswith(b"%PDF") and list(tmp_path.iterdir()) == [target]
