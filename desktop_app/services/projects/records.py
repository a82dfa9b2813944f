"""Editing project records: a project with its estates, its items, its funds per source with their
payments, and its quality inspections.

Every draft is checked by a `*_errors` function that returns {field: Chinese reason} (empty: fine), so a
form can show each reason under its field as the user types; the writes raise the first of them as a
`ProjectError(message, field)`. Each write runs in one transaction, leaves an audit row, and returns
`Changes.of(Topic.PROJECTS, ids=[project id])`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from desktop_app.domain.catalogue import CATEGORIES, category_error, item_name_error
from desktop_app.domain.errors import UserError
from desktop_app.domain.money import parse_fen, yuan_grouped
from desktop_app.domain.projects import (
    FUND_SOURCES, INSPECTION_RESULTS, ProjectError, Schedule, fund_source, paid_error, plan_year_error,
    schedule_error,
)
from desktop_app.models import db
from desktop_app.models.project_tables import (
    FundPayment, Project, ProjectEstate, ProjectFund, ProjectInspection, ProjectItem,
)
from desktop_app.services import audit
from desktop_app.services.changes import Changes, Topic

MAX_CODE = 40
MAX_TEXT = 100
_QUANTITY = re.compile(r"^\d+(\.\d+)?$")
DATE_LABELS = {"planned_start": "计划开工日期", "planned_end": "计划完工日期", "actual_start": "实际开工日期",
               "actual_end": "实际完工日期", "accepted_on": "竣工验收日期"}
Day = date | str | None


def _errors_raise(errors: dict[str, str]) -> None:
    if errors:
        field, message = next(iter(errors.items()))
        raise ProjectError(message, field)


def parse_day(value: Day, label: str) -> date | None:
    """A date given as a date or yyyy-mm-dd text ("" / None: none); ProjectError naming `label`."""
    if value is None or isinstance(value, date):
        return value
    text = value.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ProjectError(f"{label}“{text}”不是有效日期（应为 年-月-日，如 2025-03-01）") from None


def _day_error(value: Day, label: str) -> str | None:
    try:
        parse_day(value, label)
    except ProjectError as error:
        return error.message
    return None


def _count_error(value: int | str | None, label: str) -> str | None:
    if value is None or isinstance(value, int) and value >= 0:
        return None
    text = str(value).strip()
    if not text or text.isdigit():
        return None
    return f"{label}应为不小于 0 的整数"


def _count(value: int | str | None) -> int | None:
    if value is None or isinstance(value, int):
        return value
    return int(value) if value.strip() else None


def _money_error(value: int | str, label: str) -> str | None:
    if isinstance(value, int):
        return None if value >= 0 else f"{label}不能为负数"
    if not value.strip():
        return None
    try:
        parse_fen(value)
    except UserError as error:
        return f"{label}：{error.message}"
    return None


def _fen(value: int | str) -> int:
    return value if isinstance(value, int) else parse_fen(value) if value.strip() else 0


# --- projects

@dataclass(frozen=True)
class ProjectDraft:
    code: str
    name: str
    plan_year: int | str | None
    estate_ids: tuple[int, ...] = ()
    planned_start: Day = None
    planned_end: Day = None
    actual_start: Day = None
    actual_end: Day = None
    accepted_on: Day = None
    contractor: str = ""
    supervisor: str = ""
    declared_buildings: int | str | None = None
    declared_households: int | str | None = None
    note: str = ""

    def schedule(self) -> Schedule:
        return Schedule(*(parse_day(getattr(self, key), label) for key, label in DATE_LABELS.items()))


def _year(value: int | str | None) -> int | None:
    if value is None or isinstance(value, int):
        return value
    text = value.strip()
    return int(text) if text.isdigit() else None


def _existing_estates(estate_ids: Sequence[int]) -> int:
    marks = ",".join("?" * len(estate_ids))
    return int(db.execute_sql(f"SELECT count(*) FROM estate WHERE id IN ({marks})", tuple(estate_ids)).fetchone()[0])


def project_errors(draft: ProjectDraft, project_id: int | None = None) -> dict[str, str]:
    """{field: reason} for a project draft; `project_id` is the project being edited (None: a new one)."""
    errors: dict[str, str] = {}
    code = draft.code.strip()
    if not code:
        errors["code"] = "请填写项目编号"
    elif len(code) > MAX_CODE:
        errors["code"] = f"项目编号不能超过{MAX_CODE}个字符"
    else:
        clash = Project.get_or_none(Project.code == code)
        if clash is not None and clash.id != project_id:
            errors["code"] = f"项目编号“{code}”已被“{clash.name}”使用"
    if not draft.name.strip():
        errors["name"] = "请填写项目名称"
    elif len(draft.name.strip()) > MAX_TEXT:
        errors["name"] = f"项目名称不能超过{MAX_TEXT}个字"
    if isinstance(draft.plan_year, str) and draft.plan_year.strip() and _year(draft.plan_year) is None:
        errors["plan_year"] = f"年度“{draft.plan_year.strip()}”应为四位数字，如 2025"
    elif (reason := plan_year_error(_year(draft.plan_year))) is not None:
        errors["plan_year"] = reason
    if not draft.estate_ids:
        errors["estates"] = "请至少选择一个小区"
    elif len(set(draft.estate_ids)) != len(draft.estate_ids):
        errors["estates"] = "同一小区选择了两次"
    elif _existing_estates(draft.estate_ids) != len(draft.estate_ids):
        errors["estates"] = "所选小区已不存在，请重新选择"
    for key, label in DATE_LABELS.items():
        if (reason := _day_error(getattr(draft, key), label)) is not None:
            errors[key] = reason
    if not any(key in errors for key in DATE_LABELS):
        if (found := schedule_error(draft.schedule())) is not None:
            errors[found[0]] = found[1]
    for key, label in (("declared_buildings", "申报楼栋数"), ("declared_households", "申报户数")):
        if (reason := _count_error(getattr(draft, key), label)) is not None:
            errors[key] = reason
    for key, label in (("contractor", "施工单位"), ("supervisor", "监理单位")):
        if len(getattr(draft, key).strip()) > MAX_TEXT:
            errors[key] = f"{label}不能超过{MAX_TEXT}个字"
    return errors


def _project_values(draft: ProjectDraft) -> dict[str, object]:
    schedule = draft.schedule()
    return {
        "code": draft.code.strip(), "name": draft.name.strip(), "plan_year": _year(draft.plan_year),
        "planned_start": _text(schedule.planned_start), "planned_end": _text(schedule.planned_end),
        "actual_start": _text(schedule.actual_start), "actual_end": _text(schedule.actual_end),
        "accepted_on": _text(schedule.accepted_on), "contractor": draft.contractor.strip(),
        "supervisor": draft.supervisor.strip(), "declared_buildings": _count(draft.declared_buildings),
        "declared_households": _count(draft.declared_households), "note": draft.note.strip(),
    }


def _text(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _changed(project_id: int) -> Changes:
    return Changes.of(Topic.PROJECTS, ids=[project_id])


def _set_estates(project: Project, estate_ids: Sequence[int]) -> dict[str, tuple[object, object]]:
    current = {link.estate_id: link for link in ProjectEstate.select().where(ProjectEstate.project == project.id)}
    before = [link.estate_id for link in sorted(current.values(), key=lambda link: (link.position, link.id))]
    for estate_id, link in current.items():
        if estate_id not in estate_ids:
            link.delete_instance()
    for position, estate_id in enumerate(estate_ids):
        kept = current.get(estate_id)
        if kept is None:
            ProjectEstate.create(project=project.id, estate=estate_id, position=position)
        elif kept.position != position:
            kept.position = position
            kept.save()
    return {} if before == list(estate_ids) else {"estates": (before, list(estate_ids))}


def create_project(draft: ProjectDraft, *, actor: str | None = None) -> Changes:
    """Create a project covering `draft.estate_ids`; the new id is in the Changes' ids."""
    with db.atomic():
        _errors_raise(project_errors(draft))
        values = _project_values(draft)
        project = Project.create(**values)
        _set_estates(project, draft.estate_ids)
        audit.record("create", "project", project.uid, actor=actor, summary=f"新建项目 {project.code} {project.name}",
                     changes={key: (None, value) for key, value in values.items()}
                     | {"estates": (None, list(draft.estate_ids))})
    return _changed(project.id)


def _project(project_id: int) -> Project:
    project = Project.get_or_none(Project.id == project_id)
    if project is None:
        raise ProjectError("该项目已被删除")
    return project


def update_project(project_id: int, draft: ProjectDraft, *, actor: str | None = None) -> Changes:
    with db.atomic():
        project = _project(project_id)
        _errors_raise(project_errors(draft, project_id))
        changes: dict[str, tuple[object, object]] = {}
        for key, value in _project_values(draft).items():
            if getattr(project, key) != value:
                changes[key] = (getattr(project, key), value)
                setattr(project, key, value)
        if changes:
            project.save()
        changes |= _set_estates(project, draft.estate_ids)
        if changes:
            audit.record("update", "project", project.uid, actor=actor, summary=f"修改项目 {project.code}",
                         changes=changes)
    return _changed(project_id)


def delete_project(project_id: int, *, actor: str | None = None) -> Changes:
    """Delete a project with its estates links, items, funds, payments and inspections."""
    with db.atomic():
        project = _project(project_id)
        counts = deletion_counts(project_id)
        summary = (f"删除项目 {project.code} {project.name}（改造内容 {counts['items']} 项、资金来源 {counts['funds']} 个、"
                   f"付款 {counts['payments']} 笔、质量检查 {counts['inspections']} 次）")
        audit.record("delete", "project", project.uid, actor=actor, summary=summary)
        project.delete_instance(recursive=True)
    return _changed(project_id)


def deletion_counts(project_id: int) -> dict[str, int]:
    """What goes with a project when it is deleted: items, funds, payments, inspections."""
    funds = ProjectFund.select(ProjectFund.id).where(ProjectFund.project == project_id)
    return {
        "items": ProjectItem.select().where(ProjectItem.project == project_id).count(),
        "funds": funds.count(),
        "payments": FundPayment.select().where(FundPayment.fund.in_(funds)).count(),
        "inspections": ProjectInspection.select().where(ProjectInspection.project == project_id).count(),
    }


# --- items

@dataclass(frozen=True)
class ItemDraft:
    name: str
    category: str
    quantity: str = ""
    unit: str = ""
    planned: int | str = ""  # 元 as text, or fen as an int


def item_errors(draft: ItemDraft) -> dict[str, str]:
    errors: dict[str, str] = {}
    if (reason := item_name_error(draft.name)) is not None:
        errors["name"] = reason
    if (reason := category_error(draft.category)) is not None:
        errors["category"] = reason
    quantity = draft.quantity.strip().replace(",", "")
    if quantity and not _QUANTITY.match(quantity):
        errors["quantity"] = f"工程量“{draft.quantity.strip()}”应为不小于 0 的数字，如 120 或 35.5"
    if len(draft.unit.strip()) > 10:
        errors["unit"] = "单位不能超过10个字"
    if (reason := _money_error(draft.planned, "计划投资")) is not None:
        errors["planned"] = reason
    return errors


def _item_values(draft: ItemDraft) -> dict[str, object]:
    return {"name": draft.name.strip(), "category": draft.category, "quantity": draft.quantity.strip().replace(",", ""),
            "unit": draft.unit.strip(), "planned_fen": _fen(draft.planned)}


def _item(item_id: int) -> ProjectItem:
    item = ProjectItem.get_or_none(ProjectItem.id == item_id)
    if item is None:
        raise ProjectError("该改造内容已被删除")
    return item


def add_item(project_id: int, draft: ItemDraft, *, actor: str | None = None) -> Changes:
    """Add an item at the end of the project's items."""
    with db.atomic():
        project = _project(project_id)
        _errors_raise(item_errors(draft))
        last = ProjectItem.select().where(ProjectItem.project == project_id).order_by(ProjectItem.position.desc()).first()
        values = _item_values(draft)
        item = ProjectItem.create(project=project_id, position=(last.position + 1) if last else 0, **values)
        audit.record("create", "project_item", item.uid, actor=actor,
                     summary=f"项目 {project.code} 新增改造内容 {draft.category}·{values['name']}",
                     changes={key: (None, value) for key, value in values.items()})
    return _changed(project_id)


def update_item(item_id: int, draft: ItemDraft, *, actor: str | None = None) -> Changes:
    with db.atomic():
        item = _item(item_id)
        _errors_raise(item_errors(draft))
        changes = {}
        for key, value in _item_values(draft).items():
            if getattr(item, key) != value:
                changes[key] = (getattr(item, key), value)
                setattr(item, key, value)
        if changes:
            item.save()
            audit.record("update", "project_item", item.uid, actor=actor, summary=f"修改改造内容 {item.name}",
                         changes=changes)
    return _changed(item.project_id)


def delete_item(item_id: int, *, actor: str | None = None) -> Changes:
    with db.atomic():
        item = _item(item_id)
        audit.record("delete", "project_item", item.uid, actor=actor, summary=f"删除改造内容 {item.category}·{item.name}")
        item.delete_instance()
    return _changed(item.project_id)


def reorder_items(project_id: int, item_ids: Sequence[int], *, actor: str | None = None) -> Changes:
    """Put the project's items in the order of `item_ids` (all of them, each once)."""
    with db.atomic():
        project = _project(project_id)
        items = {item.id: item for item in ProjectItem.select().where(ProjectItem.project == project_id)}
        if sorted(items) != sorted(item_ids):
            raise ProjectError("改造内容已被他人修改，请刷新后重试")
        before = [item.id for item in sorted(items.values(), key=lambda item: (item.position, item.id))]
        for position, item_id in enumerate(item_ids):
            if items[item_id].position != position:
                items[item_id].position = position
                items[item_id].save()
        if before != list(item_ids):
            audit.record("update", "project", project.uid, actor=actor, summary=f"项目 {project.code} 调整改造内容顺序",
                         changes={"item_order": (before, list(item_ids))})
    return _changed(project_id)


def move_item(item_id: int, offset: int, *, actor: str | None = None) -> Changes:
    """Move an item up (-1) or down (+1) among its project's items; at an end it stays."""
    item = _item(item_id)
    order = [row.id for row in ProjectItem.select().where(ProjectItem.project == item.project_id)
             .order_by(ProjectItem.position, ProjectItem.id)]
    index = order.index(item_id)
    target = min(max(index + offset, 0), len(order) - 1)
    order.insert(target, order.pop(index))
    return reorder_items(item.project_id, order, actor=actor)


# --- funds and payments

def _paid_total(fund_id: int, *, without: int | None = None) -> int:
    query = FundPayment.select().where(FundPayment.fund == fund_id)
    return sum(payment.amount_fen for payment in query if payment.id != without)


def fund_errors(project_id: int, source: str, planned: int | str, allocated: int | str) -> dict[str, str]:
    errors: dict[str, str] = {}
    canonical = fund_source(source)
    if canonical is None:
        errors["source"] = f"资金来源“{source.strip()}”无效，应为{'、'.join(FUND_SOURCES)}之一"
    for key, value, label in (("planned", planned, "计划金额"), ("allocated", allocated, "已下达金额")):
        if (reason := _money_error(value, label)) is not None:
            errors[key] = reason
    if canonical is not None and "allocated" not in errors:
        fund = ProjectFund.get_or_none((ProjectFund.project == project_id) & (ProjectFund.source == canonical))
        if fund is not None and (reason := paid_error(_fen(allocated), _paid_total(fund.id))) is not None:
            errors["allocated"] = f"已下达金额不能少于已支付金额：{reason}"
    return errors


def set_fund(project_id: int, source: str, planned: int | str, allocated: int | str, *,
             actor: str | None = None) -> Changes:
    """Set the planned and allocated amounts of one source of a project (created when missing)."""
    with db.atomic():
        project = _project(project_id)
        _errors_raise(fund_errors(project_id, source, planned, allocated))
        canonical = fund_source(source)
        values = {"planned_fen": _fen(planned), "allocated_fen": _fen(allocated)}
        fund = ProjectFund.get_or_none((ProjectFund.project == project_id) & (ProjectFund.source == canonical))
        if fund is None:
            fund = ProjectFund.create(project=project_id, source=canonical, **values)
            audit.record("create", "project_fund", fund.uid, actor=actor, summary=f"项目 {project.code} 新增资金来源 {canonical}",
                         changes={key: (None, value) for key, value in values.items()})
        else:
            changes = {key: (getattr(fund, key), value) for key, value in values.items() if getattr(fund, key) != value}
            if changes:
                for key, value in values.items():
                    setattr(fund, key, value)
                fund.save()
                audit.record("update", "project_fund", fund.uid, actor=actor,
                             summary=f"项目 {project.code} 修改资金 {canonical}", changes=changes)
    return _changed(project_id)


def _fund(fund_id: int) -> ProjectFund:
    fund = ProjectFund.get_or_none(ProjectFund.id == fund_id)
    if fund is None:
        raise ProjectError("该资金来源已被删除")
    return fund


def delete_fund(fund_id: int, *, actor: str | None = None) -> Changes:
    """Delete one source of a project with its payments."""
    with db.atomic():
        fund = _fund(fund_id)
        count = FundPayment.select().where(FundPayment.fund == fund_id).count()
        audit.record("delete", "project_fund", fund.uid, actor=actor, summary=f"删除资金来源 {fund.source}（付款 {count} 笔）")
        fund.delete_instance(recursive=True)
    return _changed(fund.project_id)


@dataclass(frozen=True)
class PaymentDraft:
    paid_on: Day
    amount: int | str
    voucher: str = ""
    note: str = ""


def payment_errors(fund_id: int, draft: PaymentDraft) -> dict[str, str]:
    errors: dict[str, str] = {}
    if draft.paid_on is None or isinstance(draft.paid_on, str) and not draft.paid_on.strip():
        errors["paid_on"] = "请填写付款日期"
    elif (reason := _day_error(draft.paid_on, "付款日期")) is not None:
        errors["paid_on"] = reason
    if isinstance(draft.amount, str) and not draft.amount.strip():
        errors["amount"] = "请填写付款金额"
    elif (reason := _money_error(draft.amount, "付款金额")) is not None:
        errors["amount"] = reason
    elif _fen(draft.amount) <= 0:
        errors["amount"] = "付款金额应大于 0"
    else:
        fund = ProjectFund.get_or_none(ProjectFund.id == fund_id)
        if fund is None:
            errors["fund"] = "该资金来源已被删除"
        elif (reason := paid_error(fund.allocated_fen, _paid_total(fund_id) + _fen(draft.amount))) is not None:
            rest = max(fund.allocated_fen - _paid_total(fund_id), 0)
            errors["amount"] = f"{fund.source}{reason}（还可支付 {yuan_grouped(rest)} 元）"
    if len(draft.voucher.strip()) > 40:
        errors["voucher"] = "凭证号不能超过40个字符"
    return errors


def add_payment(fund_id: int, draft: PaymentDraft, *, actor: str | None = None) -> Changes:
    """Record a payment of a fund; the fund's paid total may not exceed its allocated amount."""
    with db.atomic():
        _errors_raise(payment_errors(fund_id, draft))
        fund = _fund(fund_id)
        paid_on = parse_day(draft.paid_on, "付款日期")
        payment = FundPayment.create(fund=fund_id, paid_on=_text(paid_on), amount_fen=_fen(draft.amount),
                                     voucher=draft.voucher.strip(), note=draft.note.strip())
        audit.record("create", "fund_payment", payment.uid, actor=actor,
                     summary=f"{fund.source} 付款 {yuan_grouped(payment.amount_fen)} 元（{_text(paid_on)}，凭证 {payment.voucher or '无'}）",
                     changes={"paid_on": (None, _text(paid_on)), "amount_fen": (None, payment.amount_fen),
                              "voucher": (None, payment.voucher)})
    return _changed(fund.project_id)


def delete_payment(payment_id: int, *, actor: str | None = None) -> Changes:
    with db.atomic():
        payment = FundPayment.get_or_none(FundPayment.id == payment_id)
        if payment is None:
            raise ProjectError("该付款记录已被删除")
        fund = _fund(payment.fund_id)
        audit.record("delete", "fund_payment", payment.uid, actor=actor,
                     summary=f"删除 {fund.source} 付款 {yuan_grouped(payment.amount_fen)} 元（{payment.paid_on or '未注明日期'}）")
        payment.delete_instance()
    return _changed(fund.project_id)


# --- inspections

@dataclass(frozen=True)
class InspectionDraft:
    inspected_on: Day
    inspector: str
    result: str
    problems: str = ""
    rectified_on: Day = None


def inspection_errors(draft: InspectionDraft) -> dict[str, str]:
    errors: dict[str, str] = {}
    inspected = rectified = None
    if draft.inspected_on is None or isinstance(draft.inspected_on, str) and not draft.inspected_on.strip():
        errors["inspected_on"] = "请填写检查日期"
    elif (reason := _day_error(draft.inspected_on, "检查日期")) is not None:
        errors["inspected_on"] = reason
    else:
        inspected = parse_day(draft.inspected_on, "检查日期")
    if not draft.inspector.strip():
        errors["inspector"] = "请填写检查人"
    elif len(draft.inspector.strip()) > MAX_TEXT:
        errors["inspector"] = f"检查人不能超过{MAX_TEXT}个字"
    if draft.result not in INSPECTION_RESULTS:
        errors["result"] = f"检查结果“{draft.result}”无效，应为{'、'.join(INSPECTION_RESULTS)}之一"
    if (reason := _day_error(draft.rectified_on, "整改完成日期")) is not None:
        errors["rectified_on"] = reason
    else:
        rectified = parse_day(draft.rectified_on, "整改完成日期")
    if inspected and rectified and rectified < inspected:
        errors["rectified_on"] = "整改完成日期早于检查日期"
    if draft.result in INSPECTION_RESULTS[1:] and not draft.problems.strip():
        errors["problems"] = f"检查结果为“{draft.result}”时请填写发现的问题"
    return errors


def _inspection_values(draft: InspectionDraft) -> dict[str, object]:
    return {"inspected_on": _text(parse_day(draft.inspected_on, "检查日期")), "inspector": draft.inspector.strip(),
            "result": draft.result, "problems": draft.problems.strip(),
            "rectified_on": _text(parse_day(draft.rectified_on, "整改完成日期"))}


def _inspection(inspection_id: int) -> ProjectInspection:
    found = ProjectInspection.get_or_none(ProjectInspection.id == inspection_id)
    if found is None:
        raise ProjectError("该质量检查记录已被删除")
    return found


def add_inspection(project_id: int, draft: InspectionDraft, *, actor: str | None = None) -> Changes:
    with db.atomic():
        project = _project(project_id)
        _errors_raise(inspection_errors(draft))
        values = _inspection_values(draft)
        inspection = ProjectInspection.create(project=project_id, **values)
        audit.record("create", "project_inspection", inspection.uid, actor=actor,
                     summary=f"项目 {project.code} 质量检查 {values['inspected_on']} {draft.result}",
                     changes={key: (None, value) for key, value in values.items()})
    return _changed(project_id)


def update_inspection(inspection_id: int, draft: InspectionDraft, *, actor: str | None = None) -> Changes:
    with db.atomic():
        inspection = _inspection(inspection_id)
        _errors_raise(inspection_errors(draft))
        changes = {}
        for key, value in _inspection_values(draft).items():
            if getattr(inspection, key) != value:
                changes[key] = (getattr(inspection, key), value)
                setattr(inspection, key, value)
        if changes:
            inspection.save()
            audit.record("update", "project_inspection", inspection.uid, actor=actor,
                         summary=f"修改质量检查 {inspection.inspected_on}", changes=changes)
    return _changed(inspection.project_id)


def delete_inspection(inspection_id: int, *, actor: str | None = None) -> Changes:
    with db.atomic():
        inspection = _inspection(inspection_id)
        audit.record("delete", "project_inspection", inspection.uid, actor=actor,
                     summary=f"删除质量检查 {inspection.inspected_on} {inspection.result}")
        inspection.delete_instance()
    return _changed(inspection.project_id)


__all__ = [
    "CATEGORIES", "FUND_SOURCES", "INSPECTION_RESULTS", "InspectionDraft", "ItemDraft", "PaymentDraft",
    "ProjectDraft", "ProjectError", "add_inspection", "add_item", "add_payment", "create_project",
    "delete_fund", "delete_inspection", "delete_item", "delete_payment", "delete_project", "deletion_counts",
    "fund_errors", "inspection_errors", "item_errors", "move_item", "payment_errors", "project_errors",
    "reorder_items", "set_fund", "update_inspection", "update_item", "update_project",
]
