"""The three sheets of the district's 改造计划 (formats.md): their names, columns, synonyms and explanations.

Shared by `plan_reader` (headers recognised by synonyms, below title rows, as for the roll) and
`plan_writer` (the layout it writes is the one the reader takes without any mapping).
"""

from __future__ import annotations

from desktop_app.domain.projects import FUND_SOURCES
from desktop_app.exchange.roll_columns import RollColumn, build_synonyms

PROJECT_SHEET, ITEM_SHEET, FUND_SHEET = "项目", "改造内容", "资金"
SHEETS = (PROJECT_SHEET, ITEM_SHEET, FUND_SHEET)
LIST_HINT = "片区项目列出多个小区，用“、”分隔"

PROJECT_COLUMNS: tuple[RollColumn, ...] = (
    RollColumn("code", "项目编号", ("项目代码", "项目编码", "编号"), 16, "必填，文件中不能重复；再次导入时按它更新项目。"),
    RollColumn("name", "项目名称", ("项目", "名称"), 30, "必填。"),
    RollColumn("plan_year", "年度", ("计划年度", "改造年度", "年份"), 8, "必填，计划年度，如 2024。"),
    RollColumn("estate_code", "小区编码", ("小区代码", "小区编号"), 18,
               f"小区的编码；{LIST_HINT}。数据库中没有的小区按编码、名称和街道、社区新建。"),
    RollColumn("estate_name", "小区名称", ("小区名", "小区", "涉及小区"), 24,
               f"小区名称，与小区编码一一对应；{LIST_HINT}。小区编码为空时按名称识别。"),
    RollColumn("buildings", "楼栋数", ("栋数", "楼栋数量", "改造楼栋数"), 10,
               "可空。一个小区写一个数；片区项目可每个小区一个数（用“、”分隔），或只写一个合计数。"),
    RollColumn("households", "户数", ("改造户数", "住户数", "惠及户数"), 10, "可空。写法同楼栋数。"),
    RollColumn("planned_start", "计划开工", ("计划开工日期", "计划开工时间"), 12, "日期，如 2024-03-01。"),
    RollColumn("planned_end", "计划完工", ("计划完工日期", "计划完工时间", "计划竣工"), 12, "日期，不能早于计划开工。"),
    RollColumn("actual_start", "实际开工", ("实际开工日期", "实际开工时间"), 12,
               "可空；为空时保留程序中已登记的实际开工日期。"),
    RollColumn("actual_end", "实际完工", ("实际完工日期", "实际完工时间", "实际竣工"), 12,
               "可空（为空时保留程序中已登记的日期）；填写时须同时有实际开工，且不早于实际开工。"),
    RollColumn("contractor", "施工单位", ("施工方",), 24, "可空；为空时保留程序中已登记的施工单位。"),
    RollColumn("supervisor", "监理单位", ("监理方",), 24, "可空；为空时保留程序中已登记的监理单位。"),
    RollColumn("street", "街道", ("所属街道", "街道名称"), 12, "可空。数据库中没有的小区归入这个街道。"),
    RollColumn("community", "社区", ("所属社区", "社区名称", "居委会"), 12, "可空。数据库中没有的小区归入这个社区。"),
)
ITEM_COLUMNS: tuple[RollColumn, ...] = (
    RollColumn("code", "项目编号", ("项目代码", "项目编码", "编号"), 16, "必填，须是“项目”工作表中的项目。"),
    RollColumn("name", "改造内容", ("改造项目", "内容", "改造内容名称"), 28,
               "必填。改造内容目录中的名称，或自拟的内容（自拟的须填类别）。"),
    RollColumn("category", "类别", ("改造类别", "分类"), 10, "基础类 / 完善类 / 提升类；为空时按改造内容目录。"),
    RollColumn("quantity", "数量", ("工程量",), 10, "可空，数字。"),
    RollColumn("unit", "单位", ("计量单位",), 8, "可空，如 米、平方米、个。"),
    RollColumn("planned", "计划投资(元)", ("计划投资", "投资", "计划投资额", "投资额"), 16, "可空，单位元，精确到分。"),
)
FUND_COLUMNS: tuple[RollColumn, ...] = (
    RollColumn("code", "项目编号", ("项目代码", "项目编码", "编号"), 16, "必填，须是“项目”工作表中的项目。"),
    RollColumn("source", "资金来源", ("来源", "资金渠道"), 20,
               f"必填，{'、'.join(FUND_SOURCES)} 之一（也认 专项债、省级资金 等简称）；每个项目每个来源一行。"),
    RollColumn("planned", "计划(元)", ("计划", "计划金额", "计划资金"), 16, "可空，单位元，精确到分。"),
    RollColumn("allocated", "下达(元)", ("下达", "下达金额", "已下达", "已下达(元)"), 16, "可空，单位元，精确到分。"),
    RollColumn("paid", "已支付(元)", ("已支付", "支付", "已支付金额", "支付金额"), 16,
               "可空，单位元，精确到分；不能超过下达金额。"),
)
COLUMNS = {PROJECT_SHEET: PROJECT_COLUMNS, ITEM_SHEET: ITEM_COLUMNS, FUND_SHEET: FUND_COLUMNS}
REQUIRED = {PROJECT_SHEET: ("code", "name", "plan_year"), ITEM_SHEET: ("code", "name"), FUND_SHEET: ("code", "source")}
SYNONYMS = {sheet: build_synonyms(columns) for sheet, columns in COLUMNS.items()}
MONEY_FIELDS = {ITEM_SHEET: ("planned",), FUND_SHEET: ("planned", "allocated", "paid")}
DATE_FIELDS = ("planned_start", "planned_end", "actual_start", "actual_end")
