"""`zwgk calendar`: the 村（居）务公开 calendar, checklist and printed pages (calendar/)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- why the command cannot run ---------------------------------------------------------
    "stop.calendar.year": (
        "没有 {year} 年的法定节假日和调休安排数据，无法确定哪天是工作日，不生成日历（不会给出可能错误的日期）。"
        "现有数据覆盖 {first}—{last} 年；国务院办公厅公布新一年的放假安排后，升级 chinesecalendar 即可。",
        "the holiday schedule of {year} is not known, so its working days cannot be told and no calendar is "
        "made (rather than a wrong date). The data covers {first}–{last}; once the State Council publishes "
        "a new year's holidays, upgrade chinesecalendar.",
    ),
    "stop.calendar.no-village-level": (
        "目录的公开层级（{levels}）中没有村（居）层级，没有村（居）务公开的事项可排日历。",
        "the catalogue's levels ({levels}) have no village level, so there are no village postings to schedule.",
    ),
    "stop.calendar.no-towns": (
        "单位名录中没有本目录范围内的镇、街道，没有可排日历的镇街。",
        "the unit registry has no town or street within the catalogue's scope.",
    ),
    "stop.calendar.settings": (
        "zwgk.yaml 有错误，无法排日历；先用 zwgk validate 改正。",
        "zwgk.yaml has errors, so no calendar can be made; fix them first (zwgk validate).",
    ),
    "stop.calendar.errors": (
        "目录有 {count} 个错误，无法排日历；先用 zwgk validate 查看并改正。",
        "the catalogue has {count} errors, so no calendar can be made; see and fix them with zwgk validate.",
    ),
    "stop.calendar.xlsx-output": (
        "--format xlsx 要写工作簿文件，请用 -o 指定输出文件，如 -o 村务公开日历.xlsx。",
        "--format xlsx writes a workbook: name the file with -o, e.g. -o calendar.xlsx.",
    ),
    # ---- the command's lines ------------------------------------------------------------------
    "ui.calendar.working": ("正在排日历…", "scheduling…"),
    "ui.calendar.written": (
        "已写入 {file}：{place} {year} 年村（居）务公开日历（{format}）。",
        "wrote {file}: the village affairs calendar of {place} for {year} ({format}).",
    ),
    # ---- periods, frequencies, days ------------------------------------------------------------
    "ui.calendar.period.month": ("{year}年{month}月", "{year}-{month:02d}"),
    "ui.calendar.period.quarter-1": ("{year}年第一季度", "Q1 {year}"),
    "ui.calendar.period.quarter-2": ("{year}年第二季度", "Q2 {year}"),
    "ui.calendar.period.quarter-3": ("{year}年第三季度", "Q3 {year}"),
    "ui.calendar.period.quarter-4": ("{year}年第四季度", "Q4 {year}"),
    "ui.calendar.period.half-1": ("{year}年上半年", "H1 {year}"),
    "ui.calendar.period.half-2": ("{year}年下半年", "H2 {year}"),
    "ui.calendar.period.year": ("{year}年度", "year {year}"),
    "ui.calendar.freq.ongoing": ("随时公布", "as it arises"),
    "ui.calendar.freq.monthly": ("每月", "monthly"),
    "ui.calendar.freq.quarterly": ("每季度", "quarterly"),
    "ui.calendar.freq.half-yearly": ("每半年", "half-yearly"),
    "ui.calendar.freq.yearly": ("每年", "yearly"),
    "ui.calendar.freq.unspecified": ("未写明公开频次", "no frequency written"),
    "ui.calendar.weekday.1": ("星期一", "Monday"),
    "ui.calendar.weekday.2": ("星期二", "Tuesday"),
    "ui.calendar.weekday.3": ("星期三", "Wednesday"),
    "ui.calendar.weekday.4": ("星期四", "Thursday"),
    "ui.calendar.weekday.5": ("星期五", "Friday"),
    "ui.calendar.weekday.6": ("星期六", "Saturday"),
    "ui.calendar.weekday.7": ("星期日", "Sunday"),
    "ui.calendar.day": ("{year}年{month}月{day}日（{weekday}）", "{year}-{month:02d}-{day:02d} ({weekday})"),
    "ui.calendar.list-sep": ("、", ", "),
    "ui.calendar.none": ("—", "—"),
    "ui.calendar.all-villages": ("各村（社区）", "each village (community)"),
    "ui.calendar.title": ("{place}{year}年村（居）务公开清单", "Village affairs postings {year}: {place}"),
    "ui.calendar.villages-label": ("须公布的村（社区）：", "Villages and communities: "),
    "ui.calendar.channels-label": ("公开渠道：", "Channels: "),
    "ui.calendar.content-label": ("公开内容：", "Elements: "),
    "ui.calendar.nothing-dated": (
        "{year} 年没有须定期公布的事项（目录中村（居）层级的事项都没有写明每月、每季度、每半年或每年公开）。",
        "nothing is due on a set day in {year} (no village-level item is published monthly, quarterly, "
        "half-yearly or yearly).",
    ),
    # ---- iCalendar ------------------------------------------------------------------------------
    "ui.calendar.ics.name": ("{place} {year}年村（居）务公开", "{place} village affairs {year}"),
    "ui.calendar.ics.about": (
        "{catalogue}中村（居）层级定期公开的事项：每期在该期最后一个工作日（按国务院办公厅放假调休安排）前公布；"
        "提前三天提醒。",
        "The village-level items of {catalogue} published at set intervals: each period's posting is due "
        "by the period's last working day (as the State Council's holiday schedule sets it); a reminder "
        "comes three days before.",
    ),
    "ui.calendar.ics.summary": (
        "{place} · {periods} 村（居）务公开（{count} 项）",
        "{place} · {periods} village affairs postings ({count} items)",
    ),
    "ui.calendar.ics.category": ("村（居）务公开", "village affairs"),
    "ui.calendar.ics.reminder": ("三天后截止：{summary}", "due in three days: {summary}"),
    "ui.calendar.ics.due": (
        "公布截止：{date}，该期最后一个工作日。",
        "Due: {date}, the period's last working day.",
    ),
    "ui.calendar.ics.period": ("{period}（{frequency}）：", "{period} ({frequency}):"),
    # ---- the checklist workbook -----------------------------------------------------------------
    "ui.calendar.book.subject": ("村（居）务公开清单", "village affairs checklist"),
    "ui.calendar.book.footer": ("第 &P 页，共 &N 页", "Page &P of &N"),
    "ui.calendar.book.ongoing": ("随时公布", "As it arises"),
    "ui.calendar.book.unspecified": ("未写明公开频次", "No frequency"),
    "ui.calendar.book.ongoing-title": (
        "{place}{year}年随时公布的村（居）务公开事项",
        "Village affairs published as they arise, {year}: {place}",
    ),
    "ui.calendar.book.unspecified-title": (
        "{place}{year}年未写明公开频次的村（居）务公开事项",
        "Village affairs with no frequency written, {year}: {place}",
    ),
    "ui.calendar.book.how": (
        "截止日期为每期（月、季度、半年、年度）的最后一个工作日，按国务院办公厅的放假调休安排确定。"
        "各村（社区）公布后，在本村（社区）一列中打“√”。事项为目录中{level}层级、写明公开频次的事项。",
        "Each due date is the last working day of its period (month, quarter, half-year, year), as the "
        "State Council's holiday schedule sets it. Tick a village's column once it has posted. The items "
        "are the catalogue's {level}-level items with a frequency written.",
    ),
    "ui.calendar.book.ongoing-note": (
        "这些事项没有固定日期：信息形成后，在公开时限内及时公布。",
        "These items have no set day: publish them as soon as the information forms, within the time limit.",
    ),
    "ui.calendar.book.unspecified-note": (
        "目录没有写明这些事项的公开频次（frequency），不排日期；请在目录中补写（实时、每月、每季度、每半年或每年）。",
        "The catalogue writes no frequency for these items, so they get no date; add one in the catalogue "
        "(实时, 每月, 每季度, 每半年 or 每年).",
    ),
    "ui.calendar.col.due": ("截止日期", "Due"),
    "ui.calendar.col.period": ("公开期次", "Period"),
    "ui.calendar.col.id": ("事项编号", "Item"),
    "ui.calendar.col.category": ("一级事项", "Category"),
    "ui.calendar.col.name": ("二级事项", "Item name"),
    "ui.calendar.col.channels": ("公开渠道和载体", "Channels"),
    "ui.calendar.col.content": ("公开内容（要素）", "Elements"),
    "ui.calendar.col.time-limit": ("公开时限", "Time limit"),
    "ui.calendar.col.town": ("镇街", "Town"),
    # ---- the printed page -------------------------------------------------------------------------
    "ui.calendar.page.heading": (
        "{village} {year}年村（居）务公开清单",
        "{village}: village affairs postings {year}",
    ),
    "ui.calendar.page.town": ("{town}指导公开（{level}层级事项）", "Guided by {town} ({level} level items)"),
    "ui.calendar.page.due": ("{date}前公布", "Post by {date}"),
    "ui.calendar.page.done": ("已公布", "Posted"),
    "ui.calendar.page.item": ("事项", "Item"),
    "ui.calendar.page.sign": (
        "公布日期：＿＿＿＿　经办人：＿＿＿＿",
        "Posted on: ________  By: ________",
    ),
    "ui.calendar.page.ongoing": (
        "随时公布（信息形成后及时公布）",
        "As it arises (publish once the information forms)",
    ),
    "ui.calendar.page.unspecified": (
        "未写明公开频次（请向镇街确认）",
        "No frequency written (ask the town)",
    ),
    "ui.calendar.page.open": ("（", " ("),
    "ui.calendar.page.close": ("）", ")"),
    "ui.calendar.page.basis": (
        "《中华人民共和国村民委员会组织法》第三十条：一般事项至少每季度公布一次；集体财务往来较多的，财务收支情况"
        "应当每月公布一次；涉及村民利益的重大事项应当随时公布。每期在该期最后一个工作日前公布，公布后在方框内打“√”。",
        "Organic Law of the Villagers' Committees, article 30: ordinary matters at least once a quarter; "
        "finances monthly where transactions are many; major matters touching villagers' interests at any "
        "time. Post each period's items by its last working day and tick the box once posted.",
    ),
}
