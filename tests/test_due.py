"""Working days from the official holiday schedule, and `zwgk due` on real items."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import ROOT
from zwgk_cli.check.due import due_dates
from zwgk_cli.cli.app import app
from zwgk_cli.core.workdays import (
    UncoveredYear,
    add_workdays,
    covered_years,
    holiday_names,
    is_workday,
    last_workday,
)

runner = CliRunner()
SHIPPED = ROOT / "catalogues"


@pytest.mark.parametrize(
    ("start", "days", "end", "note"),
    [
        # 2020: 国庆 and 中秋 share the 1–8 October break; Sunday 27 September and Saturday 10 October are worked
        (date(2020, 9, 28), 20, date(2020, 11, 2), "扣除国庆、中秋假期"),
        (date(2020, 9, 28), 10, date(2020, 10, 19), "扣除国庆、中秋假期"),
        (date(2020, 9, 25), 1, date(2020, 9, 27), ""),
        (date(2020, 9, 30), 2, date(2020, 10, 10), "扣除国庆、中秋假期"),
        # 2021: 春节 11–17 February, Sunday 7 and Saturday 20 February worked
        (date(2021, 2, 1), 20, date(2021, 3, 4), "扣除春节假期"),
        (date(2021, 2, 1), 7, date(2021, 2, 9), ""),
        (date(2021, 2, 10), 1, date(2021, 2, 18), "扣除春节假期"),
        # 2021: 劳动节 1–5 May, Sunday 25 April and Saturday 8 May worked
        (date(2021, 4, 23), 5, date(2021, 4, 29), ""),
        (date(2021, 4, 30), 1, date(2021, 5, 6), "扣除劳动节假期"),
    ],
)
def test_working_days_follow_the_holiday_schedule(start: date, days: int, end: date, note: str) -> None:
    count = add_workdays(start, days)
    assert count.end == end
    assert count.holiday_note() == note


def test_holidays_are_named_as_documents_name_them() -> None:
    assert holiday_names(date(2020, 10, 1)) == ("国庆节", "中秋节")
    # 29 September – 6 October 2023 was one break
    assert holiday_names(date(2023, 10, 3)) == ("国庆节", "中秋节")
    assert holiday_names(date(2021, 10, 3)) == (
        "国庆节",
    )  # 2021's 中秋 (21 September) was a break of its own
    assert holiday_names(date(2021, 2, 12)) == ("春节",)
    assert holiday_names(date(2021, 2, 9)) == ()


def test_a_year_without_holiday_data_is_refused_not_guessed() -> None:
    beyond = covered_years().stop
    with pytest.raises(UncoveredYear):
        is_workday(date(beyond, 3, 2))
    with pytest.raises(UncoveredYear):
        add_workdays(date(beyond - 1, 12, 20), 30)


def test_last_working_day_of_a_period() -> None:
    assert last_workday(date(2021, 1, 1), date(2021, 1, 31)) == date(2021, 1, 29)  # the 31st is a Sunday
    assert last_workday(date(2021, 7, 1), date(2021, 9, 30)) == date(2021, 9, 30)
    assert last_workday(date(2020, 10, 1), date(2020, 10, 8)) == date(2020, 10, 8)  # none: the period's end


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=date(2005, 1, 1), max_value=date(2025, 6, 30)), st.integers(min_value=1, max_value=45)
)
def test_the_nth_working_day_after_a_day(start: date, days: int) -> None:
    end = add_workdays(start, days).end
    assert is_workday(end)
    between = [start + timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(1 for day in between if is_workday(day)) == days


def test_calendar_days_ending_on_a_holiday_move_to_the_next_working_day() -> None:
    (due,) = due_dates("收到申请之日起15日内", date(2020, 9, 20))
    assert (due.end, due.moved_from) == (date(2020, 10, 9), date(2020, 10, 5))
    (due,) = due_dates("1个月内", date(2021, 1, 31))
    assert (due.end, due.moved_from) == (date(2021, 3, 1), date(2021, 2, 28))


def test_due_on_a_shipped_item() -> None:
    result = runner.invoke(app, ["due", "shjz-011", "--from", "2020-09-28", "--dir", str(SHIPPED)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "shjz-011 社会救助 · 最低生活保障 · 审核信息",
        "公开时限：制定或获取信息之日起10个工作日内，公示7个工作日",
        "自 2020年9月28日 起算（当日不计入）：",
        "  10个工作日内 → 2020年10月19日（扣除国庆、中秋假期）",
    ]


def test_due_lists_every_deadline_and_answers_in_json() -> None:
    args = ["due", "zdjsxm-004", "--from", "2021-02-01", "--dir", str(SHIPPED), "--format", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(d["text"], d["due"], d["holidays"]) for d in data["deadlines"]] == [
        ("20个工作日内", "2021-03-04", ["春节"]),
        ("7个工作日内", "2021-02-09", []),
    ]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["nope-001", "--from", "2021-02-01"], "没有编号为“nope-001”的事项"),
        (["shjz-011", "--from", "2021-2-1"], "--from 的值“2021-2-1”不是日期"),
        (["shjz-011", "--from", f"{covered_years().stop}-02-01"], "年的放假调休安排还没有数据"),
    ],
)
def test_due_cannot_run(args: list[str], words: str) -> None:
    result = runner.invoke(app, ["due", *args, "--dir", str(SHIPPED)])
    assert result.exit_code == 2
    assert words in result.output


def test_a_time_limit_without_a_deadline_says_so() -> None:
    result = runner.invoke(app, ["due", "zdjsxm-001", "--from", "2021-02-01", "--dir", str(SHIPPED)])
    assert result.exit_code == 0
    assert "公开时限中没有可计算的期限" in result.stdout


def test_english() -> None:
    args = ["due", "shjz-011", "--from", "2020-09-28", "--dir", str(SHIPPED), "--lang", "en"]
    result = runner.invoke(app, args)
    assert "counted from 2020-09-28 (that day not counted):" in result.stdout
    assert "10个工作日内 → 2020-10-19" in result.stdout
