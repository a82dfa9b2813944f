"""Benchmark: 5,000 one-page 入户走访登记表 in one batch, against bare reportlab drawing the same content.

Both write one PDF with the same embedded TrueType font, the same strings at the same places and the
same grid; "bare" is straight canvas calls with no glyph check, no per-character font fallback and no
cancel/progress. Run: `.venv/bin/python bench/bench_print_batch.py [--forms N] [--rounds R]`.
Prints both times, the ratio (target <= 1.2) and the file sizes.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from desktop_app.documents.fonts import load_fonts  # noqa: E402
from desktop_app.documents.layout import (  # noqa: E402
    BLOCK_WIDTH, BOTTOM_MARGIN, LEFT_MARGIN, PAGE_HEIGHT, PAGE_NUMBER_GAP, PAGE_NUMBER_SIZE, PAGE_WIDTH,
    SMALL_SIZE, TABLE_SIZE, TITLE_SIZE, TOP_MARGIN,
)
from desktop_app.documents.visit_form import (  # noqa: E402
    FOOTNOTE, LABEL_WIDTH, OPINION_LINES, PAD, RELATIONS, ROW_HEIGHT, TITLE, VALUE_WIDTH, WISHES,
    area_text, demand_lines, owners_text, people_text, phone_text, render_visit_forms,
)
from desktop_app.domain.print_data import RollRow, VisitForm  # noqa: E402

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂"


def make_forms(count: int) -> list[VisitForm]:
    forms = []
    for n in range(count):
        building, rest = divmod(n, 48)
        unit, index = divmod(rest, 24)
        floor, door = divmod(index, 4)
        name = SURNAMES[n % 20] + GIVEN[n % 23] + (GIVEN[n * 7 % 23] if n % 3 else "")
        home = RollRow(building=str(building + 1), unit=str(unit + 1), room=f"{floor + 1}0{door + 1}",
                       area_centi=6000 + n % 5000, owner_names=(name,), phone=f"1{3 + n % 7}{n:09d}"[:11])
        forms.append(VisitForm(estate_name="幸福里小区", home=home, residents=1 + n % 5, elderly=n % 3,
                               community="幸福里社区", serial=str(n + 1)))
    return forms


def bare(forms: list[VisitForm], path: str, font: str, heading: str, title_font: str) -> None:
    """The same sheets with plain canvas calls: what reportlab alone costs."""
    c = Canvas(path, initialFontName=font, initialFontSize=TITLE_SIZE)
    x0, top = LEFT_MARGIN, PAGE_HEIGHT - TOP_MARGIN
    offset = TABLE_SIZE * 0.35

    def label(x, y, width, height, text):
        c.setFont(heading, TABLE_SIZE)
        c.drawCentredString(x + width / 2, y + height / 2 - offset, text)

    def value(x, y, height, text):
        c.setFont(font, TABLE_SIZE)
        c.drawString(x + PAD, y + height / 2 - offset, text)

    def pair(y, cells, height=ROW_HEIGHT):
        y -= height
        x = x0
        for index, text in enumerate(cells):
            width = LABEL_WIDTH if index % 2 == 0 else VALUE_WIDTH
            c.rect(x, y, width, height)
            if index % 2 == 0:
                label(x, y, width, height, text)
            elif text:
                value(x, y, height, text)
            x += width
        return y

    def wide(y, name, lines, height, ruled=0):
        y -= height
        c.rect(x0, y, LABEL_WIDTH, height)
        c.rect(x0 + LABEL_WIDTH, y, BLOCK_WIDTH - LABEL_WIDTH, height)
        label(x0, y, LABEL_WIDTH, height, name)
        step = height / max(1, len(lines) or ruled)
        c.setFont(font, TABLE_SIZE)
        for number, line in enumerate(lines):
            c.drawString(x0 + LABEL_WIDTH + PAD, y + height - step * (number + 0.5) - offset, line)
        if ruled:
            c.setDash(1, 2)
            for number in range(1, ruled):
                c.line(x0 + LABEL_WIDTH + PAD, y + height - step * number, x0 + BLOCK_WIDTH - PAD,
                       y + height - step * number)
            c.setDash()
        return y

    for page, form in enumerate(forms, 1):
        c.setLineWidth(0.8)
        c.setFont(title_font, TITLE_SIZE)
        c.drawCentredString(x0 + BLOCK_WIDTH / 2, top - TITLE_SIZE, TITLE)
        y = top - TITLE_SIZE - 14 * mm
        c.setFont(font, TABLE_SIZE)
        c.drawString(x0, y, f"社区：{form.community}")
        c.drawRightString(x0 + BLOCK_WIDTH, y, f"编号：{form.serial}")
        y -= 4 * mm
        y = pair(y, ("小区", form.estate_name, "房屋", form.home.label))
        y = pair(y, ("业主", owners_text(form), "联系电话", phone_text(form)))
        y = pair(y, ("专有面积", area_text(form), "常住人口", people_text(form)))
        y = pair(y, ("走访日期", "　　　　年　　月　　日", "走访人", ""))
        y = pair(y, ("受访人", "", "与业主关系", RELATIONS))
        y = wide(y, "改造意愿", [WISHES], ROW_HEIGHT)
        demands = demand_lines(form.demands)
        y = wide(y, "改造需求", demands, max(ROW_HEIGHT, len(demands) * 9 * mm))
        y = wide(y, "意见建议", [], OPINION_LINES * 9 * mm, ruled=OPINION_LINES)
        y = pair(y, ("受访人签字", "", "走访人签字", ""), 16 * mm)
        c.setFont(font, SMALL_SIZE)
        c.drawString(x0, y - 7 * mm, FOOTNOTE)
        c.setFont(font, PAGE_NUMBER_SIZE)
        c.drawCentredString(PAGE_WIDTH / 2, BOTTOM_MARGIN - PAGE_NUMBER_GAP - PAGE_NUMBER_SIZE * 0.8, f"— {page} —")
        c.showPage()
    c.save()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    fonts = load_fonts()
    forms = make_forms(args.forms)
    assert stringWidth("中", fonts.role_font["body"], 12) > 0
    load = os.getloadavg()[0]
    folder = Path(tempfile.mkdtemp(prefix="bench-print-"))
    ours_path, bare_path = folder / "ours.pdf", folder / "bare.pdf"
    ours_wall, bare_wall, ours_cpu, bare_cpu = [], [], [], []
    for _ in range(args.rounds):  # alternate, so both see the same machine state
        wall, cpu = time.perf_counter(), time.process_time()
        pages = render_visit_forms(forms, ours_path, fonts)
        ours_wall.append(time.perf_counter() - wall)
        ours_cpu.append(time.process_time() - cpu)
        wall, cpu = time.perf_counter(), time.process_time()
        bare(forms, str(bare_path), fonts.role_font["body"], fonts.role_font["heading"], fonts.role_font["title"])
        bare_wall.append(time.perf_counter() - wall)
        bare_cpu.append(time.process_time() - cpu)
    print(f"forms: {args.forms} one-page 入户走访登记表 in one PDF ({pages} pages), rounds: {args.rounds}, "
          f"best of each; load average before: {load:.1f}")
    for name, walls, cpus, path in (("ours (documents.visit_form.render_visit_forms)", ours_wall, ours_cpu, ours_path),
                                    ("bare reportlab canvas, same font and content ", bare_wall, bare_cpu, bare_path)):
        print(f"{name}: wall {min(walls):.2f} s, cpu {min(cpus):.2f} s  ({args.forms / min(walls):,.0f} pages/s)  "
              f"{os.path.getsize(path) / 1e6:.1f} MB")
    print(f"ratio ours / bare: wall {min(ours_wall) / min(bare_wall):.2f}x, cpu {min(ours_cpu) / min(bare_cpu):.2f}x "
          "(target <= 1.2x)")
    for path in (ours_path, bare_path):
        path.unlink()
    folder.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
