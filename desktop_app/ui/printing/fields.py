"""The fields of each template in the 打印中心, validated as you type; each builds a PrintRequest."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QWidget,
)

from desktop_app.domain.dates_text import date_text, period_text
from desktop_app.domain.day_count import Deadline
from desktop_app.services.calendar import count
from desktop_app.domain.print_data import Notice
from desktop_app.domain.vocabulary import ScopeLevel
from desktop_app.operations.printing import PrintRequest
from desktop_app.services.scope import Scope

DEFAULT_SALUTATION = "各位业主、居民："
DEFAULT_PERIOD_DAYS = 14


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(today: date) -> QDateEdit:
    edit = QDateEdit(QDate(today.year, today.month, today.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy年M月d日")
    return edit


class TemplateFields(QWidget):
    """Base: `changed` fires on every edit; `problem()` says what is missing, in Chinese, or ""."""

    changed = Signal()

    def problem(self, scope: Scope) -> str:
        return ""

    def request(self, scope: Scope) -> PrintRequest:
        raise NotImplementedError

    def set_issuer(self, issuer: str) -> None:
        """Fill the issuer from the scope unless the user typed one."""
        edit: QLineEdit = self.issuer  # type: ignore[attr-defined]
        if not edit.isModified():
            edit.setText(issuer)


class NoticeFields(TemplateFields):
    def __init__(self, kind: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        layout = QFormLayout(self)
        self.title = QLineEdit()
        self.title.setPlaceholderText(f"如：关于幸福里小区老旧小区改造方案的{kind}")
        self.salutation = QLineEdit(DEFAULT_SALUTATION)
        self.body = QPlainTextEdit()
        self.body.setPlaceholderText("正文，每段一行（回车分段），段首不必空格")
        self.issuer = QLineEdit()
        self.issuer.setPlaceholderText("如：幸福里社区居民委员会")
        self.issued_on = date_edit(today)
        layout.addRow("标题", self.title)
        layout.addRow("称呼", self.salutation)
        layout.addRow("正文", self.body)
        layout.addRow("落款单位", self.issuer)
        layout.addRow("成文日期", self.issued_on)
        self.days = QSpinBox()
        self.days.setRange(1, 90)
        self.days.setValue(DEFAULT_PERIOD_DAYS)
        self.days.setSuffix(" 天")
        self.period_label = QLabel()
        if kind == "公示":
            layout.addRow("公示天数", self.days)
            layout.addRow("", self.period_label)
        for signal in (self.title.textChanged, self.salutation.textChanged, self.body.textChanged,
                       self.issuer.textChanged, self.issued_on.dateChanged, self.days.valueChanged):
            signal.connect(self._edited)
        self._edited()

    def _edited(self, *_args: object) -> None:
        start, end = self.period()
        note = self.period_deadline(start).note if start else ""
        self.period_label.setText((period_text(start, end) + "（按日计算）" + (f"；{note}" if note else ""))
                                  if start and end else "")
        self.changed.emit()

    def period(self) -> tuple[date | None, date | None]:
        if self.kind != "公示":
            return None, None
        start = to_date(self.issued_on.date())
        return start, self.period_deadline(start).end

    def period_deadline(self, start: date) -> Deadline:
        """The 公示期 as domain.md §8 counts it: from the day after posting, in calendar days, an end on a holiday or
        rest day moved to the next working day (the holiday table of 设置)."""
        return count(start, self.days.value(), working=False)

    def paragraphs(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.body.toPlainText().splitlines() if line.strip())

    def problem(self, scope: Scope) -> str:
        if not self.title.text().strip():
            return "请填写标题。"
        if not self.paragraphs():
            return "请填写正文。"
        if not self.issuer.text().strip():
            return "请填写落款单位（如“幸福里社区居民委员会”）。"
        return ""

    def request(self, scope: Scope) -> PrintRequest:
        start, end = self.period()
        notice = Notice(kind=self.kind, title=self.title.text().strip(), paragraphs=self.paragraphs(),
                        issuer=self.issuer.text().strip(), issued_on=to_date(self.issued_on.date()),
                        salutation=self.salutation.text().strip(), period_start=start, period_end=end)
        return PrintRequest("notice", scope, notice=notice)


class RollFields(TemplateFields):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QFormLayout(self)
        self.signature = QCheckBox("加“业主签字”栏（入户征求意见时请业主签字）")
        self.issuer = QLineEdit()
        self.issued_on = date_edit(today)
        layout.addRow("", self.signature)
        layout.addRow("制表单位", self.issuer)
        layout.addRow("制表日期", self.issued_on)
        layout.addRow("", QLabel("姓名、证件号码和联系电话按规定隐去部分内容。"))
        self.signature.toggled.connect(lambda _on: self.changed.emit())
        self.issuer.textChanged.connect(lambda _text: self.changed.emit())
        self.issued_on.dateChanged.connect(lambda _d: self.changed.emit())

    def problem(self, scope: Scope) -> str:
        if not scope.level.within_estate:
            return "业主名册按小区、楼栋或单元打印，请先在上方范围中选择一个小区、楼栋或单元。"
        return ""

    def request(self, scope: Scope) -> PrintRequest:
        return PrintRequest("roll", scope, signature_column=self.signature.isChecked(),
                            issuer=self.issuer.text().strip(), issued_on=to_date(self.issued_on.date()))


class VisitFormFields(TemplateFields):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QFormLayout(self)
        self.issuer = QLineEdit()  # not printed; keeps set_issuer uniform
        self.count_label = QLabel()
        layout.addRow("", self.count_label)
        layout.addRow("", QLabel("每户一页，已填好小区、房号、业主、面积和常住人口；联系电话隐去中间四位。"))

    def set_count(self, rooms: int) -> None:
        self.count_label.setText(f"将为所选范围内的 {rooms} 户各生成一页入户走访登记表。")

    def problem(self, scope: Scope) -> str:
        if scope.level is ScopeLevel.ALL:
            return "请先在上方范围中选择一个社区、小区、楼栋或单元。"
        return ""

    def request(self, scope: Scope) -> PrintRequest:
        return PrintRequest("visit_form", scope)


PROJECT_DOCUMENTS = {"project_progress": "项目进度表", "fund_progress": "资金支付进度表"}
FIRST_YEAR = 2000


class ProjectDocumentFields(TemplateFields):
    """项目进度表 / 资金支付进度表: the plan years (default all) and the 统计日期 (default today)."""

    def __init__(self, template: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template = template
        layout = QFormLayout(self)
        self.issuer = QLineEdit()  # not printed; keeps set_issuer uniform
        self.first_year = self._years(today)
        self.last_year = self._years(today)
        self.as_of = date_edit(today)
        years = QHBoxLayout()
        years.addWidget(self.first_year)
        years.addWidget(QLabel("至"))
        years.addWidget(self.last_year)
        layout.addRow("计划年度", years)
        layout.addRow("统计日期", self.as_of)
        what = ("每个项目一行：计划与实际开工、完工日期，统计日期的状态和“逾期未开工”“未按期完工”标记。"
                if template == "project_progress" else
                "按项目和资金来源列出计划、下达、已支付金额和支付进度，并按资金来源和全部来源合计。")
        note = QLabel(what + "A4 横向。")
        note.setWordWrap(True)
        layout.addRow("", note)
        for signal in (self.first_year.currentIndexChanged, self.last_year.currentIndexChanged,
                       self.as_of.dateChanged):
            signal.connect(lambda *_args: self.changed.emit())

    @staticmethod
    def _years(today: date) -> QComboBox:
        box = QComboBox()
        box.addItem("全部", None)
        for year in range(today.year + 2, FIRST_YEAR - 1, -1):
            box.addItem(f"{year}年", year)
        return box

    def years(self) -> tuple[int | None, int | None]:
        return self.first_year.currentData(), self.last_year.currentData()

    def problem(self, scope: Scope) -> str:
        first, last = self.years()
        if first is not None and last is not None and first > last:
            return "计划年度的起始年份晚于结束年份。"
        return ""

    def request(self, scope: Scope) -> PrintRequest:
        return PrintRequest(self.template, scope, years=self.years(), as_of=to_date(self.as_of.date()))


def describe(request: PrintRequest) -> str:
    """One line for the status label: what will be produced."""
    if request.notice is not None:
        return f"{request.notice.kind}：{request.notice.title}（{date_text(request.notice.issued_on)}）"
    return {"roll": "楼栋业主名册", "visit_form": "入户走访登记表", **PROJECT_DOCUMENTS}.get(request.template,
                                                                                 request.template)
