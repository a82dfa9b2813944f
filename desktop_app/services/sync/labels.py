"""A Chinese description of a record for the conflicts list: "东湖新村 3号楼1单元502室", "项目 GZ-0001"."""

from __future__ import annotations

from desktop_app.domain.sync_merge import SHEET_NAMES
from desktop_app.models import db
from desktop_app.services.scope import building_label, unit_label

_ROOM = ("SELECT e.name, b.name, u.name, r.number FROM room r JOIN unit u ON u.id = r.unit_id "
         "JOIN building b ON b.id = u.building_id JOIN estate e ON e.id = b.estate_id WHERE r.id = ?")


def _one(sql: str, id_: int) -> tuple:
    return db.execute_sql(sql, (id_,)).fetchone() or ()


def room_label(room_id: int | None) -> str:
    row = _one(_ROOM, room_id) if room_id is not None else ()
    if not row:
        return ""
    estate, building, unit, number = row
    return f"{estate} {building_label(building)}{unit_label(unit) if unit else ''}{number}室"


def _project(project_id: int) -> str:
    row = _one("SELECT code FROM project WHERE id = ?", project_id)
    return f"项目 {row[0]}" if row else "项目"


def _vote(vote_id: int) -> str:
    row = _one("SELECT title FROM vote WHERE id = ?", vote_id)
    return f"表决“{row[0]}”" if row else "表决"


def label(table: str, id_: int) -> str:
    """The record's description, or the table's sheet name when it cannot be found."""
    if table == "room":
        return room_label(id_) or SHEET_NAMES[table]
    row = _one(f"SELECT * FROM {table} WHERE id = ?", id_)
    if not row:
        return SHEET_NAMES[table]
    names = [column[0] for column in db.execute_sql(f"SELECT * FROM {table} WHERE 0").description]
    record = dict(zip(names, row))
    simple = {"street": "街道", "community": "社区", "estate": "小区", "owner": "业主"}
    if table in simple:
        return f"{simple[table]} {record['name']}"
    if table in ("building", "unit"):
        building = record if table == "building" else dict(zip(
            ("name", "estate_id"), _one("SELECT name, estate_id FROM building WHERE id = ?", record["building_id"])))
        estate = _one("SELECT name FROM estate WHERE id = ?", building["estate_id"])
        text = f"{estate[0] if estate else ''} {building_label(building['name'])}"
        return text + (unit_label(record["name"]) if table == "unit" else "")
    if table == "ownership":
        owner = _one("SELECT name FROM owner WHERE id = ?", record["owner_id"])
        return f"{room_label(record['room_id'])} 业主 {owner[0] if owner else ''}"
    if table == "resident":
        return f"{room_label(record['room_id'])} 住户 {record['name']}"
    if table == "vote":
        return f"表决“{record['title']}”"
    if table == "vote_item":
        return f"{_vote(record['vote_id'])} 事项 {record['name']}"
    if table == "vote_roll":
        return f"{_vote(record['vote_id'])} 名册 {record['room_key']}"
    if table == "ballot":
        roll = _one("SELECT room_key FROM vote_roll WHERE id = ?", record["roll_id"])
        return f"{_vote(record['vote_id'])} {roll[0] if roll else ''} 表决票"
    if table == "consultation":
        return f"协商 {record['held_on']} {record['title']}".rstrip()
    if table == "opinion":
        return f"{room_label(record['room_id'])} {record['given_on']} 意见"
    if table == "complaint":
        return f"投诉 {record['ticket_no'] or record['received_at']}"
    if table == "complaint_step":
        complaint = _one("SELECT ticket_no, received_at FROM complaint WHERE id = ?", record["complaint_id"])
        return f"投诉 {(complaint[0] or complaint[1]) if complaint else ''} {record['step']}"
    if table == "project":
        return f"项目 {record['code']}"
    if table == "fund_payment":
        fund = _one("SELECT project_id, source FROM project_fund WHERE id = ?", record["fund_id"])
        return f"{_project(fund[0]) if fund else '项目'} {fund[1] if fund else ''} 支付 {record['paid_on'] or ''}".rstrip()
    project = _project(record["project_id"])
    if table == "project_estate":
        estate = _one("SELECT name FROM estate WHERE id = ?", record["estate_id"])
        return f"{project} 小区 {estate[0] if estate else ''}"
    if table == "project_item":
        return f"{project} {record['name']}"
    if table == "project_fund":
        return f"{project} 资金 {record['source']}"
    return f"{project} 巡查 {record['inspected_on']}"
