"""The command line's own sentences: summaries, labels and why a command cannot run."""

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- every command ------------------------------------------------------------------------
    "ui.cli.error": ("错误：", "error："),
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
        "请用 --region 指定行政区划全称，如 zwgk init 目录项目 --region 重庆市XX区；或用 --example 生成渝北区示例。",
        "name the region with --region (e.g. --region 重庆市XX区), or use --example.",
    ),
    "stop.init.bad-levels": ("--levels 有误：{levels}", "bad --levels: {levels}"),
    "stop.init.bad-date": (
        "--published 应为 YYYY-MM-DD 格式的日期：{text}",
        "--published must be YYYY-MM-DD: {text}",
    ),
    "ui.init.created": ("已生成目录项目 {directory}/", "Created {directory}/"),
    "ui.init.next": (
        "：{domains} 个领域、{items} 个事项。下一步：\n"
        "  cd {directory}\n  zwgk validate catalogues      # 检查\n  zwgk build catalogues -o dist  # 生成网站",
        ": {domains} domains, {items} items. "
        "Next: cd {directory}; zwgk validate catalogues; zwgk build catalogues -o dist",
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
}
