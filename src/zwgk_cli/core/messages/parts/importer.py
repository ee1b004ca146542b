"""`zwgk import`: reading tables from Excel and Word files."""

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- findings, each shown after the cell or table it is about (ui.importer.at) --------------
    "ui.importer.at": ("{ref}：{message}", "{ref}: {message}"),
    # a worksheet, a Word table and its cells are named in Chinese in both languages, as the file does
    "ui.importer.sheet": ("工作表“{name}”", "工作表“{name}”"),
    "ui.importer.table": ("表{table}", "表{table}"),
    "ui.importer.cell": ("表{table} 第{row}行第{column}列", "表{table} 第{row}行第{column}列"),
    "import-data-sheet": (
        "隐藏工作表中的目录数据已被改动或不完整，无法据此还原；已按可见的领域工作表导入"
        "（事项编号只对目录文件夹中已有的事项沿用，表头取自任务分工工作表）。",
        "the hidden sheet's catalogue data was altered or is incomplete; imported from the "
        "visible domain sheets instead (ids are kept only for items already in the catalogue folder; "
        "headers come from the 任务分工 sheet).",
    ),
    "import-data-sheet.hint": (
        "如有原始 YAML 源文件，请以源文件为准；否则核对导入结果。",
        "prefer the original YAML sources if you have them; otherwise review the result.",
    ),
    "import-domain-unknown.not-in-file": (
        "文件中没有领域“{domain}”的表格（表题、工作表名称或“所属领域”列都没有提到它）。",
        "the file has no table of domain '{domain}' (no title, sheet name or 所属领域 names it).",
    ),
    "import-domain-unknown.not-in-file.hint": (
        "检查 --domain 的写法，或去掉 --domain 导入全部领域。",
        "check --domain, or leave it out to import every domain.",
    ),
    "import-sheet-edited.deleted": (
        "这个领域工作表已被删除，已按隐藏工作表中的数据导入。",
        "this domain sheet was deleted; imported from the hidden sheet's data.",
    ),
    "import-sheet-edited.changed": (
        "领域“{domain}”的工作表在生成后被修改过（从这个单元格起与隐藏数据不一致），已按可见表格重新读取；"
        "未改动的事项保留原编号。",
        "the sheet of domain '{domain}' was edited after it was built (from this cell on "
        "it differs from the hidden data); its visible table was read again, unchanged items keep their ids.",
    ),
    "import-sheet-edited.changed.hint": (
        "核对导入结果中改动过的事项。",
        "review the edited items in the result.",
    ),
    "import-no-table": (
        "没有找到政务公开标准目录表格：没有一行表头同时含有“公开事项（一级事项、二级事项）”“公开内容”"
        "“公开依据”“公开时限”“公开主体”等列名。",
        "no catalogue table found: no header row names the columns 公开事项 (一级事项, 二级事项), "
        "公开内容, 公开依据, 公开时限, 公开主体 ….",
    ),
    "import-no-table.hint": (
        "确认文件中的表格带有表头；表头被删去或写成图片时无法导入。",
        "make sure the table keeps its header row; a header removed or pasted as an image cannot be read.",
    ),
    "import-domain-unknown.several-in-title": (
        "表题“{title}”含有多个领域（{names}），无法确定这张表属于哪个领域；表格未导入。",
        "the title '{title}' names several domains ({names}); the table was not imported.",
    ),
    "import-domain-unknown.several-in-title.hint": (
        "用 --domain 指定领域，如 --domain {example}。",
        "name the domain with --domain, e.g. --domain {example}.",
    ),
    "import-domain-unknown.no-title": (
        "无法确定{table}属于哪个领域：表格上方没有“××领域基层政务公开标准目录”这样的表题{sheet}；表格未导入。",
        "cannot tell which domain {table} belongs to: there is no title such as "
        "'××领域基层政务公开标准目录' above it{sheet}; the table was not imported.",
    ),
    "import-domain-unknown.no-title.hint": (
        "用 --domain 指定领域，如 --domain 社会救助。",
        "name the domain with --domain, e.g. --domain 社会救助.",
    ),
    "ui.importer.nor-sheet-name": ("，工作表名称也不是领域名称", " and the sheet name is not a domain name"),
    "import-domain-unknown.no-slug": (
        "领域“{domain}”不是 26 个试点领域之一，目录文件夹中也没有它的文件，无法确定领域代码（文件名）；"
        "这个领域没有导入。",
        "domain '{domain}' is none of the 26 pilot domains and has no file in the catalogue folder: "
        "its slug (file name) is unknown; the domain was not imported.",
    ),
    "import-domain-unknown.no-slug.hint": (
        "用 --domain {domain} --slug 代码 指定领域代码（小写字母、数字和连字符）。",
        "give it a slug with --domain {domain} --slug SLUG (lower-case letters, digits, hyphens).",
    ),
    "import-domain-unknown.row": (
        "“所属领域”为空，无法确定这一行属于哪个领域；这一行没有导入。",
        "所属领域 is empty: cannot tell which domain this row belongs to; the row was not imported.",
    ),
    "import-header-missing": (
        "领域“{domain}”的{missing}在表格中没有，{slug}.yaml 中这些项留空，须补填（见 zwgk 任务分工表）。",
        "domain '{domain}': {missing} are not in the table; they are left empty in {slug}.yaml: fill them in.",
    ),
    "import-header-missing.hint": (
        "按《任务分工》填写主体责任单位、完成时间；序号为该领域在 zwgk.yaml 的 domains 中的位置。",
        "fill in lead and due from the task-division table; order is the domain's position in zwgk.yaml's domains.",
    ),
    "import-column-missing": (
        "{table}的表头中没有“{columns}”列，导入的事项中这些内容为空，须在 YAML 中补填。",
        "{table}'s header has no column for {columns}; the imported items leave them empty: fill them in the YAML.",
    ),
    "import-column-ignored": (
        "列“{header}”不对应目录的任何字段，这一列的内容没有导入。",
        "the column '{header}' matches no catalogue field; its content was not imported.",
    ),
    "import-column-ignored.hint": (
        "三级事项、所属领域、链接等列可以识别；其他内容如需保留，请写入公开内容或其他字段。",
        "三级事项, 所属领域 and 链接 columns are recognised; move other content into a field if it matters.",
    ),
    "import-level-kept": (
        "没有指定目录文件夹（--dir），公开层级按表格原样保留：{labels}。",
        "no catalogue folder (--dir): level labels are kept as written: {labels}.",
    ),
    "import-level-kept.hint": (
        "用 --dir 指定含 zwgk.yaml 的目录文件夹，层级会对应到它的 levels（如 县级→区级、乡级→镇街）。",
        "give --dir with the catalogue's zwgk.yaml to map the labels onto its levels (县级 → 区级, 乡级 → 镇街 …).",
    ),
    # a column without a header is named the same way in both languages, as its cells are
    "ui.importer.no-column-name": ("（无列名）", "（无列名）"),
    "ui.importer.as-in-cells": ("（按单元格文字）", "(as in the cells)"),
    "import-level-unmapped.column": (
        "公开层级“{label}”对应不到 zwgk.yaml 的层级（{levels}），这一列的 √ 没有导入。",
        "level '{label}' maps to none of zwgk.yaml's levels ({levels}); its ticks were not imported.",
    ),
    "import-level-unmapped.column.hint": (
        "本目录不涉及这一层级时可以忽略；否则在 zwgk.yaml 的 levels 中加上它后重新导入。",
        "ignore this if the catalogue does not cover that level; otherwise add it to zwgk.yaml's levels and import again.",
    ),
    "import-level-unmapped.subject": (
        "公开主体中的层级“{label}”对应不到 zwgk.yaml 的层级，这一行“{units}”没有导入。",
        "the subject's level '{label}' maps to none of zwgk.yaml's levels; '{units}' was not imported.",
    ),
    "import-level-unmapped.text": (
        "公开层级“{label}”对应不到 zwgk.yaml 的层级，没有导入。",
        "level '{label}' maps to none of zwgk.yaml's levels; not imported.",
    ),
    "import-row-skipped": (
        "这一行只有一段文字“{text}”，看作说明或分组标题，没有作为事项导入。",
        "this row holds a single text '{text}': read as a note or heading, not as an item.",
    ),
    "import-row-skipped.hint": (
        "如果它是事项，请在表格中补全二级事项等列后重新导入。",
        "if it is an item, fill in its 二级事项 and other columns, then import again.",
    ),
    "import-same-as-above": (
        "单元格写着“同上”，但上方没有可以沿用的内容，按空白导入。",
        "the cell says 同上 (same as above) but there is nothing above it; imported as blank.",
    ),
    "import-same-as-above.hint": (
        "把“同上”改成实际内容后重新导入。",
        "replace 同上 with the actual text and import again.",
    ),
    "import-cell-empty": (
        "{title} ({key}) 为空，导入的事项中这一项须补填。",
        "{key} ({title}) is empty; fill it in for the imported item.",
    ),
    "import-cell-empty.unchecked": (
        "公开渠道和载体 (channels) 中没有勾选任何渠道（只有 □），须补填。",
        "channels: no channel is checked (only □); fill them in.",
    ),
    "import-cell-empty.nothing-ticked": (
        "{title} ({key}) 一项也没有勾选，导入的事项中须补填。",
        "{key} ({title}): nothing is ticked; fill it in for the imported item.",
    ),
    "import-unit-unknown": (
        "公开主体中的“{units}”不在 zwgk.yaml 的单位名录中，已原样保留。",
        "the subject names {units}, not in zwgk.yaml's unit registry; kept as written.",
    ),
    "import-unit-unknown.hint": (
        "改成单位名录中的名称（如“区民政局”“各镇人民政府（街道办事处）”），或把该单位加入 zwgk.yaml 的 units。",
        "use a registry name (such as 区民政局, 各镇人民政府（街道办事处）) or add the unit to zwgk.yaml's units.",
    ),
    "import-channel-unknown": (
        "公开渠道“{channels}”不在 zwgk.yaml 的渠道列表中，已原样保留。",
        "channel(s) {channels} are not in zwgk.yaml's channel list; kept as written.",
    ),
    "import-channel-unknown.hint": (
        "改成渠道列表中的名称，或把它加入 zwgk.yaml 的 channels。",
        "use a name from the channel list, or add it to zwgk.yaml's channels.",
    ),
    "import-mark-unknown": (
        "{title} 单元格中的“{text}”不是 √ 或空白，无法判断是否勾选，按未勾选导入。",
        "the {title} cell holds '{text}', neither a tick nor blank; read as not ticked.",
    ),
    "import-mark-unknown.hint": (
        "在表格中改为 √ 或留空后重新导入，或在 YAML 中改正。",
        "write √ or leave it blank, or correct the YAML.",
    ),
    "import-mark-unknown.note": (
        "{title} 单元格在 √ 之后还写了“{note}”，这段文字没有导入（只有特定群体可以带说明）。",
        "the {title} cell adds '{note}' after its tick; that text was not imported (only 特定群体 takes a note).",
    ),
    # ---- the file cannot be read ------------------------------------------------------------------
    "stop.importer.no-file": ("文件 {path} 不存在。", "file {path} does not exist."),
    "stop.importer.not-a-file": ("{path} 不是文件。", "{path} is not a file."),
    "stop.importer.old-office": (
        "{name} 是旧版 Office 格式，zwgk 只读取 .xlsx 和 .docx。请在 Excel/WPS/Word 中“另存为” .xlsx 或 .docx 后再导入。",
        "{name} is an old binary Office file; zwgk reads .xlsx and .docx only. "
        "Save it as .xlsx or .docx in Excel/WPS/Word, then import it.",
    ),
    "stop.importer.not-office": (
        "{name} 不是 .xlsx 或 .docx 文件，无法导入。",
        "{name} is not an .xlsx or .docx file.",
    ),
    "stop.importer.too-large": (
        "{name} 有 {mib:.1f} MiB，超过导入上限 {limit} MiB。",
        "{name} is {mib:.1f} MiB, over the {limit} MiB import limit.",
    ),
    "stop.importer.cannot-read": ("无法读取 {path}：{reason}。", "cannot read {path}: {reason}."),
    "stop.importer.symlink": (
        "{path} 是符号链接，zwgk 不跟随链接复制上级目录的文件：请换成文件本身。",
        "{path} is a symbolic link; zwgk does not follow links when copying the upstream catalogue: "
        "put the file itself there.",
    ),
    "stop.importer.encrypted": (
        "{name} 是加密的或旧版（.xls/.doc）的 Office 文件，无法读取。请取消密码保护，或另存为 .xlsx/.docx 后再导入。",
        "{name} is encrypted or an old (.xls/.doc) Office file. Remove the password "
        "or save it as .xlsx/.docx, then import it.",
    ),
    "stop.importer.damaged": (
        "{name} 已损坏或格式不对（{problem}），无法读取。请用 Excel/WPS/Word 打开后重新保存再导入。",
        "{name} is damaged or malformed ({problem}). Open it in Excel/WPS/Word, save it again, then import it.",
    ),
    # ---- a limit of docs/import.md reached: the file is refused as a whole ----------------------
    "stop.importer.limit.part": (
        "{name} 中的 {member} 解压后有 {mib:.1f} MiB，超过导入上限 {limit} MiB（单个压缩部件解压后的大小）；"
        "没有导入任何内容。",
        "{member} in {name} unpacks to {mib:.1f} MiB, over the {limit} MiB import limit for one "
        "unpacked part; nothing was imported.",
    ),
    "stop.importer.limit.package": (
        "{name} 解压后共有 {mib:.1f} MiB，超过导入上限 {limit} MiB（全部压缩部件解压后的总大小）；"
        "没有导入任何内容。",
        "{name} unpacks to {mib:.1f} MiB in all, over the {limit} MiB import limit for all unpacked "
        "parts; nothing was imported.",
    ),
    "stop.importer.limit.ratio": (
        "{name} 中的 {member} 压缩比为 {ratio:.0f}:1（{packed} 字节解压成 {unpacked} 字节），超过导入上限 "
        "{limit}:1，像是“压缩炸弹”；没有导入任何内容。",
        "{member} in {name} is compressed {ratio:.0f}:1 ({packed} bytes unpack to {unpacked}), over "
        "the {limit}:1 import limit: it looks like a zip bomb; nothing was imported.",
    ),
    "stop.importer.limit.rows": (
        "{name} 的{table}在 {ref} 超出导入上限：每张表最多 {limit} 行；没有导入任何内容（不会只导入前面的行）。",
        "{name}: {table} goes past the import limit at {ref}: at most {limit} rows a table; "
        "nothing was imported (never just the first rows).",
    ),
    "stop.importer.limit.columns": (
        "{name} 的{table}在 {ref} 超出导入上限：每张表最多 {limit} 列；没有导入任何内容（不会只导入前面的列）。",
        "{name}: {table} goes past the import limit at {ref}: at most {limit} columns a table; "
        "nothing was imported (never just the first columns).",
    ),
    "stop.importer.limit.cells": (
        "{name} 的{table}（已用区域 {rows} 行 × {columns} 列）使全文件的表格单元格达到 {cells} 个，"
        "超过导入上限 {limit} 个；没有导入任何内容。",
        "{name}: {table} (a used area of {rows} rows × {columns} columns) brings the file's table "
        "cells to {cells}, over the {limit} import limit; nothing was imported.",
    ),
    "stop.importer.limit.merged": (
        "{name} 的{table}的合并单元格 {area} 使合并覆盖的单元格（截到已用区域后）达到 {cells} 个，"
        "超过导入上限 {limit} 个；没有导入任何内容。",
        "{name}: the merged range {area} of {table} brings the merged cells (clipped to the used "
        "area) to {cells}, over the {limit} import limit; nothing was imported.",
    ),
    "ui.importer.damage.not-zip": ("不是有效的 Office 压缩包", "not a valid Office zip package"),
    "ui.importer.damage.too-large": ("{member} 解压后过大", "{member} unpacks too large"),
    "ui.importer.damage.no-document": ("缺少 word/document.xml", "word/document.xml is missing"),
    "ui.importer.damage.entities": ("含有 XML 实体声明", "holds XML entity declarations"),
    "ui.importer.damage.syntax": ("XML 语法错误", "XML syntax error"),
    "ui.importer.damage.no-body": ("没有正文", "no document body"),
    # ---- where the YAML goes ----------------------------------------------------------------------
    "stop.importer.slug-needs-domain": ("--slug 须与 --domain 一起使用。", "--slug needs --domain."),
    "stop.importer.bad-slug": (
        "领域代码“{slug}”不对：只能用小写英文字母、数字和连字符，如 tjgl。",
        "slug '{slug}' is invalid: use lower-case letters, digits and hyphens, e.g. tjgl.",
    ),
    "stop.importer.not-a-catalogue": (
        "{folder} 中没有 {settings}，它不是 zwgk 目录文件夹。",
        "{folder} has no {settings}: it is not a zwgk catalogue folder.",
    ),
    "stop.importer.several-domains.stdout": (
        "文件中有 {count} 个领域（{names}），不能都写到标准输出。"
        "用 -o 文件夹 把每个领域写成“领域代码.yaml”，或用 --domain 只导入一个领域。",
        "the file holds {count} domains ({names}); they cannot all go to standard output. "
        "Use -o FOLDER to write one <slug>.yaml per domain, or --domain to import one.",
    ),
    "stop.importer.several-domains.file": (
        "文件中有 {count} 个领域（{names}），不能都写到 {out}。"
        "用 -o 文件夹 把每个领域写成“领域代码.yaml”，或用 --domain 只导入一个领域。",
        "the file holds {count} domains ({names}); they cannot all go to {out}. "
        "Use -o FOLDER to write one <slug>.yaml per domain, or --domain to import one.",
    ),
    "stop.importer.would-overwrite": (
        "{names} 已存在且内容与导入结果不同；为免覆盖，本次没有写入任何文件。确认要替换时加 --force，或用 -o 写到别处。",
        "{names} already exist and differ from the import; "
        "nothing was written. Add --force to replace them, or write elsewhere with -o.",
    ),
    "import-item-missing": (
        "事项 {id}（{category} / {name}）不在导入的表格中，替换这个文件会删除它。",
        "item {id} ({category} / {name}) is not in the imported table; replacing this file would remove it.",
    ),
    "import-item-missing.hint": (
        "确认删除表格中没有的事项时加 --remove-missing；要保留它，把它补进表格后重新导入。",
        "add --remove-missing to confirm removing the items the table leaves out; "
        "to keep one, add it to the table and import again.",
    ),
    "import-item-removed": (
        "事项 {id}（{category} / {name}）不在导入的表格中，已按 --remove-missing 删除。",
        "item {id} ({category} / {name}) is not in the imported table; removed as --remove-missing confirms.",
    ),
    "stop.importer.is-folder": ("{path} 是文件夹，不能写成文件。", "{path} is a folder, not a file."),
    "stop.importer.cannot-write": ("无法写入 {path}：{reason}。", "cannot write {path}: {reason}."),
    # ---- the first comment of a YAML file written (sources are in Chinese: .zh is used) -----------
    "ui.importer.settings-comment": (
        "全目录共用的设置（由 zwgk import 从“{source}”导入）",
        "settings shared by the whole catalogue (imported by zwgk import from “{source}”)",
    ),
    "ui.importer.domain-comment": (
        "{domain}领域基层政务公开标准目录（由 zwgk import 从“{source}”导入）",
        "the standard catalogue of domain {domain} (imported by zwgk import from “{source}”)",
    ),
    # ---- the command's closing lines --------------------------------------------------------------
    "ui.importer.nothing": ("没有可导入的内容，未写入文件。", "nothing to import; no file written."),
    "ui.importer.imported": (
        "已导入 {name}：{domains} 个领域、{items} 个事项。",
        "imported {name}: {domains} domains, {items} items.",
    ),
    "ui.importer.output": ("  {path}（{status}）", "  {path} ({status})"),
    "ui.importer.output.removed": (
        "  {path}（{status}，删除 {count} 个事项）",
        "  {path} ({status}, {count} items removed)",
    ),
    "ui.importer.held": (
        "没有写入任何文件：替换会删除 {count} 个已有事项（见上）。确认删除时加 --remove-missing。",
        "nothing was written: replacing would remove {count} items (listed above). "
        "Add --remove-missing to confirm.",
    ),
    "ui.importer.status.new": ("新建", "new"),
    "ui.importer.status.replaced": ("已替换", "replaced"),
    "ui.importer.status.unchanged": ("内容相同，未改动", "unchanged"),
    "ui.importer.status.copied": (
        "上级目录，从目录文件夹复制",
        "upstream catalogue, copied from the catalogue folder",
    ),
}
