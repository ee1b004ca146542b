"""One file against its model (check.schema), and what stops or limits a whole check (check.pipeline).

``{where}`` names the field in each language (core.wording.describe); ``{value}`` is the value as
written, already quoted.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # What kind of value a field wants or got.
    "ui.kind.text": ("文字", "text"),
    "ui.kind.whole-number": ("整数", "a whole number"),
    "ui.kind.number": ("数字", "a number"),
    "ui.kind.true-or-false": (" true 或 false", "true or false"),
    "ui.kind.boolean": ("true/false", "a boolean"),
    "ui.kind.list": ("列表", "a list"),
    "ui.kind.mapping": ("映射（键: 值）", "a mapping (key: value)"),
    "ui.kind.null": ("空值", "empty (null)"),
    "ui.kind.other": ("其他类型", "another type"),
    # Findings.
    "field-missing": ("缺少必填字段 {where}。", "required field {where} is missing."),
    "field-missing.hint": ("在这里加上一行：{key}: …", "add a line here: {key}: …"),
    "field-unknown": ("未知字段“{key}”。", "unknown field '{key}'."),
    "field-unknown.title.hint": (
        "键名用英文：把“{key}”改为 {name}。",
        "keys are English: write {name} instead of '{key}'.",
    ),
    "field-unknown.close.hint": ("是否要写 {name}（{title}）？", "did you mean {name} ({title})?"),
    "field-unknown.hint": ("允许的字段：{allowed}。", "allowed fields: {allowed}."),
    "field-type": (
        "{where} 应为{want}，这里写的是{got} {value}。",
        "{where} should be {want}, but {value} is {got}.",
    ),
    "field-type.number.hint": (
        'YAML 把不带引号的 {value} 读成了数字；请加引号：{key}: "{value}"',
        'YAML reads unquoted {value} as a number; quote it: {key}: "{value}"',
    ),
    "field-type.leading-zero.hint": (
        'YAML 把不带引号的 {value} 读成了数字（前导零会丢失）；请加引号：{key}: "{value}"',
        'YAML reads unquoted {value} as a number; quote it: {key}: "{value}"',
    ),
    "field-type.boolean.hint": (
        'YAML 把 {value} 读成了真假值；请加引号：{key}: "{value}"',
        'YAML reads {value} as a boolean; quote it: {key}: "{value}"',
    ),
    "field-type.want-boolean.hint": (
        "写 true 或 false（yes/no、是/否 都不算）。",
        "write true or false (not yes/no).",
    ),
    "field-type.want-list.hint": (
        "列表写成 [{value}]；多个值用逗号分隔，如 [主动, 依申请]。",
        "write a list as [{value}]; separate values with commas, e.g. [主动, 依申请].",
    ),
    "field-type.null.hint": ("填写内容，或删除这一行。", "fill in a value or remove the line."),
    "field-type.not-mapping": (
        "{where} 应为映射（一组“键: 值”），这里却是{got}。",
        "{where} should be a mapping (key: value pairs), not {got}.",
    ),
    "field-type.not-mapping.hint": (
        "每个事项以“- id: …”开始，下面缩进写各字段。",
        "each item starts with '- id: …' and indents its fields.",
    ),
    "field-type.subject": (
        "{where} 应为单位名称（多个用“、”分隔），或“层级: 单位”的映射，这里是 {value}。",
        "{where} should be unit names (joined by '、') or a mapping level: units, not {value}.",
    ),
    "field-type.subject.hint": (
        "例如：subject: 区民政局、各镇人民政府（街道办事处）",
        "e.g. subject: 区民政局、各镇人民政府（街道办事处）",
    ),
    "field-value": (
        "{where} 不能是 {value}，可选值为：{allowed}。",
        "{where} cannot be {value}; allowed: {allowed}.",
    ),
    "field-value.minimum": (
        "{where} 不能是 {value}，应不小于 {limit}。",
        "{where} cannot be {value}; it must be at least {limit}.",
    ),
    # Any other complaint of the model, in pydantic's (English) words; the English leaves out the value.
    "field-value.other": ("{where} 的值 {value} 不符合要求（{reason}）。", "{where}: {reason}."),
    "field-format.id": (
        "{where} {value} 格式不对：只能用小写英文字母、数字和连字符，如 zdjsxm-001。",
        "{where} {value} is malformed: use lowercase letters, digits and hyphens, e.g. zdjsxm-001.",
    ),
    "field-format.id.hint": (
        "编号写作“领域slug-三位序号”，如 zdjsxm-001。",
        "ids are '<domain slug>-NNN', e.g. zdjsxm-001.",
    ),
    "field-format.slug": (
        "{where} {value} 格式不对：只能用小写英文字母、数字和连字符（如 zdjsxm、long-xi）。",
        "{where} {value} is malformed: use lowercase letters, digits and hyphens (e.g. zdjsxm).",
    ),
    "field-format.slug.hint": (
        "用拼音首字母或英文，不用汉字、空格和大写。",
        "use pinyin initials or English; no CJK, spaces or capitals.",
    ),
    "field-format.fingerprint": (
        "{where} {value} 格式不对：内容摘要是 12 位小写十六进制数字（0-9、a-f），如 3f2a9c0d41be。",
        "{where} {value} is malformed: a fingerprint is 12 lowercase hex digits, e.g. 3f2a9c0d41be.",
    ),
    "field-format.fingerprint.hint": (
        "从 zwgk review --format json 的 fingerprint 复制当前摘要。",
        "copy the current one from the fingerprint field of zwgk review --format json.",
    ),
    "field-format.date": (
        "{where} 应为日期，写作 年-月-日（如 2020-10-30），这里是 {value}。",
        "{where} should be a date written YYYY-MM-DD (e.g. 2020-10-30), not {value}.",
    ),
    "field-empty": ("{where} 不能为空。", "{where} must not be empty."),
    "config-invalid": (
        "{file} 有误，依赖它的检查（单位、渠道、层级、应编制领域）本次跳过；改正后再运行一次。",
        "{file} is invalid: checks that need it (units, channels, levels, required domains) "
        "were skipped; run again once it is fixed.",
    ),
    # A check that cannot run.
    "stop.check.no-folder": (
        "目录文件夹 {folder} 不存在。请在目录项目的根目录运行，或指明目录文件夹，如 zwgk validate catalogues；"
        "还没有目录项目时，zwgk init 项目文件夹 --region 重庆市XX区 新建一个，"
        "或 zwgk init 项目文件夹 --example 得到渝北区示例。",
        "catalogue folder {folder} does not exist. Run in a catalogue project's root, "
        "or name the folder, e.g. zwgk validate catalogues; start a project with "
        "zwgk init DIR --region …, or zwgk init DIR --example for the 渝北区 example.",
    ),
    "stop.check.not-a-folder": ("{folder} 不是文件夹。", "{folder} is not a folder."),
    "stop.check.no-settings": (
        "{folder} 中没有 {file}，它不是 zwgk 目录文件夹。",
        "{folder} has no {file}: it is not a zwgk catalogue folder.",
    ),
}
