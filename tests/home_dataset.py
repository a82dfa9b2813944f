"""A small set of renovation projects on the test roll (tests/ui/conftest.py `roll`: 杜鹃新村 A with 12 rooms
in 2 buildings, 梅岭小区 B with 3 rooms), for the 首页 and the project documents; as of 2026-06-30:

- 2024-001 杜鹃新村 (2024): started on time, completed 2024-12-01 after its planned 2024-10-31 → late.
  Items 基础类 ×2 (1,000,000.00 and 500,000.00), 完善类 ×1 (300,000.00). Funds 中央财政补助 planned
  1,000,000.00, allocated 800,000.00, paid 300,000.00 (2024-05-01) + 200,000.00 (2024-12-01);
  居民出资 planned 100,000.00, nothing allocated.
- 2025-001 梅岭小区 (2025): planned 2025-04-01 to 2026-03-31, never started → not started and late.
  Item 完善类 ×1 (123,456.78). Fund 省级财政资金 planned 400,000.00, allocated 300,000.01, paid 100,000.01.
- 2026-001 片区 both estates (2026): planned start 2026-09-01, not due. Item 提升类 (200,000.00).
  Fund 省级财政资金 planned 500,000.00, allocated 500,000.00, paid 100,000.00 on 2026-07-15 (after the day).
One complaint (施工管理) and one (物业) received in 2026.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain.identity import id_check_char
from desktop_app.models import Community, Estate, Street
from desktop_app.models.consultation_tables import Complaint
from desktop_app.models.project_tables import FundPayment, Project, ProjectEstate, ProjectFund, ProjectItem
from desktop_app.services.roll import rooms

AS_OF = date(2026, 6, 30)


@dataclass
class Dataset:
    estates: list[Estate]
    projects: dict[str, Project]


def small_roll() -> list[Estate]:
    """杜鹃新村 (code A: 2 buildings, 12 rooms) and 梅岭小区 (code B: 3 rooms) in 杜鹃社区 (code C1) of 东湖街道
    (code S1), owners with ID numbers and phones (which no project document may print)."""
    street = Street.create(name="东湖街道", code="S1")
    community = Community.create(street=street, name="杜鹃社区", code="C1")
    estates = [Estate.create(community=community, name="杜鹃新村", code="A", pinyin="dujuanxincun"),
               Estate.create(community=community, name="梅岭小区", code="B", pinyin="meilingxiaoqu")]
    for index in range(15):
        first17 = f"11010519800101{index:03d}"
        estate = estates[0] if index < 12 else estates[1]
        rooms.save_room(rooms.RoomForm(
            estate_id=estate.id, building=str(index // 6 + 1) if index < 12 else "1", unit="1",
            number=f"{index % 6 + 1}01", area="80", owner_name=f"业主{index}",
            id_number=first17 + id_check_char(first17), phone=f"1380000{index:04d}"), today=AS_OF)
    return estates


def _project(code: str, name: str, year: int, estates: list[Estate], **dates: str) -> Project:
    project = Project.create(code=code, name=name, plan_year=year, contractor=f"{name}施工单位", **dates)
    for position, estate in enumerate(estates):
        ProjectEstate.create(project=project, estate=estate, position=position)
    return project


def _fund(project: Project, source: str, planned: int, allocated: int, *payments: tuple[str | None, int]) -> None:
    fund = ProjectFund.create(project=project, source=source, planned_fen=planned, allocated_fen=allocated)
    for paid_on, amount in payments:
        FundPayment.create(fund=fund, paid_on=paid_on, amount_fen=amount, voucher="凭证")


def build(estates: list[Estate]) -> Dataset:
    dujuan, meiling = estates
    first = _project("2024-001", "杜鹃新村改造", 2024, [dujuan], planned_start="2024-03-01",
                     planned_end="2024-10-31", actual_start="2024-03-10", actual_end="2024-12-01")
    ProjectItem.create(project=first, position=0, name="雨污分流", category="基础类", planned_fen=100_000_000)
    ProjectItem.create(project=first, position=1, name="屋面防水", category="基础类", planned_fen=50_000_000)
    ProjectItem.create(project=first, position=2, name="停车位", category="完善类", planned_fen=30_000_000)
    _fund(first, "中央财政补助", 100_000_000, 80_000_000, ("2024-05-01", 30_000_000), ("2024-12-01", 20_000_000))
    _fund(first, "居民出资", 10_000_000, 0)
    second = _project("2025-001", "梅岭小区改造", 2025, [meiling], planned_start="2025-04-01",
                      planned_end="2026-03-31")
    ProjectItem.create(project=second, position=0, name="绿化", category="完善类", planned_fen=12_345_678)
    _fund(second, "省级财政资金", 40_000_000, 30_000_001, (None, 10_000_001))
    third = _project("2026-001", "东湖片区改造", 2026, [dujuan, meiling], planned_start="2026-09-01",
                     planned_end="2027-06-30")
    ProjectItem.create(project=third, position=0, name="加装电梯", category="提升类", planned_fen=20_000_000)
    _fund(third, "省级财政资金", 50_000_000, 50_000_000, ("2026-07-15", 10_000_000))
    Complaint.create(ticket_no="T1", received_at="2026-03-02", category="施工管理", estate=dujuan)
    Complaint.create(ticket_no="T2", received_at="2026-04-02", category="物业", estate=meiling)
    return Dataset(list(estates), {p.code: p for p in (first, second, third)})
