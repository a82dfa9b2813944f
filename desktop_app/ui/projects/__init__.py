"""The 项目与资金 page and its dialogs (issue 10)."""
