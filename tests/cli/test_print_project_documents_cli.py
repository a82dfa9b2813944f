"""`desktop-app print project-progress|fund-progress` end to end: a real database file, real PDFs read back,
exit codes, the print history."""

from __future__ import annotations

from pypdf import PdfReader

from desktop_app.main import main
from desktop_app.models import open_database
from desktop_app.models.tables import PrintJob
from tests.home_dataset import build, small_roll


def pdf_text(path) -> tuple[str, int]:
    reader = PdfReader(str(path))
    return "".join("".join(page.extract_text().split()) for page in reader.pages), len(reader.pages)


def make_db(path):
    database = open_database(path)
    try:
        build(small_roll())
    finally:
        database.close()


def test_project_progress_and_fund_progress(tmp_path, capsys):
    db = tmp_path / "db.sqlite3"
    make_db(db)
    out = tmp_path / "out" / "progress.pdf"
    assert main(["--db", str(db), "print", "project-progress", "--scope", "S1", "--from-year", "2024",
                 "--to-year", "2025", "--as-of", "2026-06-30", "--out", str(out)]) == 0
    assert "2 个项目，共 1 页" in capsys.readouterr().out
    text, pages = pdf_text(out)
    assert pages == 1
    for part in ("东湖街道老旧小区改造项目进度表", "计划年度：2024—2025年度", "统计日期：2026年6月30日", "2024-001",
                 "2025-001", "逾期未开工"):
        assert part in text, part
    assert "2026-001" not in text
    funds = tmp_path / "funds.pdf"
    assert main(["--db", str(db), "print", "fund-progress", "--as-of", "2026-07-15", "-o", str(funds)]) == 0
    text, _pages = pdf_text(funds)
    assert "合计全部来源2,000,000.001,600,000.01700,000.0143.75%" in text  # the 2026-07-15 payment counts
    database = open_database(db)
    try:
        assert [job.template for job in PrintJob.select().order_by(PrintJob.id)] == ["project_progress", "fund_progress"]
    finally:
        database.close()


def test_bad_arguments_exit_2_and_write_nothing(tmp_path, capsys):
    db = tmp_path / "db.sqlite3"
    make_db(db)
    out = tmp_path / "x.pdf"
    for args, message in ((["--scope", "NOPE"], "没有编码为“NOPE”"), (["--as-of", "2026-13-01"], "统计日期"),
                          (["--from-year", "2026", "--to-year", "2024"], "计划年度起晚于"),
                          (["--from-year", "2030"], "没有改造项目")):
        assert main(["--db", str(db), "print", "project-progress", *args, "--out", str(out)]) == 2, args
        assert message in capsys.readouterr().err
        assert not out.exists()
