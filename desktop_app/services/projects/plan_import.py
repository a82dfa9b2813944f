"""The district's 改造计划 into the database: what the checked plan would change (the preview), then the change
itself in one transaction, keyed by 项目编号.

A plan file is a list of what changed (formats.md): projects absent from it are left alone, and so are the
items of a project the file gives none for and the funds of sources it does not list. Of a project in the
file, its fields and estates are set as written (a blank 实际开工, 实际完工, 施工单位 or 监理单位 keeps what the
records have: the district may not know the progress entered here; the dates together must still agree), its items replace the stored ones by position (only rows
that differ are written) and each listed source's planned and allocated amounts are set; 已支付 is kept as
one undated payment (voucher 改造计划导入) equal to 已支付 minus the fund's dated payments. Importing the same
file again writes nothing (no updated_at, no audit row).

Estates the database does not know are created from the plan under their 街道/社区 (created when needed),
else under 未分配街道/未分配社区, and listed in the preview.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from desktop_app.domain.catalogue import CatalogueEntry
from desktop_app.domain.errors import UserError
from desktop_app.domain.located import LocatedNote
from desktop_app.domain.money import yuan_grouped
from desktop_app.domain.plan_record import PlanEstate, PlanFund, PlanItem, PlanProject
from desktop_app.domain.projects import Schedule, schedule_error
from desktop_app.domain.setting_definitions import CATALOGUE_SEEDED
from desktop_app.models import Community, Estate, Street, db
from desktop_app.models.project_tables import FundPayment, Project, ProjectEstate, ProjectFund, ProjectItem
from desktop_app.services import audit, settings
from desktop_app.services.catalogue import catalogue, shipped_entries
from desktop_app.services.changes import NONE, Changes, Topic
from desktop_app.services.roll import pinyin_key
from desktop_app.services.room_order import renumber

UNPLACED_STREET, UNPLACED_COMMUNITY = "未分配街道", "未分配社区"
PLAN_VOUCHER = "改造计划导入"
ADDED, UPDATED, UNCHANGED = "新增", "更新", "未变"
PROJECT_SHEET, FUND_SHEET = "项目", "资金"
ITEM_FIELDS = ("name", "category", "quantity", "unit", "planned_fen")
# What a plan leaves blank when the district does not know it, while the records may: progress and firms.
KEPT_WHEN_BLANK = ("actual_start", "actual_end", "contractor", "supervisor")


class PlanImportError(UserError):
    """The plan cannot be applied as it stands (the preview lists why); nothing was written."""


@dataclass(frozen=True)
class PlanInput:
    """A checked plan: its records, and where each project row and each 已支付 cell is in the file."""

    file: str
    projects: Sequence[PlanProject]
    items: Sequence[PlanItem] = ()
    funds: Sequence[PlanFund] = ()
    project_rows: Mapping[str, int] = field(default_factory=dict)
    paid_places: Mapping[tuple[str, str], tuple[int, str]] = field(default_factory=dict)  # -> row, column


@dataclass(frozen=True)
class NewEstate:
    code: str
    name: str
    street: str
    community: str
    projects: tuple[str, ...]  # the 项目编号 that cover it


@dataclass(frozen=True)
class ProjectChange:
    row: int
    code: str
    name: str
    kind: str  # 新增 / 更新 / 未变
    parts: tuple[str, ...] = ()  # what changes: 项目信息, 小区, 改造内容, 资金


@dataclass
class PlanPreview:
    projects: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    changes: list[ProjectChange] = field(default_factory=list)
    new_estates: list[NewEstate] = field(default_factory=list)
    errors: list[LocatedNote] = field(default_factory=list)


@dataclass(frozen=True)
class PlanImported:
    projects: int
    added: int
    updated: int
    unchanged: int
    new_estates: tuple[NewEstate, ...]
    changes: Changes = NONE


# ------------------------------------------------------------------ what is stored
@dataclass
class _Stored:
    project: Project
    estates: list[ProjectEstate]
    items: list[ProjectItem]
    funds: dict[str, ProjectFund]
    dated: dict[int, int]  # fund id -> Σ dated payments
    undated: dict[int, list[FundPayment]]  # fund id -> its undated payments


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _project_fields(plan: PlanProject, stored: Project | None = None) -> dict[str, object]:
    """The project's columns as the plan sets them; a blank KEPT_WHEN_BLANK keeps what `stored` has."""
    s = plan.schedule
    fields: dict[str, object] = {
        "name": plan.name, "plan_year": plan.plan_year, "planned_start": _day(s.planned_start),
        "planned_end": _day(s.planned_end), "actual_start": _day(s.actual_start), "actual_end": _day(s.actual_end),
        "contractor": plan.contractor, "supervisor": plan.supervisor,
        "declared_buildings": plan.declared_buildings, "declared_households": plan.declared_households}
    if stored is not None:
        for name in KEPT_WHEN_BLANK:
            if fields[name] in (None, ""):
                fields[name] = getattr(stored, name)
    return fields


def _schedule(fields: Mapping[str, object], accepted_on: str | None) -> Schedule:
    def day(name: str) -> date | None:
        value = fields[name]
        return date.fromisoformat(value) if isinstance(value, str) else None

    return Schedule(day("planned_start"), day("planned_end"), day("actual_start"), day("actual_end"),
                    date.fromisoformat(accepted_on) if accepted_on else None)


def _item_fields(item: PlanItem) -> dict[str, object]:
    return {name: getattr(item, name) for name in ITEM_FIELDS}


def _load(codes: Sequence[str]) -> dict[str, _Stored]:
    stored: dict[str, _Stored] = {}
    for start in range(0, len(codes), 900):
        for project in Project.select().where(Project.code.in_(list(codes[start:start + 900]))):
            stored[project.code] = _Stored(project, [], [], {}, {}, {})
    by_id = {entry.project.id: entry for entry in stored.values()}
    ids = list(by_id)
    for start in range(0, len(ids), 900):
        chunk = ids[start:start + 900]
        for link in ProjectEstate.select().where(ProjectEstate.project.in_(chunk)).order_by(
                ProjectEstate.position, ProjectEstate.id):
            by_id[link.project_id].estates.append(link)
        for item in ProjectItem.select().where(ProjectItem.project.in_(chunk)).order_by(
                ProjectItem.position, ProjectItem.id):
            by_id[item.project_id].items.append(item)
        funds: dict[int, _Stored] = {}
        for fund in ProjectFund.select().where(ProjectFund.project.in_(chunk)):
            by_id[fund.project_id].funds[fund.source] = fund
            funds[fund.id] = by_id[fund.project_id]
        for payment in FundPayment.select().where(FundPayment.fund.in_(list(funds))).order_by(FundPayment.id):
            owner = funds[payment.fund_id]
            if payment.paid_on:
                owner.dated[payment.fund_id] = owner.dated.get(payment.fund_id, 0) + payment.amount_fen
            else:
                owner.undated.setdefault(payment.fund_id, []).append(payment)
    return stored


# ------------------------------------------------------------------ the plan against the database
class _Planner:
    def __init__(self, plan: PlanInput) -> None:
        self.plan = plan
        self.items: dict[str, list[PlanItem]] = defaultdict(list)
        for item in plan.items:
            self.items[item.project_code].append(item)
        self.funds: dict[str, list[PlanFund]] = defaultdict(list)
        for fund in plan.funds:
            self.funds[fund.project_code].append(fund)
        self.stored = _load([project.code for project in plan.projects])
        self.preview = PlanPreview(projects=len(plan.projects))
        self.estate_ids: dict[str, int] = {}  # PlanEstate.key -> id of a stored estate
        self.new_estates: dict[str, PlanEstate] = {}
        self.new_estate_projects: dict[str, list[str]] = defaultdict(list)
        self._resolve_estates()

    def _error(self, sheet: str, row: int, column: str, value: str, reason: str) -> None:
        self.preview.errors.append(LocatedNote(self.plan.file, sheet, row, column, value, reason))

    def _resolve_estates(self) -> None:
        wanted = [(project, estate) for project in self.plan.projects for estate in project.estates]
        codes = sorted({estate.code for _p, estate in wanted if estate.code})
        names = sorted({estate.name for _p, estate in wanted if not estate.code})
        by_code: dict[str, int] = {}
        for start in range(0, len(codes), 900):
            for row in Estate.select(Estate.id, Estate.code).where(Estate.code.in_(codes[start:start + 900])):
                if row.code:
                    by_code[row.code] = row.id
        by_name: dict[str, list[int]] = defaultdict(list)
        for start in range(0, len(names), 900):
            for row in Estate.select(Estate.id, Estate.name).where(Estate.name.in_(names[start:start + 900])):
                by_name[row.name].append(row.id)
        for project, estate in wanted:
            if estate.code:
                found = by_code.get(estate.code)
            else:
                matches = by_name.get(estate.name, [])
                if len(matches) > 1:
                    self._error(PROJECT_SHEET, self.plan.project_rows.get(project.code, 0), "小区名称", estate.name,
                                f"数据库中有 {len(matches)} 个名为“{estate.name}”的小区，请填写小区编码")
                    continue
                found = matches[0] if matches else None
            if found is not None:
                self.estate_ids[estate.key] = found
                continue
            first = self.new_estates.setdefault(estate.key, estate)
            if first.name and estate.name and first.name != estate.name:
                self._error(PROJECT_SHEET, self.plan.project_rows.get(project.code, 0), "小区名称", estate.name,
                            f"小区编码 {estate.code} 在项目“{self.new_estate_projects[estate.key][0]}”中的小区名称是"
                            f"“{first.name}”；同一个新小区的名称应一致")
                continue
            if project.code not in self.new_estate_projects[estate.key]:
                self.new_estate_projects[estate.key].append(project.code)

    def run(self) -> PlanPreview:
        for project in self.plan.projects:
            parts = self._differences(project)
            stored = self.stored.get(project.code)
            kind = ADDED if stored is None else UPDATED if parts else UNCHANGED
            if kind == ADDED:
                self.preview.added += 1
            elif kind == UPDATED:
                self.preview.updated += 1
            else:
                self.preview.unchanged += 1
            self.preview.changes.append(ProjectChange(self.plan.project_rows.get(project.code, 0), project.code,
                                                      project.name, kind, parts))
        self.preview.new_estates = [
            NewEstate(e.code, e.name or e.code, e.street or UNPLACED_STREET, e.community or UNPLACED_COMMUNITY,
                      tuple(self.new_estate_projects[key])) for key, e in self.new_estates.items()]
        return self.preview

    # -------------------------------------------------------------- differences
    def wanted_estates(self, project: PlanProject) -> list[tuple[int | None, int | None, int | None]]:
        return [(self.estate_ids.get(e.key), e.buildings, e.households) for e in project.estates]

    def wanted_undated(self, project: PlanProject, fund: PlanFund, stored: _Stored | None) -> int | None:
        """The undated amount 已支付 leaves after the fund's dated payments; None (and an error) if negative."""
        existing = stored.funds.get(fund.source) if stored else None
        dated = stored.dated.get(existing.id, 0) if stored and existing else 0
        rest = fund.paid_fen - dated
        if rest < 0:
            row, column = self.plan.paid_places.get((project.code, fund.source), (0, "已支付(元)"))
            self._error(FUND_SHEET, row, column, yuan_grouped(fund.paid_fen),
                        f"已支付少于已登记的有日期支付记录合计 {yuan_grouped(dated)} 元（{fund.source}）")
            return None
        return rest

    def _differences(self, project: PlanProject) -> tuple[str, ...]:
        stored = self.stored.get(project.code)
        parts: list[str] = []
        undated = [self.wanted_undated(project, fund, stored) for fund in self.funds.get(project.code, [])]
        if stored is None:
            return ()
        current = stored.project
        fields = _project_fields(project, current)
        problem = schedule_error(_schedule(fields, current.accepted_on))
        if problem:  # the file's dates are consistent by themselves (the reader checked), not with the records
            column = {"planned_end": "计划完工", "actual_start": "实际开工", "actual_end": "实际完工"}.get(problem[0], "")
            self._error(PROJECT_SHEET, self.plan.project_rows.get(project.code, 0), column, project.code,
                        f"与程序中已登记的日期不一致：{problem[1]}（实际开工 {fields['actual_start'] or '未填'}，"
                        f"实际完工 {fields['actual_end'] or '未填'}，竣工验收 {current.accepted_on or '未填'}）")
        if any(getattr(current, name) != value for name, value in fields.items()):
            parts.append("项目信息")
        have = [(link.estate_id, link.declared_buildings, link.declared_households) for link in stored.estates]
        if have != self.wanted_estates(project):
            parts.append("小区")
        items = self.items.get(project.code)
        if items is not None and [_item_fields(item) for item in items] != [
                {name: getattr(row, name) for name in ITEM_FIELDS} for row in stored.items]:
            parts.append("改造内容")
        for fund, rest in zip(self.funds.get(project.code, []), undated):
            existing = stored.funds.get(fund.source)
            if existing is None or (existing.planned_fen, existing.allocated_fen) != (fund.planned_fen, fund.allocated_fen) \
                    or [p.amount_fen for p in stored.undated.get(existing.id, [])] != ([rest] if rest else []):
                parts.append("资金")
                break
        return tuple(parts)


# ------------------------------------------------------------------ public use cases
def category_catalogue() -> list[CatalogueEntry]:
    """The catalogue an item's empty 类别 is looked up in, read without writing (a dry run writes nothing):
    the database's copy, hidden items included, once it has one; before that the shipped catalogue."""
    if settings.value(CATALOGUE_SEEDED):
        return catalogue(include_hidden=True)
    return shipped_entries()


def preview_plan(plan: PlanInput) -> PlanPreview:
    """What importing `plan` would do: projects added, updated, unchanged, estates created, and the errors
    only the database can tell (an ambiguous estate name, 已支付 below the dated payments). Writes nothing."""
    return _Planner(plan).run()


def apply_plan(plan: PlanInput) -> PlanImported:
    """Import `plan` in one transaction; PlanImportError (nothing written) when the preview has errors.
    Topics: PROJECTS for the projects written, ROLL when estates were created."""
    with db.atomic():
        planner = _Planner(plan)
        preview = planner.run()
        if preview.errors:
            raise PlanImportError(f"改造计划有 {len(preview.errors)} 处错误，未写入任何数据")
        writer = _Writer(planner)
        for project, change in zip(plan.projects, preview.changes):
            if change.kind != UNCHANGED:
                writer.project(project, change)
        if writer.project_ids or writer.created_estates:
            audit.record("import", "project", "", summary=f"导入改造计划“{plan.file}”：新增 {preview.added} 个项目，"
                         f"更新 {preview.updated} 个，未变 {preview.unchanged} 个，新建小区 {len(preview.new_estates)} 个")
        if writer.created_estates:
            renumber(writer.created_estates)
    changes = Changes.of(Topic.PROJECTS, ids=writer.project_ids) if writer.project_ids else NONE
    if writer.created_estates:
        changes = changes | Changes.of(Topic.ROLL)
    return PlanImported(preview.projects, preview.added, preview.updated, preview.unchanged,
                        tuple(preview.new_estates), changes)


class _Writer:
    def __init__(self, planner: _Planner) -> None:
        self.planner = planner
        self.project_ids: list[int] = []
        self.created_estates: list[int] = []
        self.streets: dict[str, Street] = {}
        self.communities: dict[tuple[int, str], Community] = {}

    def estate(self, estate: PlanEstate) -> int:
        found = self.planner.estate_ids.get(estate.key)
        if found is not None:
            return found
        name = estate.name or estate.code
        created = Estate.create(community=self._community(estate.street or UNPLACED_STREET,
                                                          estate.community or UNPLACED_COMMUNITY),
                                code=estate.code or None, name=name, pinyin=pinyin_key(name))
        audit.record("create", "estate", created.uid, summary=f"导入改造计划：新建小区 {name}")
        self.planner.estate_ids[estate.key] = created.id
        self.created_estates.append(created.id)
        return created.id

    def _community(self, street_name: str, name: str) -> Community:
        street = self.streets.get(street_name) or Street.get_or_none(Street.name == street_name)
        if street is None:
            street = Street.create(name=street_name)
            audit.record("create", "street", street.uid, summary=f"导入改造计划：新建街道 {street_name}")
        self.streets[street_name] = street
        key = (street.id, name)
        community = self.communities.get(key) or Community.get_or_none(
            (Community.street == street.id) & (Community.name == name))
        if community is None:
            community = Community.create(street=street, name=name)
            audit.record("create", "community", community.uid, summary=f"导入改造计划：新建社区 {street_name}·{name}")
        self.communities[key] = community
        return community

    def project(self, plan: PlanProject, change: ProjectChange) -> None:
        stored = self.planner.stored.get(plan.code)
        fields = _project_fields(plan, stored.project if stored else None)
        if stored is None:
            project = Project.create(code=plan.code, **fields)
            audit.record("create", "project", project.uid, summary=f"导入改造计划：新增项目 {plan.code} {plan.name}")
            stored = _Stored(project, [], [], {}, {}, {})
        else:
            project = stored.project
            differing = {name: (getattr(project, name), value) for name, value in fields.items()
                         if getattr(project, name) != value}
            if differing:
                for name, (_old, value) in differing.items():
                    setattr(project, name, value)
                project.save()
            audit.record("update", "project", project.uid, changes=differing,
                         summary=f"导入改造计划：更新项目 {plan.code}（{'、'.join(change.parts)}）")
        self.project_ids.append(project.id)
        self._estates(project, stored, plan)
        if plan.code in self.planner.items:
            self._items(project, stored, self.planner.items[plan.code])
        for fund in self.planner.funds.get(plan.code, []):
            self._fund(project, stored, plan, fund)

    def _estates(self, project: Project, stored: _Stored, plan: PlanProject) -> None:
        wanted = [(self.estate(e), e.buildings, e.households) for e in plan.estates]
        have = {link.estate_id: link for link in stored.estates}
        keep = {estate_id for estate_id, _b, _h in wanted}
        for old in stored.estates:
            if old.estate_id not in keep:
                old.delete_instance()
        for position, (estate_id, buildings, households) in enumerate(wanted):
            link = have.get(estate_id)
            values = {"position": position, "declared_buildings": buildings, "declared_households": households}
            if link is None:
                ProjectEstate.create(project=project, estate=estate_id, **values)
            elif any(getattr(link, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(link, name, value)
                link.save()

    def _items(self, project: Project, stored: _Stored, items: list[PlanItem]) -> None:
        for position, item in enumerate(items):
            values = _item_fields(item)
            if position < len(stored.items):
                row = stored.items[position]
                if any(getattr(row, name) != value for name, value in values.items()) or row.position != position:
                    for name, value in values.items():
                        setattr(row, name, value)
                    row.position = position
                    row.save()
            else:
                ProjectItem.create(project=project, position=position, **values)
        for row in stored.items[len(items):]:
            row.delete_instance()

    def _fund(self, project: Project, stored: _Stored, plan: PlanProject, fund: PlanFund) -> None:
        existing = stored.funds.get(fund.source)
        if existing is None:
            existing = ProjectFund.create(project=project, source=fund.source, planned_fen=fund.planned_fen,
                                          allocated_fen=fund.allocated_fen)
        elif (existing.planned_fen, existing.allocated_fen) != (fund.planned_fen, fund.allocated_fen):
            existing.planned_fen, existing.allocated_fen = fund.planned_fen, fund.allocated_fen
            existing.save()
        rest = fund.paid_fen - stored.dated.get(existing.id, 0)
        undated = stored.undated.get(existing.id, [])
        if [p.amount_fen for p in undated] == ([rest] if rest else []):
            return
        for payment in undated:
            payment.delete_instance()
        if rest:
            FundPayment.create(fund=existing, paid_on=None, amount_fen=rest, voucher=PLAN_VOUCHER)
