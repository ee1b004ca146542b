"""Reading files: encodings, YAML syntax and the careful reader (file-*, yaml-*)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # Bytes
    "file-too-large": (
        "文件有 {size:.1f} MiB，超过单个目录文件 {limit} MiB 的上限。请按领域拆分成多个文件。",
        "the file is {size:.1f} MiB, over the {limit} MiB limit for one catalogue file; split it by domain.",
    ),
    "file-unreadable": ("无法读取文件：{reason}。", "cannot read the file: {reason}."),
    "file-unreadable.not-regular": (
        "这不是普通文件（是文件夹、设备或管道），无法作为目录文件读取。",
        "this is not a regular file (a folder, device or pipe): it cannot be read as a catalogue file.",
    ),
    "file-symlink": (
        "“{file}”是符号链接（快捷方式），zwgk 不读取链接：目录文件夹中的 YAML 文件必须是普通文件。"
        "链接指向的文件没有被打开。",
        "'{file}' is a symbolic link; zwgk does not follow links: the YAML files of a catalogue folder "
        "must be regular files. The file it points to was not opened.",
    ),
    "file-symlink.upstream": (
        "上级目录 {upstream} 经过符号链接 {link}，zwgk 不跟随链接读取上级目录：链接指向的文件夹没有被打开。",
        "the upstream catalogue {upstream} goes through the symbolic link {link}; zwgk does not follow links "
        "to read it: the folder it points to was not opened.",
    ),
    "file-symlink.hint": (
        "把链接换成它指向的文件或文件夹本身（复制进来），或删除链接。",
        "replace the link with a copy of what it points to, or delete it.",
    ),
    "file-empty": (
        "文件为空（或只有注释），没有可读取的内容。",
        "the file is empty (or holds only comments).",
    ),
    "file-empty.hint": ("删除该文件，或按格式填写内容。", "delete the file or fill it in."),
    "file-encoding.utf-16": (
        "文件是 UTF-16 编码，zwgk 只读取 UTF-8。",
        "the file is UTF-16; zwgk reads UTF-8 only.",
    ),
    "file-encoding.gb18030": (
        "文件是 GBK/GB18030 编码（常见于 Windows 记事本或 Excel 导出），zwgk 只读取 UTF-8。",
        "the file is GBK/GB18030 encoded (common for Notepad or Excel exports); zwgk reads UTF-8 only.",
    ),
    "file-encoding.invalid": (
        "文件不是有效的 UTF-8：第 {line} 行第 {column} 列有无法识别的字节 0x{byte:02X}。",
        "the file is not valid UTF-8: undecodable byte 0x{byte:02X} at line {line}, column {column}.",
    ),
    "file-encoding.hint": (
        "用记事本或 VS Code 打开，选择“另存为”并把编码选为 UTF-8；"
        "或在命令行运行 iconv -f GB18030 -t UTF-8 原文件 > 新文件。",
        "open it in Notepad or VS Code and 'Save as' with UTF-8 encoding, "
        "or run iconv -f GB18030 -t UTF-8 old > new.",
    ),
    "file-binary": ("文件含有 NUL 字节，不是文本文件。", "the file holds NUL bytes: it is not a text file."),
    "yaml-number-too-long": (
        "数字 {start}…有 {length} 个字符，超过 {limit} 个字符的上限，不按数字读取；整个文件没有被检查。",
        "the number {start}… has {length} characters, over the limit of {limit}: it is not read as a number, "
        "and the file is not checked.",
    ),
    "yaml-number-too-long.hint": (
        "写实际的数字（如序号 3）；如果这是一段文字，请加上引号。",
        "write the actual number (e.g. order 3); if it is text, put it in quotes.",
    ),
    "text-invisible-char": (
        "{where} 含有看不见的{kind} {char}：{effect}。",
        "{where} holds the invisible {kind} {char}: {effect}.",
    ),
    "text-invisible-char.many": (
        "{where} 含有 {count} 个看不见的字符，第一个是{kind} {char}：{effect}。",
        "{where} holds {count} invisible characters, the first the {kind} {char}: {effect}.",
    ),
    "text-invisible-char.control": ("控制字符", "control character"),
    "text-invisible-char.control.effect": (
        "终端和日志显示它时可能把它当作指令执行；生成的网页和表格会把它写成“[U+编码]”",
        "terminals and logs showing it may act on it; the built pages and workbooks write it out as [U+code]",
    ),
    "text-invisible-char.bidi": ("双向文字控制符", "bidirectional control"),
    "text-invisible-char.bidi.effect": (
        "它让文字显示成与实际存储不同的顺序；生成的网页和表格会把它写成“[U+编码]”",
        "it shows the text in another order than it is stored; the built pages and workbooks write it out as [U+code]",
    ),
    "text-invisible-char.zero-width": ("零宽字符", "zero-width character"),
    "text-invisible-char.zero-width.effect": (
        "它让看起来相同的文字互不相等；生成的网页和表格会把它写成“[U+编码]”",
        "it makes equal-looking texts differ; the built pages and workbooks write it out as [U+code]",
    ),
    "text-invisible-char.format": ("格式字符", "format character"),
    "text-invisible-char.format.effect": (
        "它看不见，却让看起来相同的文字互不相等；生成的网页和表格会把它写成“[U+编码]”",
        "it cannot be seen yet makes equal-looking texts differ; the built pages and workbooks write it out as [U+code]",
    ),
    "text-invisible-char.hint": (
        "删除这个字符（常随复制粘贴带入；编辑器中可搜索它的编码，如 \\u200b）。"
        "在带引号的值中，也检查 \\x、\\u、\\e 这类转义。",
        "delete the character (it usually comes with copy and paste; search for its code, e.g. \\u200b, "
        "in an editor). In a quoted value, check escapes such as \\x, \\u, \\e too.",
    ),
    # The line scan
    "yaml-tab": (
        "第 {line} 行用制表符（Tab）缩进，YAML 只允许空格缩进。",
        "line {line} is indented with a tab; YAML allows only spaces.",
    ),
    "yaml-tab.hint": (
        "把行首的 Tab 换成空格（每级 2 个空格）。",
        "replace the leading tab with spaces (2 per level).",
    ),
    "yaml-fullwidth-colon": (
        "“{key}”后面用了全角冒号“：”，YAML 的键后面必须是半角冒号加空格“: ”。",
        "'{key}' is followed by a full-width colon '：'; a YAML key needs ': ' (half-width, then a space).",
    ),
    "yaml-fullwidth-colon.hint": ("改为：{fixed}", "write: {fixed}"),
    "yaml-fullwidth-space": (
        "这一行用全角空格“　”缩进（{count} 个，常见于中文输入法），YAML 只认半角空格。",
        "this line is indented with {count} full-width space(s) '　' (U+3000); YAML indents with half-width spaces only.",
    ),
    "yaml-fullwidth-space.hint": (
        "把行首的全角空格换成半角空格（每个全角空格换成 2 个半角空格，并与同级的行对齐）。",
        "replace each full-width space at the start of the line with 2 half-width ones, "
        "aligned with the sibling lines.",
    ),
    "yaml-fullwidth-comma": (
        "方括号列表 {key} 里用了全角“{mark}”分隔，YAML 只认半角逗号“,”：现在整段被读成了一项。",
        "the [ ] list {key} is separated with a full-width '{mark}'; YAML separates with a half-width ',' "
        "so the whole text is read as one entry.",
    ),
    "yaml-fullwidth-comma.hint": ("改为：{fixed}", "write: {fixed}"),
    "yaml-fullwidth-symbol.dash": (
        "列表项前面用了全角“－”，YAML 的列表项以半角“- ”开头：现在这一行被读成了文字。",
        "a full-width '－' starts this list item; YAML list items start with a half-width '- ', "
        "so the line is read as text.",
    ),
    "yaml-fullwidth-symbol.comment": (
        "注释用了全角“＃”，YAML 的注释以半角“#”开头：现在这一行被读成了内容。",
        "a full-width '＃' starts this comment; YAML comments start with a half-width '#', "
        "so the line is read as content.",
    ),
    "yaml-fullwidth-symbol.bracket": (
        "列表用了全角括号“{open}…{close}”，YAML 只认半角括号：现在整段被读成了一段文字。",
        "the list is written in full-width brackets '{open}…{close}'; YAML needs half-width ones, "
        "so the whole value is read as one text.",
    ),
    "yaml-fullwidth-symbol.hint": ("改为：{fixed}", "write: {fixed}"),
    # The careful reader
    "yaml-multiple-documents": (
        "一个文件只能有一个 YAML 文档，这里用“---”开始了第二个。",
        "a file may hold one YAML document only; '---' starts a second one here.",
    ),
    "yaml-multiple-documents.hint": (
        "把第二部分移到另一个文件，或删除多余的“---”。",
        "move it to its own file or remove '---'.",
    ),
    "yaml-tag": (
        "不支持 YAML 标签“{tag}”：目录文件只用普通的文字、数字、列表和映射。",
        "YAML tag '{tag}' is not supported: catalogue files use plain text, numbers, lists and mappings.",
    ),
    "yaml-tag.hint": (
        "删除这个标签；需要文字时用引号括起来。",
        "remove the tag; quote the value if it must stay text.",
    ),
    "yaml-alias": (
        "这里使用了 YAML {what}。目录文件不允许锚点和别名：它们让复制的内容难以审阅，也可能被用来制造巨大的文件。",
        "a YAML {what} is used here. Catalogue files do not allow anchors "
        "or aliases: copied content is hard to review and can be used to blow up memory.",
    ),
    "yaml-alias.anchor": ("锚点（&）", "anchor (&)"),
    "yaml-alias.alias": ("别名（*）", "alias (*)"),
    "yaml-alias.hint": ("把要重复的内容直接写出来。", "write the repeated content out in full."),
    "yaml-complex-key": (
        "键必须是简单文字，这里却是列表或映射。",
        "a key must be plain text, not a list or mapping.",
    ),
    "yaml-duplicate-key": (
        "键“{key}”重复：第 {line} 行已经写过。保留第一次写的值，这一处被忽略。",
        "key '{key}' is repeated: it is already at line {line}. The first value is kept.",
    ),
    "yaml-duplicate-key.hint": ("删除其中一处，或把两处合并。", "remove one of them or merge the two."),
    "yaml-too-deep": (
        "嵌套超过 {depth} 层，目录文件不会有这么深的结构。",
        "nesting deeper than {depth} levels; a catalogue file is never this deep.",
    ),
    # Parser errors in plain words: "yaml-syntax" wraps one of the `yaml-syntax.*` explanations
    "yaml-syntax": ("YAML 语法错误：{problem}", "YAML syntax error: {problem}"),
    "yaml-syntax.untranslated": ("YAML 语法错误（{problem}）。", "YAML syntax error ({problem})."),
    "yaml-syntax.hint": (
        "检查这一行和上一行的缩进（只用空格，同级对齐）、冒号后的空格和引号是否成对。",
        "check this line and the one above: indentation (spaces, siblings aligned), a space after ':', paired quotes.",
    ),
    "yaml-syntax.surrogate": (
        "转义 {escape} 只是半个字符（单独的 UTF-16 代理码位），不能保存为文字。",
        "the escape {escape} is half a character (a lone UTF-16 surrogate) and cannot be stored as text.",
    ),
    "yaml-syntax.surrogate.hint": (
        "删除它；表情等字符请直接写出，或用 \\U 加 8 位十六进制（如 \\U0001F600）。",
        "remove it; write such a character as it is, or as \\U and 8 hex digits (e.g. \\U0001F600).",
    ),
    "yaml-syntax.unparsable": (
        "从这里往后的内容无法解析（常见原因：注释、| 或 > 的位置不对，或缩进不齐）。",
        "the text from here on cannot be parsed (often a misplaced comment, | or >, or uneven indentation).",
    ),
    "yaml-syntax.unparsable.hint": (
        "检查这一行之后几行的缩进（只用空格，同级对齐）、注释和 | > 的位置；文字中含有 | > # 时给整段加引号。",
        "check the indentation of the next lines (spaces, siblings aligned), comments and | >; "
        "quote text that holds | > #.",
    ),
    "yaml-syntax.mapping-values": (
        "这里不能出现“键: 值”。常见原因：缩进不对，或值里含有“: ”却没有加引号。",
        "a 'key: value' is not allowed here: the indentation is off, or a value contains ': ' without quotes.",
    ),
    "yaml-syntax.missing-colon": (
        "找不到键后面应有的冒号“:”。常见原因：上一行缺少冒号，或缩进与同级的键不一致。",
        "the ':' after a key is missing: the line lacks a colon, or its indentation differs from its siblings.",
    ),
    "yaml-syntax.block-end": (
        "缩进不一致：这一行没有和同一层级的其他行对齐。",
        "inconsistent indentation: this line is not aligned with its siblings.",
    ),
    "yaml-syntax.expected-key": (
        "缩进不一致或缺少“- ”：这里应当是一个键，或一个列表项。",
        "inconsistent indentation or a missing '- ': a key or a list item was expected here.",
    ),
    "yaml-syntax.list-indent": (
        "列表缩进不一致：这一项没有和其他的“- ”对齐。",
        "list indentation is inconsistent: this item is not aligned with the other '- ' items.",
    ),
    "yaml-syntax.flow-list": (
        "方括号列表 [ … ] 没有闭合，或两项之间缺少逗号。",
        "a [ … ] list is not closed, or a comma is missing between two entries.",
    ),
    "yaml-syntax.flow-map": (
        "花括号映射 {braces} 没有闭合，或两项之间缺少逗号。",
        "a {braces} mapping is not closed, or a comma is missing between two entries.",
    ),
    "yaml-syntax.end-of-stream": (
        "文件在引号或括号闭合之前就结束了。",
        "the file ends before a quote or bracket is closed.",
    ),
    "yaml-syntax.escape": (
        "双引号中的反斜杠“\\”开始了无效的转义。",
        "a backslash starts an invalid escape inside double quotes.",
    ),
    "yaml-syntax.tab": (
        "这里有一个制表符（Tab），YAML 只允许空格。",
        "a tab is here; YAML allows only spaces.",
    ),
    "yaml-syntax.character": (
        "这里有一个不能作为值开头的字符（如 @、` 或 %），请给整个值加引号。",
        "a character that cannot start a value is here (@, ` or %): quote the whole value.",
    ),
    "yaml-syntax.node-content": (
        "这里缺少值，或有多余的符号。",
        "a value is missing here, or there is a stray symbol.",
    ),
    "yaml-syntax.control-character": (
        "文件含有不允许的控制字符。",
        "the file holds a control character that is not allowed.",
    ),
    "yaml-syntax.tag-handle": ("使用了未定义的标签前缀（!…）。", "an undefined tag handle (!…) is used."),
}
