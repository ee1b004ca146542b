"""村（居）务公开 (check.village): villages under their towns, posting frequency, 衔接.

``{item}`` names an item by its place and id (“第 4 个事项（shjz-013）”).
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "unit-parent.missing": (
        "{where}是{kind}，但没有写所属镇街 (parent)。",
        "{where} is a {kind} but names no town or street (parent).",
    ),
    "unit-parent.unknown": (
        "{where}“{parent}”不是单位名录中的镇人民政府或街道办事处（{name}的所属镇街）。",
        "{where} '{parent}' is not a 镇人民政府 or 街道办事处 of the registry (the town of {name}).",
    ),
    "unit-parent.not-village": (
        "{where}：只有村民委员会、居民委员会写所属镇街，{name}是{kind}。",
        "{where}: only a 村民委员会 or 居民委员会 names its town; {name} is a {kind}.",
    ),
    "unit-parent.not-village.hint": (
        "删去 parent；所属关系只用于村民委员会、居民委员会。",
        "remove parent: only villages' and communities' committees belong to a town.",
    ),
    "unit-parent.hint": (
        "写所属镇人民政府或街道办事处在单位名录中的名称：{towns}。",
        "give the registry name of its 镇人民政府 or 街道办事处: {towns}.",
    ),
    "frequency-village.missing": (
        "{item}在{level}公开，属于{area}，但没有写公开频次 (frequency)；村（居）务公开至少{least}一次"
        "（《中华人民共和国村民委员会组织法》第三十条）。",
        "{item} is published at {level} and is about {area}, but gives no frequency; village affairs are posted at least "
        "{least} (Organic Law of Villagers' Committees, Article 30).",
    ),
    "frequency-village": (
        "{item}在{level}公开，属于{area}，公开频次“{frequency}”低于要求的{least}"
        "（《中华人民共和国村民委员会组织法》第三十条）。",
        "{item} is published at {level} and is about {area}: '{frequency}' is less often than the required {least} "
        "(Organic Law of Villagers' Committees, Article 30).",
    ),
    "frequency-village.hint": (
        "写 frequency: {least}（或更频繁：{more}）；随时公布的事项写 frequency: 实时。",
        "write frequency: {least} (or more often: {more}); items posted whenever they arise are frequency: 实时.",
    ),
    "village-mirror": (
        "{item}与{other}是同一事项（政务公开与村务公开衔接），公开内容（要素）(content) 却不一致："
        "缺少 {missing}，多出 {extra}。",
        "{item} is the same matter as {other} (衔接), but their content differs: missing {missing}, extra {extra}.",
    ),
    "village-mirror.hint": (
        "两级公开同样的要素：把两处的 content 改成一致；确实不是同一事项的，改写二级事项名称或删去 mirrors。",
        "publish the same elements at both levels; if they are not the same matter, rename one or remove mirrors.",
    ),
    "village-mirror.elsewhere": ("{file} 中的{item}", "{item} in {file}"),
    "village-mirror.unknown": (
        "{item}的衔接的事项 (mirrors)“{id}”不是本目录中的事项编号。",
        "{item}: mirrors '{id}', which is no item id of this catalogue.",
    ),
    "village-mirror.unknown.hint": (
        "写所衔接的镇街或区级事项的编号，如 shjz-012。",
        "give the id of the 镇街 or 区级 item it mirrors, e.g. shjz-012.",
    ),
    # zwgk due (check/due.py, cli/commands/due.py)
    "stop.due.item": ("没有编号为“{item}”的事项。", "no item has the id '{item}'."),
    "stop.due.date": (
        "--from 的值“{value}”不是日期，应写成 YYYY-MM-DD，如 2020-09-28。",
        "--from '{value}' is not a date: write YYYY-MM-DD, e.g. 2020-09-28.",
    ),
    "stop.due.year": (
        "无法计算：{year} 年的放假调休安排还没有数据（目前有 {first}–{last} 年），不给出可能错误的日期。"
        "国务院公布安排、chinesecalendar 更新后再算（pip install -U chinesecalendar）。",
        "cannot count: the {year} holiday schedule is not in the data yet (it covers {first}–{last}); no date that may "
        "be wrong is given. Count again once it is published and chinesecalendar is updated.",
    ),
    "ui.due.item": ("{id} {domain} · {category} · {name}", "{id} {domain} · {category} · {name}"),
    "ui.due.limit": ("公开时限：{text}", "time limit: {text}"),
    "ui.due.none": (
        "公开时限中没有可计算的期限（如“20个工作日内”“15日内”）。",
        "the time limit has no deadline to count (such as 20个工作日内 or 15日内).",
    ),
    "ui.due.from": ("自 {date} 起算（当日不计入）：", "counted from {date} (that day not counted):"),
    "ui.due.line": ("  {text} → {date}{note}", "  {text} → {date}{note}"),
    "ui.due.note": ("（{notes}）", " ({notes})"),
    "ui.due.moved": ("{date} 是节假日，顺延", "{date} is a holiday: moved to the next working day"),
}
