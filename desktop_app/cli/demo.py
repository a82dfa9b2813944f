"""`desktop-app demo`: write the demo street (东湖街道) and print what the database now holds.

The services are imported when the command runs, so that building the parser (which every start of
the window does) costs nothing.
"""

from __future__ import annotations

import argparse

from desktop_app.cli.common import open_db_or_exit


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "demo", help="写入示例数据（东湖街道：2个社区、6个小区、约1500户）",
        description="写入一个示例街道：2个社区、6个小区、约1500户房屋及其业主和居民，"
                    "用于熟悉软件。数据每次相同，重复运行不会重复写入。",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from desktop_app.domain.area import format_area
    from desktop_app.services.demo import STREET, create_demo, demo_scope
    from desktop_app.services.queries import children, scope_counts

    workspace = open_db_or_exit(args)
    try:
        summary = create_demo(today=workspace.clock.today())
        scope = demo_scope()
        assert scope is not None, "create_demo writes the demo street"
        counts = scope_counts(scope, today=workspace.clock.today())
        communities = len(children(scope))
    finally:
        workspace.close()
    if summary.imported:
        print(f"已写入示例数据：新增 {summary.imported} 户，未变化 {summary.unchanged} 户。")
    else:
        print(f"示例数据已存在，本次没有重复写入（{summary.unchanged} 户均未变化）。")
    print(f"{STREET[0]}：{communities} 个社区，{counts.estates} 个小区，{counts.buildings} 栋楼，{counts.units} 个单元，"
          f"{counts.rooms} 户，专有面积合计 {format_area(counts.area_centi)} ㎡，"
          f"业主 {counts.owner_heads} 人（按表决人数计）。")
    print(f"居民 {counts.residents} 人，其中 60 岁及以上 {counts.elderly} 人，残疾人 {counts.disabled} 人。")
    return 0
