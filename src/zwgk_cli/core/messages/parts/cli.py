"""The command line's own sentences: summaries, labels and why a command cannot run."""

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- every command ------------------------------------------------------------------------
    "ui.cli.error": ("错误：", "error: "),
    "ui.cli.step.read": ("（读取第 {done}/{total} 个文件）", " (reading file {done}/{total})"),
    "ui.cli.step.check": ("（检查第 {done}/{total} 个文件）", " (checking file {done}/{total})"),
    # ---- zwgk validate -----------------------------------------------------------------------
    "ui.validate.working": ("正在检查目录…", "checking the catalogue…"),
    # ---- zwgk build ----------------------------------------------------------------------------
    "ui.build.checking": ("检查目录", "checking"),
    "ui.build.writing": ("生成 {name}", "writing {name}"),
    "ui.build.not-built": (
        "目录有错误，未生成网站；原输出文件夹保持不变。",
        "The catalogue has errors: nothing was built; the output folder is unchanged.",
    ),
    "ui.build.built": ("已生成 {out}", "Built {out}"),
    "ui.build.summary": (
        "：{pages} 个页面（含 {domains} 个领域目录页），{items} 个事项；表格、文档和开放数据：{data}；"
        "{fragments}{units}共 {files} 个文件。",
        ": {pages} pages ({domains} domain pages), {items} items; spreadsheets, documents and open data: "
        "{data}; {fragments}{units}{files} files.",
    ),
    "ui.build.fragments": (
        "门户网站片段 {count} 个（fragments/）；",
        "{count} portal fragments (fragments/); ",
    ),
    "ui.build.units": ("镇街目录 {count} 个（units/）；", "{count} town/street catalogues (units/); "),
    # ---- zwgk diff -------------------------------------------------------------------------------
    "ui.diff.working": ("正在读取和比较两个版本…", "reading and comparing…"),
    "ui.diff.reading.old": ("旧版本", "old side"),
    "ui.diff.reading.new": ("新版本", "new side"),
    "ui.diff.side-errors.old": (
        "旧版本 {label} 有 {errors} 个错误",
        "the old side {label} has {errors} errors",
    ),
    "ui.diff.side-errors.new": (
        "新版本 {label} 有 {errors} 个错误",
        "the new side {label} has {errors} errors",
    ),
    "ui.diff.partial": ("，以下差异只比较能读取的部分：", "; the comparison covers what could be read:"),
    # the difference in the terminal is in Chinese, like its Markdown and HTML forms (.zh is used)
    "ui.diff.heading": ("比较 {old} → {new}", "comparing {old} → {new}"),
    "ui.diff.header": ("表头", "header"),
    "ui.diff.reordered-to": ("顺序调整为", "reordered as"),
    "ui.diff.items-reordered": ("次要 事项顺序有调整", "minor: the order of items changed"),
    "ui.diff.settings": ("设置 (zwgk.yaml)", "settings (zwgk.yaml)"),
    "ui.diff.note": ("说明：{note}", "note: {note}"),
    # ---- zwgk schema -----------------------------------------------------------------------------
    "ui.schema.invalid": (
        "zwgk.yaml 有错误，未导出 JSON Schema。",
        "zwgk.yaml is invalid: nothing exported.",
    ),
    "ui.schema.stale": ("已过期，请运行 zwgk schema 更新", "out of date: run zwgk schema"),
    "ui.schema.up-to-date": ("无（已是最新）", "nothing (up to date)"),
    "ui.schema.wrote": ("已写入", "Wrote"),
    # ---- zwgk init -------------------------------------------------------------------------------
    "stop.init.not-empty": (
        "{target} 已存在且不是空文件夹：为免覆盖其中的文件，请指定一个新的或空的文件夹。",
        "{target} exists and is not an empty folder; name a new or empty one.",
    ),
    "stop.init.no-region": (
        "新建空白目录须用 --region 写明行政区划全称，如 zwgk init xq --region 重庆市XX区；"
        "用 --example 写入渝北区示例目录时不需要 --region。",
        "a blank catalogue needs the region's full name: zwgk init xq --region 重庆市XX区; "
        "--example writes the 渝北区 example and needs no --region.",
    ),
    "stop.init.bad-levels": ("--levels 有误：{levels}", "bad --levels: {levels}"),
    "stop.init.bad-date": (
        "--published 应为 YYYY-MM-DD 格式的日期：{text}",
        "--published must be YYYY-MM-DD: {text}",
    ),
    "ui.init.created": ("已生成目录项目 {directory}/", "Created {directory}/"),
    "ui.init.next": (
        "下一步：\n  cd {directory}\n  zwgk validate catalogues      # 检查\n  zwgk build catalogues -o dist  # 生成网站",
        "Next:\n  cd {directory}\n  zwgk validate catalogues      # check\n  zwgk build catalogues -o dist  # build the site",
    ),
    # ---- zwgk coverage (the table is in Chinese: .zh is used) ------------------------------------
    "ui.coverage.working": ("正在检查目录和上级目录…", "checking the catalogues…"),
    "ui.coverage.error": ("错误：", "error:"),
    "ui.coverage.no-upstream": (
        "zwgk.yaml 没有设置上级目录（upstream），无从统计覆盖度。",
        " zwgk.yaml names no upstream catalogue.",
    ),
    "ui.coverage.title": (
        "公开事项覆盖度（上级目录 {label}，{edition}）",
        "coverage of the upstream catalogue ({label}, {edition})",
    ),
    "ui.coverage.domain": ("领域", "domain"),
    "ui.coverage.applicable": ("适用事项", "applicable"),
    "ui.coverage.claimed": ("认领", "claimed"),
    "ui.coverage.declined": ("不认领", "declined"),
    "ui.coverage.missing": ("缺少", "missing"),
    "ui.coverage.added": ("增补", "added"),
    "ui.coverage.percent": ("覆盖度", "coverage"),
    "ui.coverage.missing-item": ("{domain} {id} {title}（{levels}）", "{domain} {id} {title} ({levels})"),
    "ui.coverage.review": ("需复核", "review"),
    "ui.coverage.stale-item": (
        "{domain} {local} 认领的 {id} 已改动，当前摘要 {hash}",
        "{domain} {local}: the claimed {id} has changed; its hash is now {hash}",
    ),
    # ---- cli-help (issue 20): help pages and usage errors (cli/help/) ---------------------------
    "ui.help.usage": ("用法：", "Usage: "),
    "ui.help.options-word": ("<选项>", "<options>"),
    "ui.help.command-word": ("<命令>", "<command>"),
    "ui.help.args-word": ("<参数>", "<args>"),
    "ui.help.arguments": ("参数", "Arguments"),
    "ui.help.options": ("选项", "Options"),
    "ui.help.commands": ("命令", "Commands"),
    "ui.help.help": ("显示本帮助后退出。", "Show this help and exit."),
    "ui.help.default": ("[默认：{value}]", "[default: {value}]"),
    "ui.help.required": ("[必填]", "[required]"),
    "ui.help.repeat": ("[可重复]", "[repeatable]"),
    "ui.help.try": ("用 {command} --help 查看帮助。", "Run {command} --help for help."),
    "ui.cli.aborted": ("已中止。", "Aborted."),
    "stop.usage.no-such-option": ("没有 {option} 这个选项。", "no such option: {option}."),
    "stop.usage.no-such-command": ("没有 {command} 这个命令。", "no such command: {command}."),
    "stop.usage.did-you-mean": ("是不是要用 {names}？", " Did you mean {names}?"),
    "stop.usage.commands": ("可用的命令：{names}。", " The commands are: {names}."),
    "stop.usage.missing-command": ("缺少命令。", "a command is missing."),
    "stop.usage.needs-value": (
        "{option} 后面要写一个值 {placeholder}。",
        "{option} needs a value {placeholder}.",
    ),
    "stop.usage.takes-no-value": (
        "{option} 是开关，后面不能写值。",
        "{option} is a switch: it takes no value.",
    ),
    "stop.usage.missing-option": (
        "缺少必填的选项 {option} {placeholder}。",
        "missing the required option {option} {placeholder}.",
    ),
    "stop.usage.missing-argument": ("缺少参数 {argument}。", "missing the argument {argument}."),
    "stop.usage.bad-choice": (
        "{name} 的值“{value}”无效：可选 {choices}。",
        "invalid value for {name}: '{value}'; choose {choices}.",
    ),
    "stop.usage.bad-integer": (
        "{name} 的值“{value}”无效：应为整数。",
        "invalid value for {name}: '{value}' is not a whole number.",
    ),
    "stop.usage.bad-value": ("{name} 的值“{value}”无效。", "invalid value for {name}: '{value}'."),
    "stop.usage.extra-arguments": ("多余的参数：{args}。", "unexpected extra arguments: {args}."),
    "stop.usage.other": ("命令行有误：{message}", "{message}"),
    "stop.usage.env-lang": (
        "环境变量 ZWGK_LANG 的值“{value}”无效：应为 zh 或 en（也可写 zh_CN、en_US 这样的区域设置）。",
        "the ZWGK_LANG environment variable holds '{value}': it should be zh or en (or a locale such as zh_CN, en_US).",
    ),
    "ui.init.counts": ("：{domains} 个领域、{items} 个事项。", ": {domains} domains, {items} items."),
    "ui.init.dates": ("待填写的日期：", "Dates to fill in:"),
    "ui.init.dates.due": (
        "  各领域文件的完成时间 (due)：{count} 个文件中为空，按任务分工填写，如 due: 2020-10-30。",
        "  the completion date (due) of each domain: empty in {count} files; write the date the task division "
        "sets, e.g. due: 2020-10-30.",
    ),
    "ui.init.dates.published": (
        "  catalogues/zwgk.yaml 的发布日期 (published)：暂填今天 {date}，正式发布前改为实际发布日期。",
        "  the publication date (published) in catalogues/zwgk.yaml: today, {date}, for now; change it to "
        "the real date before publishing.",
    ),
    "stop.init.example-options": (
        "--example 写入随附的渝北区示例目录，不能再用 {options}（这些选项只用于新建空白目录）。",
        "--example writes the bundled 渝北区 example: {options} only apply to a blank catalogue.",
    ),
    # perf-cache: the cache of per-file results of validate
    "ui.validate.cache-ignored": (
        "提示：{file} 的缓存条目已损坏或不是本版本 zwgk 写的，已忽略并重新检查该文件。",
        "note: the cache entry of {file} is damaged or was not written by this zwgk version; ignored, the file was checked again.",
    ),
}
