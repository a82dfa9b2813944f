"""A small roll for the project tests: 东湖街道 › 杜鹃社区 (杜鹃新村, 梅岭小区) and 西湖街道 › 荷花社区 (荷花苑)."""

from __future__ import annotations

from desktop_app.models import Community, Estate, Street
from desktop_app.services.changes import Topic
from desktop_app.services.projects import records


def small_roll() -> dict[str, int]:
    east = Street.create(name="东湖街道")
    west = Street.create(name="西湖街道")
    dujuan = Community.create(street=east, name="杜鹃社区")
    hehua = Community.create(street=west, name="荷花社区")
    estates = {
        "杜鹃新村": Estate.create(community=dujuan, name="杜鹃新村", code="A", pinyin="dujuanxincun"),
        "梅岭小区": Estate.create(community=dujuan, name="梅岭小区", code="B", pinyin="meilingxiaoqu"),
        "荷花苑": Estate.create(community=hehua, name="荷花苑", code="C", pinyin="hehuayuan"),
    }
    return {name: estate.id for name, estate in estates.items()}


def new_project(estate_ids, code: str = "XM-2025-001", name: str = "杜鹃新村老旧小区改造", year: int | str = 2025,
                **dates) -> int:
    changes = records.create_project(records.ProjectDraft(code=code, name=name, plan_year=year,
                                                          estate_ids=tuple(estate_ids), **dates))
    (project_id,) = changes.ids(Topic.PROJECTS)
    return int(project_id)
