"""数据交换: the district report and merging reports, sync files between two installations (export, import with
a preview and the conflicts side by side, the history of exchanges), and the roll and plan workbooks."""

from desktop_app.ui.data_exchange.page import DataExchangePage

__all__ = ["DataExchangePage"]
