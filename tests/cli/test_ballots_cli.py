"""`desktop-app export-ballots`: a closed vote's ballots and roll written from the database file, then
recounted by `desktop-app tally` with no database: the same document as the stored result."""

from __future__ import annotations

import json
from datetime import date

from desktop_app.domain.identity import id_check_char
from desktop_app.domain.roll_record import RollRecord
from desktop_app.domain.tally import ABSTAIN, AGREE, BLANK, OPPOSE
from desktop_app.domain.vote_print_data import VoteItem
from desktop_app.exchange.ballot_reader import read_ballots
from desktop_app.main import main
from desktop_app.models import Estate
from desktop_app.services.votes import lifecycle as votes
from desktop_app.services.roll.importing import apply_roll
from desktop_app.services.scope import Scope


def person(number: int) -> str:
    body = f"35040219800101{number:03d}"
    return body + id_check_char(body)


def closed_vote() -> tuple[int, str]:
    """幸福里: 12 rooms, 业主1 owns three of them; eight rooms voted."""
    owners = [1, 1, 2, 3, 1, 4, 5, 6, 7, 8, 9, 10]
    apply_roll([RollRecord(str(1 + at // 6), "1", f"{1 + at % 6 // 2}0{1 + at % 2}", 7000 + 113 * at,
                           estate_code="E001", estate_name="幸福里", owner_name=f"业主{owner}",
                           id_number=person(owner)) for at, owner in enumerate(owners)])
    vote_id = votes.create_vote(votes.VoteDraft(
        title="幸福里加装电梯", scopes=[Scope("estate", Estate.get().id)], matter=7,
        items=[VoteItem("加装电梯", "完善类"), VoteItem("屋面防水", "基础类")],
        opens_on=date(2026, 3, 1), closes_on=date(2026, 3, 31)))
    session = votes.VoteSession(vote_id)
    answers = [(AGREE, AGREE), (AGREE, AGREE), (OPPOSE, BLANK), (AGREE, ABSTAIN), (AGREE, AGREE), None,
               (AGREE, OPPOSE), None, (BLANK, BLANK), (AGREE, AGREE), None, None]
    for room, choices in zip(session.rooms, answers):
        if choices:
            session.record(room.roll_id, choices, method="委托" if choices == (BLANK, BLANK) else "纸质",
                           proxy="王某" if choices == (BLANK, BLANK) else "")
    votes.close_vote(vote_id)
    return vote_id, session.summary.uid


def test_exported_files_recount_to_the_stored_result(database, db_path, tmp_path, capsys):
    vote_id, uid = closed_vote()
    stored = votes.stored_result(vote_id)
    out, roll = tmp_path / "表决票汇总.xlsx", tmp_path / "名册.xlsx"
    assert main(["--db", str(db_path), "export-ballots", "--vote", uid, "-o", str(out), "--roll", str(roll)]) == 0
    printed = capsys.readouterr()
    assert "已导出 8 张表决票" in printed.out and "12 间房屋" in printed.out and printed.err == ""
    assert main(["tally", "--roll", str(roll), "--ballots", str(out), "--rule", "special", "--json"]) == 0
    counted = json.loads(capsys.readouterr().out)
    assert counted == stored and stored["total"]["heads"] == 10
    assert len(read_ballots(out, votes.frozen_records(vote_id)).ballots) == 8


def test_the_database_id_also_names_the_vote_and_an_unknown_one_is_refused(database, db_path, tmp_path, capsys):
    vote_id, _ = closed_vote()
    out = tmp_path / "b.xlsx"
    assert main(["--db", str(db_path), "export-ballots", "--vote", str(vote_id), "-o", str(out)]) == 0
    assert out.exists() and "名册" not in capsys.readouterr().out
    assert main(["--db", str(db_path), "export-ballots", "--vote", "no-such-vote", "-o", str(out)]) == 1
    assert "没有编号为“no-such-vote”的表决" in capsys.readouterr().err
    assert main(["--db", str(db_path), "export-ballots", "--vote", str(vote_id), "-o",
                 str(tmp_path / "missing" / "b.xlsx")]) == 1
    assert "无法写入" in capsys.readouterr().err
