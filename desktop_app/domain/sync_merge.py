"""The rules of merging a sync file into this installation, record by record (pure).

For every record of the file (or tombstone: a record the file's installation deleted), compared by uid
with ours, two markers decide:
- theirs_changed: their updated_at is later than the export time of the last file we imported from them
  (none imported yet: changed);
- ours_changed: our updated_at is later than the time they last received a file from us (as their
  接收记录 says; never: changed).
Equal content is unchanged whatever the markers say; a change on one side only takes that side; a
change on both sides is a conflict, left as ours. A locked record (a closed vote and what belongs to it)
is never changed by a sync: a change to it is a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Mapping, Sequence

FORMAT_VERSION = 1

# Parents before children: adding walks this order, deleting walks it backwards.
TABLE_ORDER: tuple[str, ...] = (
    "street", "community", "estate", "building", "unit", "room", "owner", "ownership", "resident",
    "vote", "vote_item", "vote_roll", "ballot",
    "consultation", "opinion", "complaint", "complaint_step",
    "project", "project_estate", "project_item", "project_fund", "fund_payment", "project_inspection",
)

# The sheet of each table in a sync file.
SHEET_NAMES: dict[str, str] = {
    "street": "街道", "community": "社区", "estate": "小区", "building": "楼栋", "unit": "单元", "room": "房屋",
    "owner": "业主", "ownership": "产权", "resident": "住户", "vote": "表决", "vote_item": "表决事项",
    "vote_roll": "表决名册", "ballot": "表决票", "consultation": "协商活动", "opinion": "住户意见",
    "complaint": "投诉", "complaint_step": "投诉办理", "project": "项目", "project_estate": "项目小区",
    "project_item": "项目内容", "project_fund": "项目资金", "fund_payment": "资金支付", "project_inspection": "项目巡查",
}
TABLE_OF_SHEET = {sheet: table for table, sheet in SHEET_NAMES.items()}

DELETED_FIELD = "（删除）"  # the `field` of a conflict between their deletion and our change
KEPT_TEXT = "保留（本机已修改）"
DELETED_TEXT = "已删除"
DELETED_HERE_TEXT = "本机已删除"
CHANGED_THERE_TEXT = "对方已修改"
ADDED_FIELD = "（新增）"  # the `field` of a record added to a vote closed here


class Action(Enum):
    ADD = "add"  # new here: insert
    UPDATE = "update"  # only theirs changed: take theirs
    UNCHANGED = "unchanged"  # same content (or a tombstone of a record we do not have)
    KEEP = "keep"  # only ours changed (or neither, yet different): left as ours
    SKIP = "skip"  # deleted here and not changed there since: an older copy is not added again
    DELETE = "delete"  # their tombstone, ours unchanged since: delete here
    CONFLICT = "conflict"  # changed on both sides, or a change to a locked record: left as ours


COUNTED_AS = {
    Action.ADD: "added", Action.UPDATE: "updated", Action.DELETE: "deleted",
    Action.UNCHANGED: "unchanged", Action.KEEP: "unchanged", Action.SKIP: "unchanged",
}


def changed_since(updated_at: str, mark: str | None) -> bool:
    """Whether a record stamped `updated_at` changed after `mark` (both UTC ISO texts; None: never)."""
    return mark is None or updated_at > mark


@dataclass(frozen=True)
class FieldDifference:
    field: str
    ours: object
    theirs: object


def differences(ours: Mapping[str, object], theirs: Mapping[str, object],
                fields: Sequence[str]) -> list[FieldDifference]:
    """The fields whose values differ, in `fields` order."""
    return [FieldDifference(name, ours.get(name), theirs.get(name)) for name in fields
            if ours.get(name) != theirs.get(name)]


def classify(ours: Mapping[str, object] | None, theirs: Mapping[str, object] | None, fields: Sequence[str], *,
             theirs_changed: bool, ours_changed: bool, locked: bool = False, deleted_here: bool = False) -> Action:
    """What to do with one record. `theirs` None: the file holds a tombstone for it; `ours` None: we do
    not have it; `deleted_here`: we have a tombstone for it; `locked`: ours (or the vote it belongs to)
    is a closed vote."""
    if theirs is None:
        if ours is None:
            return Action.UNCHANGED
        if locked or ours_changed:
            return Action.CONFLICT
        return Action.DELETE
    if ours is None:
        if deleted_here:  # an older copy is not brought back; one changed since we last heard is a conflict
            return Action.CONFLICT if theirs_changed else Action.SKIP
        return Action.CONFLICT if locked else Action.ADD
    if not differences(ours, theirs, fields):
        return Action.UNCHANGED
    if locked or (theirs_changed and ours_changed):
        return Action.CONFLICT
    return Action.UPDATE if theirs_changed else Action.KEEP


# How the window names the fields of a conflict (the file and the JSON use the column names).
FIELD_LABELS: dict[str, str] = {
    "name": "名称", "code": "编码", "street": "街道", "community": "社区", "estate": "小区", "building": "楼栋",
    "unit": "单元", "room": "房屋", "owner": "业主", "address": "地址", "year_built": "建成年份", "pinyin": "拼音",
    "sort_key": "排序", "floor": "楼层", "number": "房号", "area_centi": "专有面积（0.01㎡）", "area_source": "面积来源",
    "note": "备注", "kind": "类型", "id_number": "证件号码", "phone": "电话", "role": "产权角色", "is_voter": "表决人",
    "relation": "与户主关系", "birth_date": "出生日期", "is_disabled": "残疾", "title": "标题", "scope": "范围",
    "scope_label": "范围名称", "matter": "表决事项类别", "rule": "表决规则", "rule_reason": "规则说明",
    "blank_participates": "空白票计入参与", "double_entry": "双人录入", "opens_on": "开始日期", "closes_on": "截止日期",
    "status": "状态", "total_area_centi": "总面积", "total_heads": "总人数", "result": "表决结果", "closed_at": "结束时间",
    "closed_by": "结束人", "issuer": "发起单位", "position": "序号", "category": "类别", "vote": "表决",
    "roll": "名册房屋", "entry": "录入", "choices": "选择", "method": "方式", "proxy": "代理人", "received_on": "收到日期",
    "entered_by": "录入人", "held_on": "日期", "place": "地点", "organiser": "组织者", "attendance": "参加人数",
    "minutes": "纪要", "attachments": "附件", "consultation": "协商活动", "person": "意见人", "channel": "渠道",
    "given_on": "日期", "stance": "态度", "text": "内容", "demands": "诉求", "ticket_no": "工单号", "source": "来源",
    "received_at": "受理时间", "complainant": "投诉人", "due_on": "办理期限", "reply": "答复", "satisfaction": "满意度",
    "closed_on": "办结日期", "complaint": "投诉", "step": "环节", "on_date": "日期", "actor": "经办人",
    "plan_year": "计划年度", "planned_start": "计划开工", "planned_end": "计划完工", "actual_start": "实际开工",
    "actual_end": "实际完工", "accepted_on": "竣工验收", "contractor": "施工单位", "supervisor": "监理单位",
    "declared_buildings": "申报楼栋数", "declared_households": "申报户数", "project": "项目", "quantity": "数量",
    "planned_fen": "计划金额（分）", "allocated_fen": "下达金额（分）", "fund": "资金", "paid_on": "支付日期",
    "amount_fen": "金额（分）", "voucher": "凭证", "inspected_on": "巡查日期", "inspector": "巡查人",
    "problems": "问题", "rectified_on": "整改日期", DELETED_FIELD: DELETED_FIELD, ADDED_FIELD: ADDED_FIELD,
}


_TABLE_FIELD_LABELS = {("project_item", "unit"): "计量单位", ("opinion", "text"): "意见内容", ("vote_item", "name"): "事项"}


def field_label(table: str, name: str) -> str:
    return _TABLE_FIELD_LABELS.get((table, name)) or FIELD_LABELS.get(name, name)
