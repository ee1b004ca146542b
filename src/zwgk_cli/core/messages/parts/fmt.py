"""`zwgk fmt`: layout findings and what it could not lay out."""

MESSAGES: dict[str, tuple[str, str]] = {
    # Files that cannot be formatted
    "fmt-comment-in-brackets": (
        "第 {line} 行的注释写在方括号或花括号（[ ]、{{ }}）里面，ruamel.yaml 排版时无法保留，所以这个文件没有排版。",
        "the comment at line {line} is inside brackets ([ ] or {{ }}); ruamel.yaml cannot "
        "keep it when formatting, so this file was not formatted.",
    ),
    "fmt-comment-in-brackets.hint": (
        "把这条注释移到括号外面（如上一行），再运行 zwgk fmt。",
        "move the comment out of the brackets (to the line above, say), then run zwgk fmt again.",
    ),
    "fmt-comment-position": (
        "第 {line} 行的注释所在的位置（如键和值之间）ruamel.yaml 无法保留，排版会丢失它，所以这个文件没有排版。",
        "the comment at line {line} sits where ruamel.yaml cannot keep it (between a key "
        "and its value, say); formatting would lose it, so this file was not formatted.",
    ),
    "fmt-comment-position.hint": (
        "把这条注释移到上一行或行尾，再运行 zwgk fmt。",
        "move the comment to the line above or to the end of a line, then run zwgk fmt again.",
    ),
    "fmt-self-check": (
        "排版结果没有通过自检（{what}），为安全起见这个文件没有改动。",
        "the formatted text failed the self-check ({what}); the file was left untouched.",
    ),
    "fmt-self-check.hint": (
        "这是 zwgk 的缺陷：请把这个文件发给维护者。可以先手动整理它的格式。",
        "this is a zwgk bug: please send the file to the maintainers. You can tidy it by hand meanwhile.",
    ),
    "fmt-self-check.source-unreadable": ("无法再次读取", "cannot re-read"),
    "fmt-self-check.result-unreadable": ("排版结果无法读取", "the result cannot be read"),
    "fmt-self-check.data-differs": ("读出的数据与原文件不同", "the data read back differs"),
    "fmt-self-check.blank-lines": ("空行会改变", "blank lines would change"),
    "file-encoding.fix-encoding.hint": (
        "{hint}也可以运行 zwgk fmt --fix-encoding，自动转换为 UTF-8。",
        "{hint} Or run zwgk fmt --fix-encoding to convert it to UTF-8.",
    ),
    # Files fmt does not rewrite (it never replaces a link, a read-only file or another user's file)
    "fmt-not-rewritten.symlink": (
        "这个文件是符号链接（指向 {target}），zwgk fmt 不改写它：改写会把链接换成普通文件，"
        "链接指向的文件却不变。",
        "this file is a symbolic link (to {target}); zwgk fmt leaves it as it is: rewriting it "
        "would replace the link with a plain file and leave the file it points to unchanged.",
    ),
    "fmt-not-rewritten.symlink.hint": (
        "对链接指向的文件本身运行 zwgk fmt。目录中的源文件应是普通文件（zwgk validate 同样不读取符号链接）。",
        "run zwgk fmt on the file the link points to. Source files should be plain files "
        "(zwgk validate does not read symbolic links either).",
    ),
    "fmt-not-rewritten.read-only": (
        "这个文件是只读的，zwgk fmt 不改动它。",
        "this file is read-only; zwgk fmt leaves it unchanged.",
    ),
    "fmt-not-rewritten.read-only.hint": (
        "确需排版时先允许写入（如 chmod u+w），再运行 zwgk fmt；zwgk fmt --check 只检查，不需要写入。",
        "to format it, make it writable first (chmod u+w, say), then run zwgk fmt again; "
        "zwgk fmt --check only checks and needs no write access.",
    ),
    "fmt-not-rewritten.owner": (
        "这个文件属于另一个用户（用户编号 {uid}），zwgk fmt 改写它会把所有者变成当前用户，所以不改动它。",
        "this file belongs to another user (uid {uid}); rewriting it would make the current user "
        "its owner, so zwgk fmt leaves it unchanged.",
    ),
    "fmt-not-rewritten.owner.hint": (
        "请文件的所有者运行 zwgk fmt（以 root 运行时会保留原所有者）。",
        "ask the file's owner to run zwgk fmt (run as root, it keeps the owner).",
    ),
    # Parts left as written
    "fmt-order-kept": (
        "{where}的键不是标准顺序（应为 {order}），但第 {line} 行的{what}{position}，"
        "重排会把它带到别处，所以保持原顺序。如需标准顺序，请{fix}，再运行 zwgk fmt。",
        "the keys of {where} are not in the standard order ({order}), but the "
        "{what} at line {line} sits {position} and reordering would carry it elsewhere, so the "
        "order is kept. To get the standard order, {fix}, then run zwgk fmt again.",
    ),
    "fmt-order-kept.before": ("在 {key} 前面", "before '{key}'"),
    "fmt-order-kept.between": ("在 {before} 和 {after} 之间", "between '{before}' and '{after}'"),
    "fmt-order-kept.fix-comment": (
        "手动调整键的顺序（注释随所说明的键移动）",
        "reorder the keys by hand, moving the comment along",
    ),
    "fmt-order-kept.fix-blank-line": (
        "删除这个空行，或手动调整键的顺序",
        "remove the blank line or reorder the keys by hand",
    ),
    "fmt-style-kept.flow-list": (
        "{label}：按标准应写在一行 [a, b]，但第 {line} 行有{what}，写成一行会丢失它，"
        "所以保留原来的多行写法。如需标准写法，{fix}。",
        "{label} is written on one line ([a, b]) in the standard layout, but the {what} "
        "at line {line} would be lost, so its multi-line layout is kept. To get the standard "
        "layout, {fix}.",
    ),
    "fmt-style-kept.flow-map": (
        "{label}：按标准应写在一行 {{键: 值, …}}，但第 {line} 行有{what}，写成一行会丢失它，"
        "所以保留原来的多行写法。如需标准写法，{fix}。",
        "{label} is written on one line ({{key: value, …}}) in the standard layout, but the {what} "
        "at line {line} would be lost, so its multi-line layout is kept. To get the standard "
        "layout, {fix}.",
    ),
    "fmt-style-kept.block-list": (
        "{label}：按标准应逐行写成 “- …”，但第 {line} 行的行尾注释会因此移位，"
        "所以保留原来的一行写法。如需标准写法，请把注释移到它上方。",
        "{label} is written one entry per line ('- …') in the standard layout, but the "
        "comment at the end of line {line} would move, so it stays on one line. To get the "
        "standard layout, move the comment above it.",
    ),
    "fmt-style-kept.block-map": (
        "{label}：按标准应逐行写成 “键: 值”，但第 {line} 行的行尾注释会因此移位，"
        "所以保留原来的一行写法。如需标准写法，请把注释移到它上方。",
        "{label} is written one entry per line ('key: value') in the standard layout, but the "
        "comment at the end of line {line} would move, so it stays on one line. To get the "
        "standard layout, move the comment above it.",
    ),
    "fmt-style-kept.fix-comment": ("请把注释移到它上方", "move the comment above it"),
    "fmt-style-kept.fix-blank-line": ("请删除这个空行", "remove the blank line"),
    # What the findings name: a comment or blank line, a place in the file
    "ui.fmt.comment": ("注释", "comment"),
    "ui.fmt.blank-line": ("空行", "blank line"),
    "ui.fmt.top-level": ("文件顶层", "the top level"),
    "ui.fmt.item": ("第 {number} 个事项{name}", "item {number}{name}"),
    "ui.fmt.item-waiver": ("{item}的第 {number} 条豁免", "{item}, waiver {number}"),
    "ui.fmt.entry": ("{title} ({key}) 第 {number} 项{name}", "{key} ({title}) entry {number}{name}"),
    "ui.fmt.named": ("（{name}）", " ({name})"),
    "ui.fmt.field": ("{title} ({key})", "{key} ({title})"),
    "ui.fmt.untitled-field": ("{key}", "'{key}'"),
    "ui.fmt.field-of": ("{owner}的 {field}", "{field} of {owner}"),
    # Files the command could not find
    "stop.fmt.missing-path": (
        "找不到“{path}”：请给出目录文件夹（如 catalogues）或 YAML 文件。",
        "'{path}' does not exist: give a catalogue folder (such as catalogues) or YAML files.",
    ),
    "stop.fmt.no-yaml": (
        "“{paths}”中没有 YAML 文件（*.yaml、*.yml）。",
        "no YAML files (*.yaml, *.yml) in '{paths}'.",
    ),
    # What the command did
    "ui.fmt.would-reformat": ("将重新排版", "would reformat"),
    "ui.fmt.would-convert": ("将转换为 UTF-8 并重新排版", "would convert to UTF-8 and reformat"),
    "ui.fmt.reformatted": ("已重新排版", "reformatted"),
    "ui.fmt.converted": ("已转换为 UTF-8 并重新排版", "converted to UTF-8 and reformatted"),
    "ui.fmt.unwritable": (
        "无法写入（{reason}），文件未改动。",
        "cannot write ({reason}); the file is unchanged.",
    ),
    "ui.fmt.summary.would-reformat": (
        "{changed} 个文件将重新排版，{unchanged} 个已是标准格式{failed}。运行 zwgk fmt 即可排版。",
        "{changed} files would be reformatted, {unchanged} already formatted{failed}. "
        "Run zwgk fmt to reformat them.",
    ),
    "ui.fmt.summary.all-formatted": (
        "{unchanged} 个文件已是标准格式{failed}。",
        "{unchanged} files already formatted{failed}.",
    ),
    "ui.fmt.summary.reformatted": (
        "已排版 {changed} 个文件，{unchanged} 个未变{failed}。",
        "reformatted {changed} files, {unchanged} unchanged{failed}.",
    ),
    "ui.fmt.summary.failed": (
        "，{failed} 个无法排版（见上文），未改动",
        ", {failed} could not be formatted (see above) and were left untouched",
    ),
}
