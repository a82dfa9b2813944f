"""The sheets and columns of the district report workbook, shared by its writer and its reader.

Fact sheets (read back by a merge): 小区, 项目, 项目小区, 改造内容, 资金, 表决, 征求意见, 投诉. Columns marked
derived are written for the reader's eyes (a state, a progress ratio) and ignored when read: the merge
recomputes them. 汇总 is computed from the facts and never read. 说明 holds the report's own data
(`META_*` labels in its first column) and what every figure means.

Extension point: the sheets of 业委会 and 加装电梯 are written only when those capabilities have records;
the capabilities do not exist yet, so there are none. When one lands, add its facts to
`domain.district_report.Report`, a sheet here (`FACT_SHEETS`), in the writer and in the reader, and raise
`FORMAT_VERSION` (a report of the old version is then refused by name, never half-read).
"""

from __future__ import annotations

from desktop_app.domain.complaints import CATEGORIES as COMPLAINT_CATEGORIES
from desktop_app.domain.opinions import KINDS

SUMMARY, ESTATES, PROJECTS, COVERS, ITEMS, FUNDS, VOTES, CONSULT, COMPLAINTS, NOTES = (
    "汇总", "小区", "项目", "项目小区", "改造内容", "资金", "表决", "征求意见", "投诉", "说明")
FACT_SHEETS = (ESTATES, PROJECTS, COVERS, ITEMS, FUNDS, VOTES, CONSULT, COMPLAINTS)
SHEETS = (SUMMARY, *FACT_SHEETS, NOTES)

META_KIND, META_VERSION, META_MADE_AT, META_OPERATOR = "报表类型", "格式版本", "制表时间", "制表人"
META_INSTALLATION_ID, META_INSTALLATION_NAME, META_SCOPE = "安装标识", "安装名称", "统计范围"
META_FIRST_YEAR, META_LAST_YEAR, META_AS_OF, META_INPUT = "起始年度", "截止年度", "统计日期", "合并自"

STAMP = ["来源制表时间", "来源安装标识"]
ESTATE_COLUMNS = ["街道标识", "街道编码", "街道名称", "社区标识", "社区编码", "社区名称", "小区标识", "小区编码", "小区名称",
                  "名册楼栋数", "名册户数", *STAMP]
PROJECT_COLUMNS = ["项目编号", "项目名称", "年度", "涵盖小区", "计划开工", "计划完工", "实际开工", "实际完工", "竣工验收",
                   "状态", "标记", "片区申报楼栋数", "片区申报户数", "改造内容项数", "计划投资(元)", "资金计划(元)",
                   "资金下达(元)", "资金已支付(元)", "资金支付进度", *STAMP]
PROJECT_DERIVED = {"涵盖小区", "状态", "标记", "改造内容项数", "计划投资(元)", "资金计划(元)", "资金下达(元)", "资金已支付(元)",
                   "资金支付进度"}
COVER_COLUMNS = ["项目编号", "小区标识", "小区编码", "小区名称", "申报楼栋数", "申报户数"]
ITEM_COLUMNS = ["项目编号", "改造内容", "类别", "计划投资(元)"]
FUND_COLUMNS = ["项目编号", "资金来源", "计划(元)", "下达(元)", "已支付(元)", "支付进度"]
VOTE_COLUMNS = ["小区标识", "小区名称", "表决序号", "表决名称", "表决事项", "表决规则", "截止日期", "总面积(㎡)", "总人数",
                "事项", "参与面积(㎡)", "参与人数", "同意面积(㎡)", "同意人数", "反对面积(㎡)", "反对人数", "弃权面积(㎡)",
                "弃权人数", "达到参与门槛", "结果", "参与面积比例", "参与人数比例", "同意面积占参与比例", "同意人数占参与比例"]
PLACE_COLUMNS = ["层级", "标识", "编码", "名称", "上级标识"]
CONSULT_COLUMNS = [*PLACE_COLUMNS, *(f"{kind}次数" for kind in KINDS), "活动合计", "房屋数", "提出意见户数", "覆盖率",
                   *STAMP]
COMPLAINT_COLUMNS = [*PLACE_COLUMNS, *(f"投诉·{c}" for c in COMPLAINT_CATEGORIES), "投诉合计", "施工质量类",
                     "逾期未办结", "超期办结", "已办结", "办结天数合计", "平均办结天数", *STAMP]
COLUMNS = {ESTATES: ESTATE_COLUMNS, PROJECTS: PROJECT_COLUMNS, COVERS: COVER_COLUMNS, ITEMS: ITEM_COLUMNS,
           FUNDS: FUND_COLUMNS, VOTES: VOTE_COLUMNS, CONSULT: CONSULT_COLUMNS, COMPLAINTS: COMPLAINT_COLUMNS}
YES, NO = "是", "否"
PATH_SEPARATOR = "|"  # between the keys in 上级标识 (street|community)
