"""Every diagnostic code zwgk can report, with its severity and a one-line description.

The codes are stable: CI scripts, waivers and docs/codes.md refer to them. The table in
docs/codes.md is generated from this list (tests/test_project.py keeps them equal).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class Code:
    """A stable code with its severity and one line in each language."""

    code: str
    severity: Literal["error", "warning"]
    zh: str
    en: str


_ALL: tuple[Code, ...] = (
    # Reading files
    Code(
        "file-encoding",
        "error",
        "文件不是 UTF-8 编码（如 GBK/GB18030、UTF-16）",
        "file is not UTF-8 (GBK/GB18030, UTF-16 …)",
    ),
    Code(
        "file-binary", "error", "文件含有 NUL 等二进制内容，不是文本", "file holds binary content (NUL bytes)"
    ),
    Code("file-too-large", "error", "文件过大，拒绝读取", "file is too large to read"),
    Code("file-empty", "error", "文件为空或只有注释", "file is empty or holds only comments"),
    Code("file-unreadable", "error", "文件无法读取", "file cannot be read"),
    Code(
        "file-symlink",
        "error",
        "YAML 文件（或上级目录文件夹）是符号链接，不读取",
        "a YAML file (or the upstream folder) is a symbolic link: not read",
    ),
    Code("yaml-tab", "error", "缩进中使用了制表符（Tab）", "a tab is used for indentation"),
    Code("yaml-fullwidth-colon", "error", "键后面用了全角冒号“：”", "a full-width colon '：' follows a key"),
    Code("yaml-fullwidth-space", "error", "行首用全角空格缩进", "a line is indented with full-width spaces"),
    Code(
        "yaml-fullwidth-comma",
        "error",
        "方括号列表用全角逗号或顿号分隔",
        "a [ ] list is separated with a full-width comma or 、",
    ),
    Code(
        "yaml-fullwidth-symbol",
        "error",
        "列表符号、注释符号或括号用了全角",
        "a full-width list dash, comment mark or bracket",
    ),
    Code("yaml-syntax", "error", "YAML 语法错误", "YAML syntax error"),
    Code("yaml-duplicate-key", "error", "同一映射中键重复", "duplicate key in one mapping"),
    Code(
        "yaml-alias",
        "error",
        "使用了 YAML 锚点或别名（& / *），不允许",
        "YAML anchors or aliases (& / *) are not allowed",
    ),
    Code("yaml-tag", "error", "使用了不支持的 YAML 标签（!!…）", "unsupported YAML tag (!!…)"),
    Code(
        "yaml-multiple-documents",
        "error",
        "一个文件里有多个 YAML 文档（---）",
        "more than one YAML document (---) in a file",
    ),
    Code("yaml-too-deep", "error", "嵌套层数过深", "nesting is too deep"),
    Code(
        "yaml-number-too-long",
        "error",
        "数字过长（超过 100 个字符）",
        "a number is too long (over 100 characters)",
    ),
    Code("yaml-complex-key", "error", "键不是简单文字", "a key is not a plain scalar"),
    # The shape of one file
    Code("field-missing", "error", "缺少必填字段", "a required field is missing"),
    Code("field-unknown", "error", "未知字段（可能拼写错误）", "unknown field (misspelt?)"),
    Code(
        "field-type",
        "error",
        "字段类型不对（如应为文字却写成数字）",
        "wrong type (e.g. a number where text is required)",
    ),
    Code("field-value", "error", "取值不在允许范围内", "value not among the allowed ones"),
    Code("field-format", "error", "格式不对（如编号、日期、slug）", "wrong format (id, date, slug …)"),
    Code("field-empty", "error", "必填内容为空", "a required value is empty"),
    # Rules across the catalogue
    Code(
        "config-invalid",
        "error",
        "zwgk.yaml 有误，依赖它的检查已跳过",
        "zwgk.yaml is invalid; checks that need it were skipped",
    ),
    Code(
        "domain-missing",
        "error",
        "应编制的领域没有对应文件，也未声明“未涉及”",
        "a required domain has no file and is not declared not applicable",
    ),
    Code(
        "domain-unknown",
        "error",
        "领域不在 zwgk.yaml 的 domains 列表中",
        "domain is not listed in zwgk.yaml's domains",
    ),
    Code(
        "domain-not-applicable",
        "error",
        "领域已声明“未涉及”却仍有目录文件",
        "a domain declared not applicable still has a file",
    ),
    Code("domain-duplicate", "error", "同一领域有两个文件", "two files for one domain"),
    Code("slug-filename", "error", "slug 与文件名不一致", "slug differs from the file name"),
    Code("slug-reserved", "error", "slug 是保留名称", "slug is a reserved name"),
    Code("order-duplicate", "error", "序号 (order) 重复", "order number used twice"),
    Code("order-gap", "error", "序号 (order) 不连续", "order numbers are not contiguous"),
    Code(
        "id-duplicate",
        "error",
        "事项编号重复（两处都会报告）",
        "item id used twice (both places are reported)",
    ),
    Code(
        "id-prefix",
        "error",
        "事项编号没有以本领域 slug 开头",
        "item id does not start with the domain's slug",
    ),
    Code(
        "unit-unknown", "error", "单位不在 zwgk.yaml 的单位名录中", "unit is not in zwgk.yaml's unit registry"
    ),
    Code(
        "unit-duplicate",
        "error",
        "单位名录中名称或 slug 重复",
        "unit name or slug used twice in the registry",
    ),
    Code(
        "unit-outside",
        "error",
        "单位已注明不在本目录范围（outside），却被用作公开主体、责任单位或单位组成员",
        "a unit marked outside the catalogue's scope is used as a subject, lead, partner or group member",
    ),
    Code(
        "unit-parent",
        "error",
        "村民委员会、居民委员会没有写所属镇街或所属镇街不在名录中，或其他单位写了所属镇街",
        "a 村民委员会/居民委员会 names no registered town, or another unit names one",
    ),
    Code(
        "group-member-unknown",
        "error",
        "单位组的成员不在单位名录中",
        "a group member is not in the unit registry",
    ),
    Code(
        "channel-unknown",
        "error",
        "公开渠道不在 zwgk.yaml 的渠道列表中",
        "channel is not in zwgk.yaml's channel list",
    ),
    Code(
        "level-unknown",
        "error",
        "公开层级不在 zwgk.yaml 的层级列表中",
        "level is not in zwgk.yaml's level list",
    ),
    Code(
        "subject-level",
        "error",
        "按层级写的公开主体，层级不是该事项的公开层级",
        "a subject is given for a level the item does not have",
    ),
    Code("audience-note", "error", "写了特定群体说明，却没有勾选特定群体", "audience note without 特定群体"),
    Code("link-scheme", "error", "链接不是 http/https 地址", "link is not an http/https address"),
    Code(
        "vocabulary-duplicate", "error", "zwgk.yaml 的列表中有重复值", "a list in zwgk.yaml repeats a value"
    ),
    Code(
        "waiver-invalid",
        "error",
        "豁免写法有误（未知代码，或代码不是警告）",
        "invalid waiver (unknown code, or not a warning)",
    ),
    # Warnings: can be waived per item with a reason
    Code("basis-no-title", "warning", "公开依据没有书名号《》", "basis lacks title marks 《》"),
    Code(
        "basis-doc-number",
        "warning",
        "公开依据中的文号不规范：年份括号不是〔〕、缺少“号”字，或年份不可能（早于 1949 年、晚于发布日期）",
        "a document number is malformed: the year not in 〔〕, no closing 号, or an impossible year",
    ),
    Code(
        "basis-repealed",
        "warning",
        "引用了目录发布时已失效的文件（如 2007 年版《政府信息公开条例》，国务院令第492号）",
        "cites an instrument no longer in force when the catalogue was published (e.g. Decree 492)",
    ),
    Code(
        "subject-other-level",
        "warning",
        "公开主体写的是其他层级的机关（市级、县级……）",
        "subject names another level's body (city, county …)",
    ),
    Code(
        "time-limit-long",
        "warning",
        "主动公开时限超过 20 个工作日且未注明例外依据",
        "proactive time limit exceeds 20 working days without an exception",
    ),
    Code(
        "time-limit-application",
        "warning",
        "依申请公开时限与条例第三十三条不符",
        "on-request time limit contradicts Article 33",
    ),
    Code(
        "item-duplicate",
        "warning",
        "同一领域内一级事项、二级事项完全相同的事项出现两次",
        "same category and name twice in a domain",
    ),
    Code(
        "category-split",
        "warning",
        "同一一级事项被其他事项隔开，无法合并单元格",
        "a category is split into separated runs",
    ),
    Code("content-empty", "warning", "公开内容（要素）为空", "disclosure content is empty"),
    Code("list-duplicate", "warning", "列表中同一个值写了两次", "the same value twice in a list"),
    Code(
        "request-public",
        "warning",
        "只依申请公开的事项选了向社会发布的渠道（政府网站、政府公报……）或公开对象“全社会”",
        "an item disclosed on request only lists a channel that publishes to everyone (website, gazette …) "
        "or the audience 全社会",
    ),
    Code(
        "privacy-recipients",
        "warning",
        "低保、特困等救助对象的名单在政府网站等网上渠道公开（个人隐私，条例第十五条）",
        "a list of assistance recipients (低保, 特困 …) is published online (personal privacy, Article 15)",
    ),
    Code(
        "frequency-village",
        "warning",
        "村（居）层级公开的脱贫攻坚、乡村振兴、村级财务、惠农政策、养老服务、社会救助事项没有写公开频次，或低于每季度（村级财务每月）",
        "a 村（居）-level item of the notice's areas gives no frequency, or posts less often than quarterly (村级财务: monthly)",
    ),
    Code(
        "village-mirror",
        "warning",
        "村（居）层级的事项与所衔接的镇街、区级事项公开内容不一致，或衔接的事项不存在",
        "a 村（居）-level item and the 镇街/区级 item it mirrors publish different content, or it mirrors no item",
    ),
    Code("domain-empty", "warning", "领域文件还没有任何事项", "the domain file has no items yet"),
    Code(
        "due-missing",
        "warning",
        "领域文件没有填写完成时间（due），任务分工表中这一格为空",
        "the domain file has no completion date (due): its cell in the task-division table is empty",
    ),
    Code(
        "waiver-unused",
        "warning",
        "豁免没有对应的警告，可以删除",
        "waiver silences nothing and can be removed",
    ),
    Code(
        "text-invisible-char",
        "warning",
        "文字中有看不见的控制字符、双向文字控制符或零宽字符",
        "a text holds an invisible control, bidirectional or zero-width character",
    ),
    # Claims against the upstream catalogue (认领)
    Code(
        "upstream-missing",
        "error",
        "上级目录（upstream.path）找不到或不是目录文件夹",
        "the upstream catalogue cannot be found",
    ),
    Code("upstream-invalid", "error", "上级目录本身有错误", "the upstream catalogue has errors"),
    Code("upstream-levels", "error", "上级层级与本目录层级的对应有误", "the upstream level mapping is wrong"),
    Code(
        "claim-unknown",
        "error",
        "认领的上级事项不存在（或没有设置上级目录）",
        "the claimed upstream item does not exist",
    ),
    Code("claim-duplicate", "error", "同一个上级事项被认领了两次", "an upstream item is claimed twice"),
    Code(
        "claim-level",
        "error",
        "认领的上级事项没有对应本目录的公开层级",
        "the claimed item has no level of ours",
    ),
    Code("decline-unknown", "error", "不认领的上级事项不存在", "the declined upstream item does not exist"),
    Code(
        "decline-claimed",
        "error",
        "同一个上级事项既认领又不认领",
        "an upstream item is both claimed and declined",
    ),
    Code(
        "claim-missing",
        "warning",
        "上级事项既没有认领也没有说明不认领",
        "an upstream item is neither claimed nor declined",
    ),
    Code(
        "claim-stale",
        "warning",
        "认领后上级事项有改动，需要复核",
        "the upstream item changed since it was claimed",
    ),
    Code(
        "upstream-edition",
        "warning",
        "上级目录已改版，需要复核认领",
        "the upstream catalogue has a new edition",
    ),
    # Importing tables (zwgk import)
    Code(
        "import-no-table",
        "error",
        "文件中没有找到政务公开标准目录表格（带公开事项、公开依据等列名的表头）",
        "no catalogue table (a header naming 公开事项, 公开依据 …) found in the file",
    ),
    Code(
        "import-column-missing",
        "error",
        "表格缺少目录的列（如公开依据、公开层级），导入的事项须补填",
        "the table lacks a catalogue column (公开依据, 公开层级 …); fill it in after importing",
    ),
    Code(
        "import-column-ignored",
        "warning",
        "表格中的列不对应目录的任何字段，其内容没有导入",
        "a table column matches no catalogue field; its content was not imported",
    ),
    Code(
        "import-row-skipped",
        "warning",
        "只有一段文字的行（说明、分组标题）没有作为事项导入",
        "a row holding a single text (a note or heading) was not imported as an item",
    ),
    Code(
        "import-domain-unknown",
        "error",
        "无法确定表格或行属于哪个领域，或领域没有领域代码",
        "cannot tell a table's or row's domain, or the domain has no slug",
    ),
    Code(
        "import-cell-empty",
        "error",
        "必填的单元格为空（或一项也没有勾选）",
        "a required cell is empty (or nothing is ticked)",
    ),
    Code(
        "import-same-as-above",
        "error",
        "单元格写着“同上”，上方却没有可以沿用的内容",
        "a cell says 同上 but there is nothing above it",
    ),
    Code(
        "import-mark-unknown",
        "error",
        "勾选单元格中的内容不是 √ 或空白",
        "a tick cell holds something other than a tick or blank",
    ),
    Code(
        "import-level-unmapped",
        "error",
        "公开层级对应不到 zwgk.yaml 的层级",
        "a level label maps to none of zwgk.yaml's levels",
    ),
    Code(
        "import-level-kept",
        "warning",
        "没有指定目录文件夹，公开层级按表格原样保留",
        "no catalogue folder: level labels are kept as written",
    ),
    Code(
        "import-channel-unknown",
        "error",
        "公开渠道不在 zwgk.yaml 的渠道列表中",
        "a channel is not in zwgk.yaml's channel list",
    ),
    Code(
        "import-unit-unknown",
        "error",
        "公开主体中的单位不在 zwgk.yaml 的单位名录中",
        "a subject names a unit not in zwgk.yaml's unit registry",
    ),
    Code(
        "import-header-missing",
        "error",
        "表格中没有领域的序号、主体责任单位或完成时间，须补填",
        "the table lacks the domain's order, lead unit or due date; fill them in",
    ),
    Code(
        "import-data-sheet",
        "warning",
        "工作簿的隐藏工作表 _zwgk 已被改动，按可见表格导入",
        "the workbook's hidden _zwgk sheet was altered; imported from the visible sheets",
    ),
    Code(
        "import-sheet-edited",
        "warning",
        "领域工作表在生成后被修改或删除，按可见表格（或隐藏数据）导入",
        "a domain sheet was edited or deleted after build; imported from what is left",
    ),
    Code(
        "import-item-missing",
        "error",
        "已有事项不在导入的表格中，替换会删除它，没有写入（确认删除加 --remove-missing）",
        "an existing item is not in the imported table; replacing would remove it, so nothing was written",
    ),
    Code(
        "import-item-removed",
        "warning",
        "已有事项不在导入的表格中，已按 --remove-missing 删除",
        "an existing item is not in the imported table; removed as --remove-missing confirms",
    ),
    # Formatting (zwgk fmt): why a file was left untouched, or a part of it left as written
    Code(
        "fmt-comment-in-brackets",
        "error",
        "注释写在方括号或花括号（[ ]、{ }）里面，文件无法排版",
        "a comment inside [ ] or { } keeps the file from being formatted",
    ),
    Code(
        "fmt-comment-position",
        "error",
        "注释所在的位置（如键和值之间）排版时无法保留，文件无法排版",
        "a comment sits where formatting cannot keep it (between a key and its value …)",
    ),
    # The review chain (zwgk.yaml review.stages) and review records (reviews/)
    Code("review-stage-duplicate", "error", "审核环节名称重复", "two review stages have the same name"),
    Code(
        "review-stage-unknown",
        "error",
        "环节名称不在 zwgk.yaml 的审核流程 (review.stages) 中",
        "a stage name that zwgk.yaml's review chain (review.stages) does not have",
    ),
    Code(
        "review-stage-after",
        "error",
        "审核环节的前一环节 (after) 不是列表中更早的环节",
        "a review stage's `after` is not a stage listed earlier",
    ),
    Code(
        "review-stage-dates",
        "error",
        "审核环节的截止日期早于其前一环节的截止日期",
        "a review stage is due before the stage it follows",
    ),
    Code(
        "review-no-stages",
        "error",
        "有审核记录，但 zwgk.yaml 没有设置审核流程",
        "review records exist but zwgk.yaml sets no review chain",
    ),
    Code(
        "review-domain-unknown",
        "error",
        "审核记录的领域没有领域文件，或文件名与领域不符",
        "a review record's domain has no domain file, or the record is misnamed",
    ),
    Code(
        "review-unit-unknown",
        "error",
        "审核记录所在文件夹不是本目录范围内镇、街道的单位代码",
        "a review record's folder is not the slug of a town or street in scope",
    ),
    Code("review-date-order", "error", "审核记录没有按日期先后排列", "review records are not in date order"),
    Code(
        "review-opinion-field",
        "error",
        "审查意见指向的字段不是事项的字段",
        "a review opinion names a field items do not have",
    ),
    Code(
        "review-reason-missing",
        "error",
        "审查意见标为“不采纳”却没有写理由",
        "a review opinion marked 不采纳 (not adopted) gives no reason",
    ),
    Code(
        "review-stage-order",
        "warning",
        "某环节记为通过时，它的前一环节还没有通过",
        "a stage is recorded as passed before the stage it follows passed",
    ),
    Code(
        "review-fingerprint-missing",
        "warning",
        "通过的记录没有内容摘要 (fingerprint)，之后的改动无从发现",
        "a pass is recorded without the content fingerprint it approved",
    ),
    Code(
        "review-opinion-item",
        "warning",
        "审查意见指向的事项编号不在所审目录中",
        "a review opinion names an item id the reviewed catalogue does not have",
    ),
    Code(
        "fmt-self-check",
        "error",
        "排版结果没有通过自检，文件未改动（zwgk 的缺陷）",
        "the formatted text failed the self-check; the file is left untouched (a zwgk bug)",
    ),
    Code(
        "fmt-not-rewritten",
        "error",
        "fmt 不改写这个文件：它是符号链接、只读文件或属于另一个用户",
        "fmt leaves the file as it is: a symbolic link, read-only, or another user's",
    ),
    Code(
        "fmt-order-kept",
        "warning",
        "键不是标准顺序，但重排会移动注释或空行，所以保持原顺序",
        "keys stay out of the standard order: reordering would move a comment or blank line",
    ),
    Code(
        "fmt-style-kept",
        "warning",
        "列表或映射不是标准写法，但改写会丢失或移动注释，所以保持原写法",
        "a list or mapping keeps its style: the standard one would lose or move a comment",
    ),
)

CODES: dict[str, Code] = {c.code: c for c in _ALL}
# Warnings about a source item can be waived on it; `zwgk import`'s findings are about tables and
# `zwgk fmt`'s about layout, and the review findings about review records, not items; an empty
# domain or a missing completion date is about the whole file, which no item's waiver covers.
WHOLE_FILE: frozenset[str] = frozenset({"domain-empty", "due-missing"})
WAIVABLE: frozenset[str] = frozenset(
    c.code
    for c in _ALL
    if c.severity == "warning"
    and not c.code.startswith(("import-", "fmt-", "review-"))
    and c.code not in WHOLE_FILE
)
