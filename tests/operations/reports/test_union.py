"""The merged report of several communities equals the report of their union, figure for figure.

Database: the projects dataset (tests/services/projects/dataset.py: street 鼓楼 = 东街社区 (E1, E2) + 南街社区
(E3); 片区 project P2 covers E2 and E3, so it is in both communities' reports; P5 covers E2 and E4 of another
street with one declared total) plus consultations (at an estate and at the community level), opinions,
complaints (one closed late, one open past its due date) written through the services.
The reports are written to real workbooks, read back and merged; the merged 汇总 is compared with the
street report's on every row (by level and code) and every column, the made-at metadata aside.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from python_calamine import CalamineWorkbook

from desktop_app.domain.vocabulary import ScopeLevel
from desktop_app.models import Building, Room, Unit, Vote
from desktop_app.operations.reports import preview_merge, write_district_report, write_merged
from desktop_app.services.consult import ComplaintDraft, EventDraft, OpinionDraft, advance, save_complaint, save_event
from desktop_app.services.consult.opinions import record_opinion
from desktop_app.services.scope import Scope
from desktop_app.domain.tally import AGREE, OPPOSE
from desktop_app.domain.vote_print_data import VoteItem
from desktop_app.services.votes.lifecycle import VoteDraft, VoteSession, close_vote, create_vote
from tests.services.projects.dataset import build_dataset

AS_OF = date(2024, 12, 31)
YEARS = (2023, 2025)


def _rooms_of(estate_id: int) -> list[int]:
    return [r.id for r in Room.select().join(Unit).join(Building).where(Building.estate == estate_id).order_by(Room.id)]


@pytest.fixture
def data(database):
    ds = build_dataset()
    e1, e3 = ds.estates["E1"], ds.estates["E3"]
    save_event(EventDraft("座谈会", date(2024, 3, 1), Scope(ScopeLevel.ESTATE, e1), title="E1 座谈会"))
    save_event(EventDraft("问卷", date(2024, 4, 1), Scope(ScopeLevel.COMMUNITY, ds.communities["东街"]), title="东街问卷"))
    save_event(EventDraft("入户走访", date(2024, 5, 1), Scope(ScopeLevel.ESTATE, e3), title="E3 走访"))
    for room_id in _rooms_of(e1)[:3] + _rooms_of(e3)[:1]:
        record_opinion(OpinionDraft(room_id, person="王五", given_on=date(2024, 5, 2), stance="支持"), today=AS_OF)
    late = save_complaint(ComplaintDraft(received_at=date(2024, 6, 3), category="施工管理", estate_id=e1,
                                         complainant="赵六", phone="13800138000", text="夜间施工",
                                         due_on=date(2024, 6, 20)), today=AS_OF)
    advance(late, "办结", date(2024, 6, 25), reply="已处理", today=AS_OF)
    save_complaint(ComplaintDraft(received_at=date(2024, 7, 1), category="扬尘噪音", estate_id=e3, complainant="钱七",
                                  due_on=date(2024, 7, 20)), today=AS_OF)
    save_complaint(ComplaintDraft(received_at=date(2024, 8, 1), category="物业", estate_id=e1, complainant="孙八"),
                   today=AS_OF)
    vote = create_vote(VoteDraft(title="E1 加装电梯", scopes=[Scope(ScopeLevel.ESTATE, e1)], matter=7,
                                 items=[VoteItem("加装电梯", "提升类"), VoteItem("=外墙", "基础类")],
                                 opens_on=date(2024, 9, 1), closes_on=date(2024, 9, 30)))
    session = VoteSession(vote)
    for room in session.rooms[:4]:
        session.record(room.roll_id, (AGREE, OPPOSE), received_on=date(2024, 9, 2))
    close_vote(vote)
    Vote.update(closed_at="2024-10-01T10:00:00").where(Vote.id == vote).execute()  # closed before the as-of date
    return ds


def summary_rows(path) -> dict[tuple[str, str], list[object]]:
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("汇总").to_python()
    header, rows = sheet[0], sheet[1:]
    assert header[:3] == ["层级", "编码", "名称"]
    return {(row[0], row[1]): row for row in rows}


def sheet_rows(path, title: str) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(title).to_python()[1:]


def test_the_merged_communities_equal_the_street(data, tmp_path):
    now = datetime(2025, 1, 5, 9, 0)
    east = write_district_report(tmp_path / "east.xlsx", Scope(ScopeLevel.COMMUNITY, data.communities["东街"]), YEARS,
                                 AS_OF, now=now)
    south = write_district_report(tmp_path / "south.xlsx", Scope(ScopeLevel.COMMUNITY, data.communities["南街"]),
                                  YEARS, AS_OF, now=now)
    street = write_district_report(tmp_path / "street.xlsx", Scope(ScopeLevel.STREET, data.streets["鼓楼"]), YEARS,
                                   AS_OF, now=now)
    assert {p.code for p in east.report.projects} & {p.code for p in south.report.projects} == {"P2"}

    preview = preview_merge([east.path, south.path], now=datetime(2025, 1, 6, 10, 0))
    assert preview.can_write and preview.exit_code == 0
    assert preview.duplicates == () and preview.refused == ()
    assert [c.name for c in preview.communities] == ["东街社区", "南街社区"]
    merged = write_merged(preview, tmp_path / "merged.xlsx")

    want, got = summary_rows(street.path), summary_rows(merged.path)
    assert set(want) == set(got)
    total = ("合计", "")
    assert want[total][2] == "鼓楼街道" and got[total][2].startswith("合并：")
    for key in want:
        if key == total:
            assert got[key][3:] == want[key][3:]
        else:
            assert got[key] == want[key], key
    street_row = want[("街道", "350102")]
    # the 片区 project P2 is counted once in the street, and once in each community
    assert street_row[5] == 3  # P1, P2, P5 (P4 is 2022)
    assert want[("社区", "350102001")][5] == 3 and want[("社区", "350102002")][5] == 1
    for title in ("小区", "项目", "项目小区", "改造内容", "资金", "表决", "征求意见", "投诉"):
        assert sorted(map(repr, sheet_rows(merged.path, title))) == sorted(map(repr, sheet_rows(street.path, title))), title
    votes = sheet_rows(merged.path, "表决")
    assert [(row[1], row[3], row[9], row[19]) for row in votes] == [
        ("E1", "E1 加装电梯", "加装电梯", "通过"), ("E1", "E1 加装电梯", "=外墙", "未通过")]
    merged_codes = sorted(row[0] for row in sheet_rows(merged.path, "项目"))
    assert merged_codes == sorted(row[0] for row in sheet_rows(street.path, "项目")) == ["P1", "P2", "P5"]


def test_the_street_figures_are_the_indicators_of_the_street(data, tmp_path):
    from desktop_app.domain.indicator_report import indicators_json
    from desktop_app.services.projects import scope_indicators

    scope = Scope(ScopeLevel.STREET, data.streets["鼓楼"])
    written = write_district_report(tmp_path / "street.xlsx", scope, YEARS, AS_OF, now=datetime(2025, 1, 5))
    row = summary_rows(written.path)[("街道", "350102")]
    header = CalamineWorkbook.from_path(str(written.path)).get_sheet_by_name("汇总").to_python()[0]
    cell = dict(zip(header, row))
    expected = scope_indicators(scope, YEARS, as_of=AS_OF)
    figures = indicators_json(expected.projects, expected.consultation)
    assert (cell["改造项目数"], cell["改造小区数"], cell["改造楼栋数"], cell["改造户数"]) == (
        figures["projects"], figures["estates"], figures["buildings"], figures["households"])
    assert f"{cell['资金已支付(元)']:.2f}" == figures["funds"]["paid"]
    assert f"{cell['资金支付进度'] * 100:.2f}" == figures["funds"]["progress_pct"]
    assert cell["投诉件数"] == figures["complaints"]["total"] == 3
    assert cell["征求意见活动次数"] == figures["consultations"]["held"] == 3
    assert cell["提出意见户数"] == figures["consultations"]["households_reached"] == 4
    assert cell["逾期未办结"] == 2 and cell["超期办结"] == 1  # 钱七 and 孙八 (the default due date) open; 赵六 late
    assert cell["未按期完工项目数"] == figures["late"]["late"]


def test_merging_is_associative_on_files_and_merged_reports_merge_again(data, tmp_path):
    now = datetime(2025, 1, 5, 9, 0)
    paths = [write_district_report(tmp_path / f"{code}.xlsx", Scope(ScopeLevel.ESTATE, data.estates[code]), YEARS,
                                   AS_OF, now=now).path for code in ("E1", "E2", "E3")]
    left = write_merged(preview_merge(paths[:2], now=now), tmp_path / "left.xlsx").path
    once = write_merged(preview_merge([left, paths[2]], now=now), tmp_path / "once.xlsx").path
    right = write_merged(preview_merge(paths[1:], now=now), tmp_path / "right.xlsx").path
    other = write_merged(preview_merge([paths[0], right], now=now), tmp_path / "other.xlsx").path
    flat = write_merged(preview_merge(list(reversed(paths)), now=now), tmp_path / "flat.xlsx").path
    strip = lambda rows: {k: v[3:] if k[0] == "合计" else v for k, v in rows.items()}  # noqa: E731
    assert strip(summary_rows(once)) == strip(summary_rows(other)) == strip(summary_rows(flat))


def test_a_community_in_two_inputs_is_listed_and_the_newer_report_kept(data, tmp_path):
    scope = Scope(ScopeLevel.COMMUNITY, data.communities["东街"])
    old = write_district_report(tmp_path / "old.xlsx", scope, YEARS, AS_OF, now=datetime(2025, 1, 5, 9, 0))
    save_complaint(ComplaintDraft(received_at=date(2024, 9, 1), category="进度", estate_id=data.estates["E1"],
                                  complainant="周九"), today=AS_OF)
    new = write_district_report(tmp_path / "new.xlsx", scope, YEARS, AS_OF, now=datetime(2025, 1, 6, 9, 0))
    for order in ([new.path, old.path], [old.path, new.path]):
        preview = preview_merge(order, now=datetime(2025, 1, 7))
        assert preview.can_write
        [duplicate] = preview.duplicates
        assert duplicate.community.name == "东街社区" and duplicate.kept == new.path
        assert duplicate.dropped == (old.path,)
        assert "采用制表时间较新的“new.xlsx”" in duplicate.text
        merged = write_merged(preview, tmp_path / "merged.xlsx")
        assert summary_rows(merged.path)[("社区", "350102001")] == summary_rows(new.path)[("社区", "350102001")]
