"""Rules that span files (check.rules) and waivers that silence nothing (check.pipeline).

``{item}`` names an item by its place and id (“第 4 个事项（zdjsxm-004）”); ``{where}`` names any
field (core.wording.describe); a list of values comes joined for each language.
"""

# One sentence for a name missing from the unit registry, whichever list it was written in.
_NOT_REGISTERED = (
    "{where} 中的“{name}”不在 zwgk.yaml 的单位名录 (units) 或单位组 (groups) 中。",
    "'{name}' in {where} is not in zwgk.yaml's units or groups.",
)
# One sentence for a value outside the vocabulary zwgk.yaml lists (channels or levels).
_NOT_LISTED = (
    "{item}的 {title} ({key}) 中的“{value}”不在 zwgk.yaml 的 {key} 列表中。",
    "{item}: {key} ({title}) '{value}' is not in zwgk.yaml's {key}.",
)
# One sentence for a value written twice in one of zwgk.yaml's lists.
_REPEATED = (
    "{where} “{value}”重复：第 {line} 行已有。",
    "{where} '{value}' is repeated: already at line {line}.",
)

MESSAGES: dict[str, tuple[str, str]] = {
    # zwgk.yaml
    "vocabulary-duplicate": _REPEATED,
    "unit-duplicate": _REPEATED,
    "unit-duplicate.group": (
        "单位组名称“{name}”与单位名录中的单位重名。",
        "group name '{name}' is also a unit's name.",
    ),
    "field-empty.group": (
        "{where} 既没有 members 也没有 kinds，不包含任何单位。",
        "{where} has neither members nor kinds: it holds no unit.",
    ),
    "domain-unknown.not-applicable": (
        "{where} “{domain}”不在应编制领域 (domains) 中。",
        "{where} '{domain}' is not among the required domains.",
    ),
    "unit-unknown": _NOT_REGISTERED,
    "group-member-unknown": _NOT_REGISTERED,
    "unit-outside": (
        "{where} 中的“{name}”已在单位名录中注明不在本目录范围：{reason}。",
        "'{name}' in {where} is marked outside this catalogue's scope in the unit registry: {reason}.",
    ),
    "unit-outside.hint": (
        "删去该单位，或改写为本目录范围内的单位；若它确属本目录，删去单位名录中该单位的 outside。",
        "remove the unit or name one inside the catalogue; if it does belong here, drop its outside in the registry.",
    ),
    "unit-unknown.place.hint": ("单位名称应写“{name}”。", "the unit is called '{name}'."),
    "unit-unknown.separator.hint": ("多个单位之间用顿号“、”分隔。", "separate several units with '、'."),
    "unit-unknown.hint": (
        "先在 zwgk.yaml 的 units 中登记该单位。",
        "register the unit under units in zwgk.yaml first.",
    ),
    # Domain files
    "domain-unknown": (
        "领域名称 (domain)“{domain}”不在 zwgk.yaml 的应编制领域 (domains) 中。",
        "domain '{domain}' is not listed in zwgk.yaml's domains.",
    ),
    "domain-not-applicable": (
        "领域“{domain}”在 zwgk.yaml 中声明为未涉及 (not_applicable)，却仍有这个目录文件。",
        "domain '{domain}' is declared not applicable in zwgk.yaml but still has this file.",
    ),
    "domain-not-applicable.hint": (
        "删除这个文件，或从 zwgk.yaml 的 not_applicable 中去掉该领域。",
        "delete this file, or remove the domain from not_applicable in zwgk.yaml.",
    ),
    "domain-duplicate": (
        "领域“{domain}”已由 {file} 编制，一个领域只能有一个文件。",
        "domain '{domain}' is already compiled in {file}; one file per domain.",
    ),
    "domain-missing": (
        "应编制领域“{domain}”没有对应的目录文件，也没有在 not_applicable 中说明未涉及的原因。",
        "required domain '{domain}' has no file and is not declared not applicable.",
    ),
    "domain-missing.hint": (
        "新建该领域的 YAML 文件；若本地区未涉及，在 zwgk.yaml 的 not_applicable 中写明：- {{domain: {domain}, reason: …}}",
        "create the domain's YAML file, or declare it under not_applicable: - {{domain: {domain}, reason: …}}",
    ),
    "order-duplicate": (
        "序号 (order) {order} 已被 {file}（{domain}）使用。",
        "order {order} is already used by {file} ({domain}).",
    ),
    "order-duplicate.hint": (
        "每个领域的序号唯一，从 1 开始连续编号。",
        "each domain has its own order, numbered 1, 2, 3 … without gaps.",
    ),
    "order-gap": (
        "序号 (order) {order} 超出了 1–{total}：{total} 个领域的序号应从 1 起连续编号。",
        "order {order} is outside 1–{total}: {total} domains are numbered from 1 without gaps.",
    ),
    "order-gap.missing": (
        "序号 (order) {order} 超出了 1–{total}：{total} 个领域的序号应从 1 起连续编号，缺少 {missing}。",
        "order {order} is outside 1–{total}: {total} domains are numbered from 1 without gaps; missing {missing}.",
    ),
    "slug-filename": (
        "领域代码 (slug)“{slug}”与文件名“{file}”不一致。",
        "slug '{slug}' differs from the file name '{file}'.",
    ),
    "slug-filename.hint": (
        "把文件改名为 {slug}.yaml，或把 slug 改为 {stem}。",
        "rename the file to {slug}.yaml, or set slug: {stem}.",
    ),
    "slug-reserved": (
        "“{slug}”是保留名称（输出文件或 Windows 设备名），不能作为领域代码 (slug)。",
        "'{slug}' is reserved (an output name or a Windows device name) and cannot be a slug.",
    ),
    "slug-reserved.hint": ("换一个拼音缩写，如 zdjsxm。", "choose another pinyin abbreviation, e.g. zdjsxm."),
    "slug-reserved.unit": (
        "{where} “{slug}”是 Windows 设备名，不能作为代码：zwgk build --all-units 以它为文件夹名，"
        "Windows 上无法创建这样的文件夹。",
        "{where} '{slug}' is a Windows device name and cannot be a slug: zwgk build --all-units names a "
        "folder after it, which Windows cannot create.",
    ),
    "slug-reserved.unit.hint": (
        "换一个拼音缩写（设备名 con、prn、aux、nul、com1–com9、lpt1–lpt9 之外），如在后面加上 -1。",
        "choose another pinyin abbreviation (not con, prn, aux, nul, com1–com9 or lpt1–lpt9), e.g. add -1.",
    ),
    "id-duplicate": (
        "事项编号“{id}”与{place}重复（共 {count} 处）。编号在整个目录中必须唯一（diff 按编号比对版本）。",
        "item id '{id}' repeats the one at {place} ({count} places in all); ids are unique across the catalogue.",
    ),
    "id-duplicate.first": (
        "事项编号“{id}”在{place}又用了一次（共 {count} 处）。编号在整个目录中必须唯一（diff 按编号比对版本）。",
        "item id '{id}' is used again at {place} ({count} places in all); ids are unique across the catalogue.",
    ),
    "id-duplicate.first.many": (
        "事项编号“{id}”还用在另外 {others} 处（共 {count} 处，从{place}起，各处分别列出）。"
        "编号在整个目录中必须唯一（diff 按编号比对版本）。",
        "item id '{id}' is used at {others} more places ({count} in all, from {place} on, each listed); "
        "ids are unique across the catalogue.",
    ),
    "id-duplicate.place": (" {file} 第 {line} 行", "{file} line {line}"),  # zh: a space before a file name
    "id-duplicate.place.same-file": ("本文件第 {line} 行", "line {line} of this file"),
    "id-duplicate.hint": (
        "给其中一个事项换一个新编号（不要复用已删除事项的编号）。",
        "give one of them a new id (never reuse a removed item's id).",
    ),
    # Items
    "id-prefix": (
        "第 {number} 个事项的编号 (id)“{id}”应以本领域的 slug“{slug}-”开头。",
        "item {number}: id '{id}' should start with the domain slug '{slug}-'.",
    ),
    "id-prefix.hint": ("例如 {slug}-{number:03d}。", "e.g. {slug}-{number:03d}."),
    "audience-note": (
        "{item}写了特定群体说明 (audience_note)，但公开对象 (audience) 没有勾选“特定群体”。",
        "{item} has an audience_note but its audience lacks 特定群体.",
    ),
    "audience-note.hint": (
        "在 audience 中加上 特定群体，或删除 audience_note。",
        "add 特定群体 to audience, or drop audience_note.",
    ),
    "channel-unknown": _NOT_LISTED,
    "level-unknown": _NOT_LISTED,
    "subject-level": (
        "{item}的公开主体 (subject) 按层级“{level}”填写，但该事项的公开层级 (levels) 是 {levels}。",
        "{item} gives a subject for level '{level}', but its levels are {levels}.",
    ),
    "subject-level.hint": ("层级只能是：{levels}。", "levels allowed here: {levels}."),
    "link-scheme": (
        "{item}的链接 (link)“{link}”不是 http:// 或 https:// 开头的网址。",
        "{item}: link '{link}' is not an http:// or https:// address.",
    ),
    "link-scheme.malformed": (
        "{item}的链接 (link)“{link}”不是有效的网址：主机名部分（// 之后到下一个 / 之前）写法不对，"
        "如方括号 [ ] 不成对，或含有会被当作分隔符的全角字符。",
        "{item}: link '{link}' is not a valid address: its host part (after // up to the next /) is "
        "malformed, e.g. an unpaired [ ] or a full-width character that reads as a separator.",
    ),
    "link-scheme.hint": (
        "写完整的网址，如 https://www.ybq.gov.cn/…",
        "write a full address such as https://www.ybq.gov.cn/…",
    ),
    "waiver-invalid": ("{item}豁免的代码“{code}”不存在。", "{item} waives '{code}', which is not a code."),
    "waiver-invalid.error": (
        "{item}豁免了“{code}”，但它是错误，不能豁免，只能改正。",
        "{item} waives '{code}', which is an error: errors cannot be waived.",
    ),
    "waiver-unused": (
        "第 {number} 个事项（{id}）豁免了“{code}”，但该事项并没有这条警告。",
        "item {number} ({id}) waives '{code}', but it has no such warning.",
    ),
    "waiver-unused.hint": ("删除这条豁免。", "remove this waiver."),
}
