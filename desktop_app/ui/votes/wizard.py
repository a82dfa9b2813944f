"""新建表决: a wizard (scope → matter and rule → items → title and dates → summary) that creates a vote.

Every change re-checks the whole draft with `services.votes.create.draft_errors`; each error is shown next to
the field its key names (`UserError.field`; no key or an unknown one: the summary page), never chosen by
the words of its message. 下一步 stays disabled while the page's own fields are wrong and 完成 while
anything is. 完成 creates the vote (freezing the roll) through the task runner, then tells every page.
`initial_items` preselects items (issue 5 seeds a vote from a demand summary this way).
"""

from __future__ import annotations

from datetime import date
from typing import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget, QWizard

from desktop_app.domain.area import format_area
from desktop_app.domain.errors import UserError
from desktop_app.domain.headcount import build_scope_roll
from desktop_app.domain.vocabulary import ScopeLevel
from desktop_app.domain.vote_print_data import VoteItem
from desktop_app.services import catalogue, queries
from desktop_app.services.changes import Changes, Topic
from desktop_app.services.printing import default_issuer
from desktop_app.services.votes import lifecycle as votes
from desktop_app.services.scope import Scope
from desktop_app.ui.widgets.forms import error_label
from desktop_app.ui.pages.base import PageContext
from desktop_app.ui.votes.wizard_items import ItemsPage
from desktop_app.ui.votes.wizard_pages import DetailsPage, MatterPage, ScopePage, WizardPage, matter_text, rule_text

GENERAL = "general"


def route_errors(errors: Iterable[UserError], fields: Iterable[str]) -> dict[str, list[str]]:
    """The messages by the field that shows them: each error's own `field` when a page has it, else GENERAL."""
    known = set(fields)
    routed: dict[str, list[str]] = {}
    for error in errors:
        routed.setdefault(error.field if error.field in known else GENERAL, []).append(error.message)
    return routed


class SummaryPage(WizardPage):
    """What will be created: the scope, the rooms and heads frozen, the rule and the items."""

    def __init__(self, wizard: "VoteWizard") -> None:
        super().__init__(wizard, "第5步：确认", "点“完成”后创建表决并冻结名册；此后名册的修改不影响本次表决。")
        self.text = QLabel()
        self.text.setObjectName("summary")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.failure = error_label()
        self.failure.setObjectName("failure")
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch(1)
        layout.addWidget(self.message_label(GENERAL))
        layout.addWidget(self.failure)
        self.rooms = 0
        self.heads = 0
        self.area_centi = 0

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        self.count_roll()
        self.failure.clear()
        self.wiz.revalidate()

    def count_roll(self) -> None:
        """The rooms, heads and area the vote will freeze (heads as the head-count rule counts them)."""
        entries = [entry for scope in self.wiz.scope_page.scopes() for entry in queries.roll_entries(scope)]
        roll = build_scope_roll(entries) if entries else None
        self.rooms = len(entries)
        self.heads = roll.total_heads if roll else 0
        self.area_centi = roll.total_area_centi if roll else 0

    def show_errors(self, errors: dict[str, list[str]]) -> None:
        # 完成 waits for every message of every page, and this page lists them all.
        everything = [message for messages in errors.values() for message in messages]
        super().show_errors({GENERAL: everything})
        self.describe()

    def describe(self) -> None:
        wiz = self.wiz
        matter = wiz.matter_page
        rule = matter.effective_rule()
        reason = f"（调整原因：{matter.reason.text().strip()}）" if matter.rule() else ""
        items = "".join(f"<li>{item.name}{'（' + item.category + '）' if item.category else ''}</li>"
                        for item in wiz.items_page.items())
        details = wiz.details_page
        lines = [
            f"<b>{details.title_edit.text().strip() or '（未填写标题）'}</b>",
            f"范围：{wiz.scope_page.scope_text()}",
            f"将冻结名册：<b>{self.rooms:,}</b> 套房屋，专有面积 <b>{format_area(self.area_centi)}</b> ㎡，"
            f"业主 <b>{self.heads:,}</b> 人（一人多套计一人，建设单位未售房屋合计一人）",
            f"事项类别：{matter_text(matter.matter_number())}",
            f"表决规则：{rule_text(rule)}{reason}",
            f"表决期：{details.day(details.opens_on):%Y-%m-%d} 至 {details.day(details.closes_on):%Y-%m-%d}；"
            f"发起单位：{details.issuer.text().strip() or '（未填写）'}",
            "空白票：" + ("计入参与表决" if matter.blank.isChecked() else "不计入参与表决")
            + "；双人核对录入：" + ("是" if matter.double_entry.isChecked() else "否"),
            f"表决事项（{len(wiz.items_page.items())} 项，每项分别计票）：<ol>{items}</ol>",
        ]
        self.text.setText("<br>".join(lines))


class VoteWizard(QWizard):
    """`vote_id` holds the new vote once 完成 has created it."""

    def __init__(self, context: PageContext, initial_items: Iterable[VoteItem] = (),
                 parent: QWidget | None = None, today: date | None = None) -> None:
        """`today` (the first day offered) defaults to today on the workspace's clock."""
        super().__init__(parent)
        self.setWindowTitle("新建表决")
        self.setObjectName("vote_wizard")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        for button, text in ((QWizard.WizardButton.NextButton, "下一步 >"), (QWizard.WizardButton.BackButton, "< 上一步"),
                             (QWizard.WizardButton.FinishButton, "完成"), (QWizard.WizardButton.CancelButton, "取消")):
            self.setButtonText(button, text)
        self.context = context
        self.vote_id: int | None = None
        self.errors: dict[str, list[str]] = {}
        self.ready = False
        self.scope_page = ScopePage(self)
        self.matter_page = MatterPage(self, votes.blank_participates_default())
        self.items_page = ItemsPage(self, catalogue.catalogue(), initial_items)
        self.details_page = DetailsPage(self, today if today is not None else context.workspace.clock.today())
        self.summary_page = SummaryPage(self)
        self.pages: list[WizardPage] = [self.scope_page, self.matter_page, self.items_page, self.details_page,
                                        self.summary_page]
        for page in self.pages:
            self.addPage(page)
        self.ready = True
        self.estate_changed()
        self.resize(860, 620)

    # --- the draft and its checking
    def draft(self) -> votes.VoteDraft:
        matter, details = self.matter_page, self.details_page
        return votes.VoteDraft(
            title=details.title_edit.text().strip(), scopes=self.scope_page.scopes(), matter=matter.matter_number(),
            items=self.items_page.items(), opens_on=details.day(details.opens_on),
            closes_on=details.day(details.closes_on), rule=matter.rule(),
            rule_reason=matter.reason.text().strip() if matter.rule() else "",
            blank_participates=matter.blank.isChecked(), double_entry=matter.double_entry.isChecked(),
            issuer=details.issuer.text().strip(), note=details.note.text().strip())

    def revalidate(self) -> None:
        if not self.ready:
            return
        self.errors = route_errors(votes.draft_errors(self.draft()),
                                   (field for page in self.pages for field in page.messages))
        for page in self.pages:
            page.show_errors(self.errors)

    def messages(self) -> list[str]:
        return [message for messages in self.errors.values() for message in messages]

    def estate_changed(self) -> None:
        estate_id = self.scope_page.estate_id
        issuer = default_issuer(Scope(ScopeLevel.ESTATE, estate_id)) if estate_id is not None else ""
        self.details_page.set_defaults(self.scope_page.estate_name if estate_id is not None else "", issuer)
        self.revalidate()

    # --- creating
    def accept(self) -> None:
        if self.vote_id is not None:
            super().accept()
            return
        self.revalidate()
        if self.errors:
            return
        draft = self.draft()
        finish = self.button(QWizard.WizardButton.FinishButton)
        finish.setEnabled(False)

        def failed(error: BaseException) -> None:
            finish.setEnabled(True)
            if not isinstance(error, votes.VoteError):
                raise error
            self.summary_page.failure.setText(f"未能创建表决：{error}")

        def cancelled() -> None:
            finish.setEnabled(True)
            self.summary_page.failure.setText("已取消，没有创建表决。")

        self.context.runner.run("正在创建表决并冻结名册……", lambda progress: votes.create_vote(draft, progress),
                                self._created, parent=self, write=True, on_error=failed, on_cancel=cancelled)

    def _created(self, vote_id: int) -> None:
        self.vote_id = vote_id
        self.context.changes.emit(Changes.of(Topic.VOTES, ids=(vote_id,)))
        QDialog.accept(self)
