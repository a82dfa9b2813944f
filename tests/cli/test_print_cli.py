"""`desktop-app print notice|roll` end to end: real database file, real PDFs read back, exit codes."""

from __future__ import annotations

import re
import shutil
from datetime import date

import pytest
from pypdf import PdfReader

from desktop_app.cli.print_run import notice_kind
from desktop_app.main import main
from desktop_app.models import Estate, Room, open_database
from desktop_app.models.tables import PrintJob

FULL_ID = re.compile(r"\d{17}[\dX]")


def pdf_text(path) -> tuple[str, int]:
    reader = PdfReader(str(path))
    return "".join("".join(page.extract_text().split()) for page in reader.pages), len(reader.pages)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    assert main(["--db", str(path), "demo"]) == 0
    open_database(path).close()
    return path


@pytest.fixture
def demo_db(demo_file, tmp_path):
    path = tmp_path / "copy.sqlite3"
    shutil.copy(demo_file, path)
    return path


def history(path) -> list[PrintJob]:
    database = open_database(path)
    try:
        return list(PrintJob.select().order_by(PrintJob.id))
    finally:
        database.close()


def test_print_notice(tmp_path, capsys):
    body = tmp_path / "body.txt"
    body.write_text("各位业主、居民：\n\n为改善居住环境，本小区将实施屋面防水改造。\n施工期间请注意安全。\n", encoding="utf-8")
    out = tmp_path / "out" / "notice.pdf"
    db = tmp_path / "db.sqlite3"
    code = main(["--db", str(db), "print", "notice", "--title", "关于屋面防水施工的通知", "--body-file", str(body),
                 "--issuer", "幸福里社区居民委员会", "--date", "2024-05-23", "-o", str(out)])
    assert code == 0
    assert "已生成通知" in capsys.readouterr().out
    text, pages = pdf_text(out)
    assert pages == 1
    for part in ("关于屋面防水施工的通知", "各位业主、居民：", "为改善居住环境，本小区将实施屋面防水改造。",
                 "施工期间请注意安全。", "幸福里社区居民委员会", "2024年5月23日"):
        assert part in text
    assert "公示期" not in text
    [job] = history(db)
    assert (job.template, job.title, job.page_count, job.file_path) == ("notice", "关于屋面防水施工的通知", 1,
                                                                        str(out.resolve()))


def test_print_notice_with_a_period_end_is_a_publicity_and_reads_gbk(tmp_path):
    body = tmp_path / "body.txt"
    body.write_bytes("经征求意见，改造方案如下。".encode("gbk"))
    out = tmp_path / "notice.pdf"
    db = tmp_path / "db.sqlite3"
    assert main(["--db", str(db), "print", "notice", "--title", "关于改造方案的公示", "--body-file", str(body),
                 "--date", "2024-05-23", "--period-end", "2024-06-05", "-o", str(out)]) == 0
    text, _ = pdf_text(out)
    assert "公示期：2024年5月23日至2024年6月5日" in text and "经征求意见，改造方案如下。" in text
    [job] = history(db)
    assert (job.period_start, job.period_end) == ("2024-05-23", "2024-06-05")


@pytest.mark.parametrize("extra,code,message", [
    (["--date", "2024-02-30"], 2, "成文日期：日期“2024-02-30”不存在"),
    (["--date", "2024-05-23", "--period-end", "2024-05-01"], 2, "早于成文日期"),
    (["--title", "关于𠮷祥的通知"], 2, "“𠮷”"),
])
def test_print_notice_refuses_bad_input_and_writes_nothing(tmp_path, capsys, extra, code, message):
    body = tmp_path / "body.txt"
    body.write_text("正文。", encoding="utf-8")
    out = tmp_path / "notice.pdf"
    args = ["--db", str(tmp_path / "db.sqlite3"), "print", "notice", "--title", "通知", "--body-file", str(body),
            "-o", str(out)]
    assert main(args + extra) == code
    assert message in capsys.readouterr().err
    assert not out.exists() and not (tmp_path / "notice.pdf.part").exists()


def test_print_notice_with_a_missing_body_file_exits_1(tmp_path, capsys):
    code = main(["--db", str(tmp_path / "db.sqlite3"), "print", "notice", "--title", "通知",
                 "--body-file", str(tmp_path / "none.txt"), "-o", str(tmp_path / "n.pdf")])
    assert code == 1
    assert "无法读取正文文件" in capsys.readouterr().err


def test_print_roll_of_an_estate_and_of_one_building(demo_db, tmp_path, capsys):
    database = open_database(demo_db)
    estate = Estate.select().order_by(Estate.id).first()
    rooms = Room.select().count()
    database.close()
    out = tmp_path / "roll.pdf"
    assert main(["--db", str(demo_db), "print", "roll", "--estate", estate.code, "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    text, pages = pdf_text(out)
    assert f"{estate.name}业主名册" in text
    assert pages > 1 and not FULL_ID.search(text)
    households = int(re.search(r"(\d+) 户", printed).group(1))
    assert 0 < households <= rooms
    assert f"共{households}户" in text

    one = tmp_path / "one.pdf"
    assert main(["--db", str(demo_db), "print", "roll", "--estate", estate.name, "--building", "1号楼",
                 "-o", str(one)]) == 0
    text, _ = pdf_text(one)
    assert f"{estate.name}1号楼业主名册" in text and not FULL_ID.search(text)
    assert [job.template for job in history(demo_db)] == ["roll", "roll"]


def test_print_roll_of_an_unknown_estate_exits_2(demo_db, tmp_path, capsys):
    out = tmp_path / "roll.pdf"
    assert main(["--db", str(demo_db), "print", "roll", "--estate", "nope", "-o", str(out)]) == 2
    assert "找不到小区“nope”" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("title,period_end,kind", [
    ("关于召开业主大会的公告", None, "公告"),
    ("关于屋面防水施工的通知", None, "通知"),
    ("关于停水的温馨提示", None, "通知"),
    ("关于改造方案", date(2024, 6, 5), "公示"),
])
def test_the_kind_follows_the_title_or_the_posting_period(title, period_end, kind):
    assert notice_kind(title, period_end) == kind
