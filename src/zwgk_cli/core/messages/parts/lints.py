"""Warnings a careful reviewer would raise (check.lints).

``{item}`` names an item by its place and id (“第 4 个事项（zdjsxm-004）”); ``{regulation}`` is the
title of the current 《政府信息公开条例》.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "domain-empty": ("领域“{domain}”还没有任何事项 (items)。", "domain '{domain}' has no items yet."),
    "domain-empty.hint": (
        "按标准指引认领、增补本领域的公开事项。",
        "claim and add this domain's items from the guideline.",
    ),
    "content-empty": ("{item}的公开内容（要素）(content) 为空。", "{item} has no disclosure content."),
    "content-empty.hint": (
        "列出公开的具体要素，如 [办理条件, 申请材料, 办理流程]。",
        "list the elements, e.g. [办理条件, 申请材料, 办理流程].",
    ),
    "basis-no-title": (
        "{item}的公开依据 (basis) 第 {number} 项“{basis}”没有完整的书名号《》。",
        "{item}: basis entry {number} '{basis}' lacks complete title marks 《》.",
    ),
    "basis-no-title.hint": (
        "写出文件全称并加书名号，如 {regulation}",
        "cite the full title in 《》, e.g. {regulation}",
    ),
    "basis-doc-number": (
        "{item}的公开依据 (basis) 第 {number} 项中的文号“{written}”括号不规范，年份应使用六角括号〔〕。",
        "{item}: document number '{written}' in basis entry {number} should bracket the year with 〔〕.",
    ),
    "basis-doc-number.hint": ("改为“{fixed}”。", "write '{fixed}'."),
    "basis-doc-number.no-hao": (
        "{item}的公开依据 (basis) 第 {number} 项中的文号“{written}”缺少“号”字。",
        "{item}: document number '{written}' in basis entry {number} lacks the closing 号.",
    ),
    "basis-doc-number.year": (
        "{item}的公开依据 (basis) 第 {number} 项中的文号“{written}”年份 {year} 不可能："
        "早于 1949 年，或晚于本目录的发布日期 (published)。",
        "{item}: document number '{written}' in basis entry {number} has an impossible year {year}: "
        "before 1949 or after the catalogue's publication date.",
    ),
    "basis-doc-number.year.hint": (
        "核对原文件的文号；不能确认时删去文号，只写带书名号的文件标题。",
        "check the document's number; if it cannot be confirmed, drop it and cite the title alone.",
    ),
    "basis-repealed": (
        "{item}引用的{name}已于 {ended}失效，由{by}取代。",
        "{item} cites {name}, no longer in force since {ended}: replaced by {by}.",
    ),
    "basis-repealed.hint": ("改为引用{cite}。", "cite {cite} instead."),
    "subject-other-level": (
        "{item}的公开主体 (subject)“{name}”是其他层级或全国模板的表述，不是本区的单位。",
        "{item}: subject '{name}' names another level's body or the national template's wording.",
    ),
    "subject-other-level.hint": (
        "改为本区负责公开的单位，如 区民政局、各镇人民政府（街道办事处），并在 zwgk.yaml 的单位名录中登记。",
        "name the district body that discloses it, e.g. 区民政局 or 各镇人民政府（街道办事处）.",
    ),
    "time-limit-long": (
        "{item}主动公开，时限“{limit}”超过《中华人民共和国政府信息公开条例》第二十六条的 20 个工作日，"
        "且没有写明例外依据。",
        "{item} is proactive and its limit '{limit}' exceeds the 20 working days of Article 26 "
        "without naming the exception.",
    ),
    "time-limit-long.hint": (
        "缩短为“信息形成或者变更之日起20个工作日内”；若法律、法规另有规定，在时限中写明依据，"
        "如“……，法律、法规另有规定的，从其规定”。",
        "shorten it to 20 working days, or name the law that allows more in the time limit.",
    ),
    # {problem} is one of the two sentences after it.
    "time-limit-application": (
        "{item}只依申请公开，但{problem}，与《中华人民共和国政府信息公开条例》第三十三条不符"
        "（当场答复，或自收到申请之日起20个工作日内答复，延长不超过20个工作日）。",
        "{item} is disclosed on request only, but {problem}, contrary to Article 33 "
        "(answer at once, or within 20 working days of receipt, extendable by at most 20).",
    ),
    "time-limit-application.over": (
        "时限“{limit}”超过了 {cap} 个工作日",
        "its limit '{limit}' exceeds {cap} working days",
    ),
    "time-limit-application.not-from-receipt": (
        "时限“{limit}”没有从收到申请之日起计算",
        "its limit '{limit}' does not count from receipt of the request",
    ),
    "time-limit-application.hint": (
        "写作“自收到申请之日起20个工作日内”。",
        "write 自收到申请之日起20个工作日内.",
    ),
    "list-duplicate": (
        "{item}的 {title} ({key}) 中“{value}”写了两次。",
        "{item}: '{value}' appears twice in {key} ({title}).",
    ),
    "list-duplicate.hint": ("删除重复的一项。", "remove the repeated entry."),
    "request-public.channel": (
        "{item}只依申请公开，公开渠道和载体 (channels) 中却有“{channel}”：依申请公开的信息答复给申请人，"
        "不通过这个渠道向社会发布。",
        "{item} is disclosed on request only, yet its channels (公开渠道和载体) list '{channel}': information "
        "disclosed on request goes to the applicant, not out through this channel.",
    ),
    "request-public.channel.hint": (
        "该信息也应主动公开时，在公开方式 (mode) 中加上“主动”；否则删去这个渠道，写答复申请人的渠道，如政务服务中心、入户/现场。",
        "if the information is also published proactively, add 主动 to mode; otherwise drop the channel and "
        "name one that answers the applicant, such as 政务服务中心 or 入户/现场.",
    ),
    "request-public.audience": (
        "{item}只依申请公开，公开对象 (audience) 却有“全社会”：依申请公开的信息答复给申请人，不向全社会发布。",
        "{item} is disclosed on request only, yet its audience (公开对象) is 全社会: information disclosed on "
        "request goes to the applicant, not to everyone.",
    ),
    "request-public.audience.hint": (
        "该信息也应向社会主动公开时，在公开方式 (mode) 中加上“主动”；否则把公开对象改为“特定群体”，"
        "并在特定群体说明 (audience_note) 中写明，如“申请人”。",
        "if the information is also published proactively, add 主动 to mode; otherwise make the audience "
        "特定群体 and say who in audience_note, e.g. 申请人.",
    ),
    "privacy-recipients": (
        "{item}公开救助对象的名单（{what}），公开渠道和载体 (channels) 中却有“{channel}”：名单含个人信息，"
        "在网上向全社会公开会损害个人隐私（《中华人民共和国政府信息公开条例》第十五条）。",
        "{item} publishes a list of assistance recipients ({what}), yet its channels (公开渠道和载体) list "
        "'{channel}': the list holds personal information, and putting it online for everyone harms their "
        "privacy (Article 15 of the disclosure regulation).",
    ),
    "privacy-recipients.hint": (
        "民政部标准指引把审核、审批名单放在村（社区）公示栏公示：删去这个渠道，改为“社区/企事业单位/村公示栏（电子屏）”；"
        "网上只公开人数、金额等统计数字。",
        "the ministry's guideline posts such lists on the village or community notice board: drop the channel "
        "for 社区/企事业单位/村公示栏（电子屏）, and publish only counts and amounts online.",
    ),
    "item-duplicate": (
        "{item}与第 {number} 个事项（{other}，第 {line} 行）的一级事项“{category}”、二级事项“{name}”完全相同。",
        "{item} repeats the category '{category}' and name '{name}' of item {number} ({other}, line {line}).",
    ),
    "item-duplicate.hint": (
        "合并这两个事项，或把二级事项名称写得更具体。",
        "merge the two items, or name them more precisely.",
    ),
    "category-split": (
        "一级事项“{category}”在第 {number} 个事项处已经出现过，中间隔着其他一级事项；"
        "发布的表格中它的单元格无法合并。",
        "category '{category}' already started at item {number} and is interrupted by "
        "another category, so its cell cannot be merged in the published table.",
    ),
    "category-split.hint": ("把同一一级事项下的事项排在一起。", "keep the items of one category together."),
    # ---- cli-help (issue 20): a date zwgk init leaves for the office to fill ----------------------
    "due-missing": (
        "领域“{domain}”还没有填写完成时间 (due)，任务分工表中这一格为空。",
        "domain '{domain}' has no completion date (due) yet: its cell in the task-division table is empty.",
    ),
    "due-missing.hint": (
        "在 due: 后写任务分工规定的完成时间，如 due: 2020-10-30。",
        "write the completion date the task division sets after due:, e.g. due: 2020-10-30.",
    ),
    # several of them in one line of the text report (cli/report/terminal.py, group_lines)
    "domain-empty.all": (
        "全部 {count} 个领域都还没有任何事项 (items)。",
        "none of the {count} domains has items yet.",
    ),
    "domain-empty.many": (
        "{count} 个领域还没有任何事项 (items)：{files}。",
        "{count} domains have no items yet: {files}.",
    ),
    "domain-empty.many.hint": (
        "按标准指引认领、增补各领域的公开事项，写好后这条提示消失；逐条列出用 zwgk validate --format json。",
        "claim and add each domain's items from the guideline; this goes away once they are written. "
        "zwgk validate --format json lists each one.",
    ),
    "due-missing.all": (
        "全部 {count} 个领域都还没有填写完成时间 (due)。",
        "none of the {count} domains has a completion date (due) yet.",
    ),
    "due-missing.many": (
        "{count} 个领域还没有填写完成时间 (due)：{files}。",
        "{count} domains have no completion date (due) yet: {files}.",
    ),
    "due-missing.many.hint": (
        "在各领域文件的 due: 后写任务分工规定的完成时间，如 due: 2020-10-30；逐条列出用 zwgk validate --format json。",
        "write the completion date the task division sets after due: in each domain file, e.g. "
        "due: 2020-10-30. zwgk validate --format json lists each one.",
    ),
}
