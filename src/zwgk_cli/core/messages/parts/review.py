"""The review chain and review records (check.review_settings, check.review_records).

``{where}`` names a field by its Chinese title and key (“第 2 条审核记录的审核环节 (stage)”).
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "review-stage-duplicate": (
        "{where}“{name}”与前面的环节重名：环节名称必须唯一。",
        "{where} '{name}' repeats an earlier stage: stage names must be unique.",
    ),
    "review-stage-duplicate.hint": (
        "改用另一个名称，或删去重复的环节（第 {number} 个环节已用此名）。",
        "rename it, or delete the repeated stage (stage {number} has this name).",
    ),
    "review-stage-unknown": (
        "{where}“{name}”不是 zwgk.yaml 中审核流程 (review.stages) 的环节。",
        "{where} '{name}' is not a stage of zwgk.yaml's review chain (review.stages).",
    ),
    "review-stage-unknown.after": (
        "{where}“{name}”不是审核流程中的环节（环节“{stage}”的前一环节）。",
        "{where} '{name}' is not a stage of the review chain (the stage before '{stage}').",
    ),
    "review-stage-unknown.require": (
        "{where}“{name}”不是审核流程 (review.stages) 中的环节。",
        "{where} '{name}' is not a stage of the review chain (review.stages).",
    ),
    "review-stage-after": (
        "{where}“{name}”排在环节“{stage}”之后（或就是它本身）：前一环节必须是列表中更早的环节。",
        "{where} '{name}' comes after stage '{stage}' (or is that stage): the stage before must come earlier in the list.",
    ),
    "review-stage-after.hint": (
        "写列表中排在前面的环节名称：{allowed}；或调整环节顺序。",
        "name a stage listed earlier: {allowed}; or reorder the stages.",
    ),
    "review-stage-dates": (
        "{where} {due} 早于前一环节“{before}”的截止日期 {before_due}（环节“{stage}”）。",
        "{where} {due} is before {before_due}, the due date of '{before}', the stage before '{stage}'.",
    ),
    "review-stage-dates.hint": (
        "截止日期应按审核先后递增；核对通知中各环节的时间。",
        "due dates must follow the order of the chain; check the dates the notice sets.",
    ),
    "review-no-stages": (
        "有审核记录 {file}，但 zwgk.yaml 没有设置审核流程 (review.stages)，无从核对。",
        "review record {file} exists but zwgk.yaml sets no review chain (review.stages) to check it against.",
    ),
    "review-no-stages.hint": (
        "在 zwgk.yaml 的 review.stages 中写明各环节（name 环节名称、actor 办理单位、due 截止日期），"
        "或删除 reviews/ 文件夹。",
        "list the stages in zwgk.yaml's review.stages (name, actor, due), or delete the reviews/ folder.",
    ),
    "review-domain-unknown": (
        "{where}“{domain}”不是本目录中有领域文件的领域。",
        "{where} '{domain}' is not a domain with a file in this catalogue.",
    ),
    "review-domain-unknown.none": ("本目录还没有领域文件。", "the catalogue has no domain file yet."),
    "review-domain-unknown.filename": (
        "审核记录 {file} 的文件名与领域不符：领域“{domain}”的审核记录应命名为 {slug}.yaml。",
        "review record {file} is misnamed: the record of domain '{domain}' must be called {slug}.yaml.",
    ),
    "review-domain-unknown.filename.hint": (
        "把文件改名为 {slug}.yaml（与领域文件同名）。",
        "rename the file {slug}.yaml (the name of the domain file).",
    ),
    "review-unit-unknown": (
        "审核记录 {file} 所在的文件夹“{folder}”不是单位名录中本目录范围内的镇、街道的单位代码 (slug)。",
        "review record {file} is in folder '{folder}', which is not the slug of a town or street in the catalogue's scope.",
    ),
    "review-unit-unknown.none": (
        "单位名录中没有本目录范围内的镇、街道。",
        "the registry has no town or street in the catalogue's scope.",
    ),
    "review-date-order": (
        "{where} {date} 早于上一条记录的日期 {before}：审核记录应按日期先后排列。",
        "{where} {date} is before the previous record's date {before}: records must be in date order.",
    ),
    "review-date-order.hint": (
        "按日期先后调整记录的顺序，或更正日期。",
        "put the records in date order, or correct the date.",
    ),
    "review-stage-order": (
        "{where}：环节“{stage}”记为通过时，前一环节“{before}”还没有通过的记录。",
        "{where}: stage '{stage}' is recorded as passed before stage '{before}' passed.",
    ),
    "review-stage-order.hint": (
        "先记录“{before}”的通过，或更正环节名称。",
        "record '{before}' as passed first, or correct the stage name.",
    ),
    "review-fingerprint-missing": (
        "{where}记为通过（{stage}），但没有记录审核时的内容摘要 (fingerprint)：之后的改动无从发现。",
        "{where} is recorded as passed ({stage}) without the content fingerprint it approved: later edits cannot be told.",
    ),
    "review-fingerprint-missing.hint": (
        "核对审核的正是当前内容后，填入 fingerprint: {fingerprint}",
        "once sure the approved content is the current one, add fingerprint: {fingerprint}",
    ),
    "review-fingerprint-missing.hint.unknown": (
        "领域文件有错误，改正后用 zwgk review 查看当前摘要。",
        "the domain file has errors: fix them, then see the current fingerprint with zwgk review.",
    ),
    "review-opinion-item": (
        "{where}“{id}”不是领域“{domain}”（所审目录）中的事项编号。",
        "{where} '{id}' is not an item id of domain '{domain}' (in the catalogue reviewed).",
    ),
    "review-opinion-item.hint": (
        "写所审目录中事项的编号；针对整个领域的意见不写 item。",
        "give the id of an item in the catalogue reviewed; an opinion on the whole domain has no item.",
    ),
    "review-opinion-field": (
        "{where}“{field}”不是事项的字段。",
        "{where} '{field}' is not a field of an item.",
    ),
    "review-reason-missing": (
        "{where}处理情况为“不采纳”，但没有写不采纳理由 (reason)。",
        "{where} is marked 不采纳 (not adopted) without a reason.",
    ),
    "review-reason-missing.hint": (
        "写明不采纳的理由，如所依据的法规条款或上级规定。",
        "give the reason, e.g. the article or rule it rests on.",
    ),
    # zwgk review: cannot run
    "stop.review.settings": (
        "zwgk.yaml 有错误，无法统计审核进度；先用 zwgk validate 改正。",
        "zwgk.yaml has errors, so the review cannot be shown; fix them first (zwgk validate).",
    ),
    "stop.review.no-stages": (
        "zwgk.yaml 没有设置审核流程 (review.stages)。写明各环节的名称、办理单位和截止日期后再运行，见 docs/review.md。",
        "zwgk.yaml sets no review chain (review.stages): list each stage's name, actor and due date first (docs/review.md).",
    ),
    "stop.review.as-of": (
        "--as-of 的值“{value}”不是日期，应写成 YYYY-MM-DD，如 2020-10-12。",
        "--as-of '{value}' is not a date: write YYYY-MM-DD, e.g. 2020-10-12.",
    ),
    "stop.review.output": (
        "--format {format} 要写文件，请用 -o 指定输出{format}文件（docx 为文件夹）。",
        "--format {format} writes a file: name it with -o (a folder for docx).",
    ),
    "stop.review.text-output": (
        "--format text 只输出到终端；要保存到文件请用 --format json -o 文件。",
        "--format text prints to the terminal only; to save to a file use --format json -o FILE.",
    ),
    "stop.review.domain": (
        "没有领域“{domain}”（可用领域名称或代码，如 aqsc）。",
        "no domain '{domain}' (give its name or slug, e.g. aqsc).",
    ),
    "stop.review.not-folder": (
        "{folder} 已存在且不是文件夹；docx 的 -o 应是文件夹。",
        "{folder} exists and is not a folder; -o names a folder for docx.",
    ),
    # zwgk review: the dashboard
    "ui.review.working": ("正在检查目录和审核记录…", "checking the catalogue and review records…"),
    "ui.review.title": ("审核进度：{catalogue}（截至 {date}）", "Review status: {catalogue} (as of {date})"),
    "ui.review.written": ("已写入 {file}（截至 {date}）。", "wrote {file} (as of {date})."),
    "ui.review.letter": (
        "已写入 {file}（{domain}领域审查意见书）。",
        "wrote {file} (review opinions on {domain}).",
    ),
    "ui.review.column.order": ("序号", "No."),
    "ui.review.column.domain": ("领域", "Domain"),
    "ui.review.column.lead": ("主体责任单位", "Lead unit"),
    "ui.review.column.state": ("状态", "State"),
    "ui.review.column.reached": ("已通过环节", "Stage passed"),
    "ui.review.column.next": ("下一环节（截止）", "Next stage (due)"),
    "ui.review.column.opinions": ("未处理意见", "Open opinions"),
    "ui.review.column.coverage": ("覆盖度", "Coverage"),
    "ui.review.column.conformity": ("规范度", "Conformity"),
    "ui.review.at": ("{stage}（{date}）", "{stage} ({date})"),
    "ui.review.whole-domain": ("整个领域", "whole domain"),
    "ui.review.state.done": ("已完成", "done"),
    "ui.review.state.stale": ("修改后待重新审核", "edited, to be reviewed again"),
    "ui.review.state.returned": ("退回修改", "returned for changes"),
    "ui.review.state.in-progress": ("审核中", "in review"),
    "ui.review.state.not-started": ("未报送", "not submitted"),
    "ui.review.state.no-file": ("未编制", "not drafted"),
    "ui.review.class.elements": ("要素完整", "elements complete"),
    "ui.review.class.citations": ("依据规范", "citations well-formed"),
    "ui.review.class.time-limits": ("时限合规", "time limits conform"),
    "ui.review.class.subjects": ("主体规范", "subjects registered"),
    "ui.review.class.channels": ("渠道一致", "channels consistent"),
    "ui.review.class.privacy": ("隐私保护", "privacy protected"),
    "ui.review.label.overdue": ("逾期", "overdue"),
    "ui.review.label.stale": ("重审", "re-review"),
    "ui.review.label.returned": ("退回", "returned"),
    "ui.review.label.opinion": ("意见", "opinion"),
    "ui.review.note.overdue": (
        "{domain}：下一环节“{stage}”（{actor}）应于 {due} 前完成，已逾期 {days} 天。",
        "{domain}: the next stage '{stage}' ({actor}) was due by {due}: {days} days overdue.",
    ),
    "ui.review.note.stale": (
        "{domain}：{date}“{stage}”通过的内容（摘要 {old}）之后有改动（现为 {new}），须重新审核。",
        "{domain}: the content '{stage}' approved on {date} (fingerprint {old}) has changed since (now {new}): review it again.",
    ),
    "ui.review.note.returned": (
        "{domain}：{date}“{stage}”退回修改（{by}）。{note}",
        "{domain}: returned for changes at '{stage}' on {date} ({by}). {note}",
    ),
    "ui.review.note.opinion": (
        "{domain} 第 {number} 条（{target}，{by}）：{text}",
        "{domain} no. {number} ({target}, {by}): {text}",
    ),
    "ui.review.summary": (
        "共 {domains} 个领域：已完成 {done}，审核中 {progress}，退回修改 {returned}，修改后待重新审核 {stale}，"
        "未报送或未编制 {waiting}；逾期 {overdue}；未处理意见 {opinions} 条。覆盖度 {coverage}，规范度 {conformity}"
        "（计算方法见 docs/review.md）。",
        "{domains} domains: {done} done, {progress} in review, {returned} returned, {stale} edited since approval, "
        "{waiting} not submitted or drafted; {overdue} overdue; {opinions} open opinions. Coverage {coverage}, "
        "conformity {conformity} (see docs/review.md).",
    ),
    # 先审后发 in zwgk build (review/gate.py, cli/commands/build.py)
    "ui.review.withheld.mark": ("未通过“{stage}”", "not past '{stage}'"),
    "stop.build.require-stage": (
        "--require-stage（或 review.require）的“{stage}”不是审核流程中的环节；可选：{allowed}。",
        "--require-stage (or review.require) '{stage}' is not a stage of the review chain; choose from {allowed}.",
    ),
    "ui.build.gate.label": ("未公开", "withheld"),
    "ui.build.gate.all": (
        "所有领域都已通过“{stage}”，全部公开。",
        "every domain has passed '{stage}': all are published.",
    ),
    "ui.build.gate.withheld": (
        "{domain}（{unit}）：尚未通过“{stage}”，{why}。",
        "{domain} ({unit}): not yet past '{stage}'; {why}.",
    ),
    "ui.build.gate.withheld.unit": (
        "{unit} · {domain}：尚未通过“{stage}”，{why}。",
        "{unit} · {domain}: not yet past '{stage}'; {why}.",
    ),
    "ui.build.gate.reached": ("已通过“{stage}”（{date}）", "passed '{stage}' ({date})"),
    "ui.build.gate.none": ("还没有通过任何环节", "no stage passed yet"),
    "ui.build.gate.stale": (
        "通过审核后内容有改动，须重新审核",
        "edited after approval, to be reviewed again",
    ),
    # 审查意见书 (review/letter.py)
    "ui.review.letter.title": ("关于《{title}》的审查意见", "Review opinions on {title}"),
    "ui.review.letter.example": (
        "本意见书依据示例目录生成，不是正式公文。",
        "Made from an example catalogue: not an official document.",
    ),
    "ui.review.letter.to": ("{lead}：", "To {lead}:"),
    "ui.review.letter.intro": (
        "你单位编制的《{title}》，{office}已按{date}的内容审查（内容摘要 {fingerprint}）。{progress}"
        "本领域覆盖度 {coverage}，规范度 {conformity}，其中{classes}。现将审查意见函告如下：",
        "{office} has reviewed your unit's {title} as it stood on {date} (content fingerprint {fingerprint}). "
        "{progress}Coverage of this domain: {coverage}; conformity: {conformity} ({classes}). "
        "The opinions follow.",
    ),
    "ui.review.letter.intro.no-fingerprint": (
        "领域文件有错误，未能计算",
        "none: the domain file has errors",
    ),
    "ui.review.letter.progress.reached": (
        "本领域已通过“{stage}”环节（{date}，{by}）。",
        "The domain passed stage '{stage}' on {date} ({by}). ",
    ),
    "ui.review.letter.progress.none": (
        "本领域尚未通过任何审核环节。",
        "The domain has passed no stage yet. ",
    ),
    "ui.review.letter.unmeasured": ("未测", "not measured"),
    "ui.review.letter.class": ("{label} {share}", "{label} {share}"),
    "ui.review.letter.separator": ("、", ", "),
    "ui.review.letter.opinions": ("一、审查意见", "I. Reviewers' opinions"),
    "ui.review.letter.opinions.none": ("无。", "None."),
    "ui.review.letter.findings": ("二、自动检查发现的问题", "II. Problems found by the automatic checks"),
    "ui.review.letter.findings.none": ("未发现问题。", "No problems found."),
    "ui.review.letter.next": ("三、下一步", "III. Next steps"),
    "ui.review.letter.item": (
        "一级事项“{category}”二级事项“{name}”（{id}）",
        "item {id} ({category} / {name})",
    ),
    "ui.review.letter.item.unknown": ("事项 {id}", "item {id}"),
    "ui.review.letter.whole-domain": ("整个领域", "the whole domain"),
    "ui.review.letter.field": ("的{title}（{key}）", ", field {key} ({title})"),
    "ui.review.letter.field.untitled": ("的字段 {key}", ", field {key}"),
    "ui.review.letter.stage": ("，{stage}", ", {stage}"),
    "ui.review.letter.opinion": (
        "{number}. {target}{field}（{by}，{date}{stage}）：",
        "{number}. On {target}{field} ({by}, {date}{stage}): ",
    ),
    "ui.review.letter.status": ("（处理情况：{status}）", " (status: {status})"),
    "ui.review.letter.status.reason": ("（处理情况：{status}。理由：", " (status: {status}; reason: "),
    "ui.review.letter.status.close": ("）", ")"),
    "ui.review.letter.status.open": ("未处理", "open"),
    "ui.review.letter.status.changed": ("已修改", "changed"),
    "ui.review.letter.status.declined": ("不采纳", "not adopted"),
    "ui.review.letter.finding": ("{number}. {where}：", "{number}. {where}: "),
    "ui.review.letter.finding.plain": ("{number}. ", "{number}. "),
    "ui.review.letter.finding.line": ("{file} 第 {line} 行", "{file}, line {line}"),
    "ui.review.letter.finding.hint": ("修改建议：{hint}", " To fix: {hint}"),
    "ui.review.letter.finding.code": ("（{severity}，{code}）", " ({severity}, {code})"),
    "ui.review.letter.next.stage": (
        "下一环节为“{stage}”，由{actor}于{due}前完成{note}。",
        "The next stage is '{stage}': {actor} to complete it by {due}{note}.",
    ),
    "ui.review.letter.next.note": ("（{note}）", " ({note})"),
    "ui.review.letter.next.overdue": ("该环节已逾期 {days} 天。", " It is {days} days overdue."),
    "ui.review.letter.next.returned": (
        "{date}“{stage}”环节退回修改（{by}），请按本意见书修改后重新报送。",
        "On {date} stage '{stage}' returned the domain for changes ({by}): revise it as this letter asks and submit it again.",
    ),
    "ui.review.letter.next.returned-note": ("（退回说明：", " (note: "),
    "ui.review.letter.next.opinions": (
        "请逐条处理上述 {count} 条未处理意见：修改，或写明不采纳的理由。",
        "Open opinions above: {count}. Deal with each: make the change, or give the reason for not adopting it.",
    ),
    "ui.review.letter.next.findings": (
        "请改正自动检查发现的问题：错误必须改正；警告应修改，或写明理由后豁免。",
        "Fix the problems the automatic checks found: errors must be fixed; change what a warning points at, or waive it with a reason.",
    ),
    "ui.review.letter.next.stale": (
        "{date}“{stage}”通过的内容（摘要 {old}）之后有改动（现为 {new}），须重新审核。",
        "The content approved at stage '{stage}' on {date} (fingerprint {old}) has changed since (now {new}): it must be reviewed again.",
    ),
    "ui.review.letter.next.done": (
        "本领域已完成全部审核环节（“{stage}”，{date}），无需再办理。",
        "The domain has passed every stage (the last, '{stage}', on {date}): nothing is left to do.",
    ),
    # dashboard page and workbook (review/page.py, review/workbook.py)
    "ui.review.page.heading": ("{catalogue}审核进度", "{catalogue}: review status"),
    "ui.review.page.as-of": ("截至 {date}", "As of {date}"),
    "ui.review.page.internal": (
        "内部工作页面，不对外发布。由 zwgk review 按上述日期统计；审核单位：{office}。",
        "Internal working page, not for publication. Made by zwgk review for the date above; reviewing office: {office}.",
    ),
    "ui.review.page.domains": ("各领域审核进度", "Progress by domain"),
    "ui.review.page.chase": ("待跟进事项", "To follow up"),
    "ui.review.page.nothing": (
        "没有未处理的审查意见、待重新审核的内容或退回修改的领域。",
        "No open opinions, no content to review again and no domain returned for changes.",
    ),
    "ui.review.page.domain-lead": ("{domain}（{lead}）", "{domain} ({lead})"),
    "ui.review.page.opinions": ("{domain}：未处理的审查意见", "{domain}: open review opinions"),
    "ui.review.page.stale": (
        "通过后内容有改动，须重新审核：",
        "Changed since approval, to be reviewed again:",
    ),
    "ui.review.page.stale-line": (
        "{stage}（{date} 通过）：内容摘要 {old} → {new}",
        "{stage} (passed {date}): fingerprint {old} → {new}",
    ),
    "ui.review.page.returned": (
        "{stage}（{date}，{by}）退回修改：{note}",
        "Returned for changes at {stage} ({date}, {by}): {note}",
    ),
    "ui.review.page.scores": ("各领域规范度评分", "Conformity by domain"),
    "ui.review.page.method": (
        "各类一列为该领域没有此类问题的事项所占比例，规范度是各类比例按权重（合计 100）的加权和；"
        "覆盖度、规范度的计算方法和每类包含的检查项见 docs/review.md。",
        "Each class column is the share of the domain's items without a finding of that class; conformity "
        "is the sum of the shares weighted as shown (weights total 100). docs/review.md gives the method "
        "for coverage and conformity and the checks in each class.",
    ),
    "ui.review.passed": ("{stage}（{date}，{by}）", "{stage} ({date}, {by})"),
    "ui.review.field": ("{title} ({key})", "{key}"),
    "ui.review.item": ("{id} {category} · {name}", "{id} {category} · {name}"),
    "ui.review.class-weight": ("{label}（权重 {weight}）", "{label} (weight {weight})"),
    "ui.review.mean": ("平均", "Mean"),
    "ui.review.column.passed": ("已通过环节（日期、单位）", "Stage passed (date, by)"),
    "ui.review.column.due": ("下一环节（截止日期）", "Next stage (due)"),
    "ui.review.column.overdue-days": ("逾期天数", "Days overdue"),
    "ui.review.column.fingerprint": ("内容摘要", "Fingerprint"),
    "ui.review.column.items": ("事项数", "Items"),
    "ui.review.column.stage": ("环节", "Stage"),
    "ui.review.column.actor": ("办理单位", "Handled by"),
    "ui.review.column.due-date": ("截止日期", "Due"),
    "ui.review.column.note": ("说明", "Note"),
    "ui.review.column.item": ("事项", "Item"),
    "ui.review.column.item-id": ("事项编号", "Item id"),
    "ui.review.column.category": ("一级事项", "Category"),
    "ui.review.column.name": ("二级事项", "Item name"),
    "ui.review.column.field": ("字段", "Field"),
    "ui.review.column.by": ("提出单位", "Raised by"),
    "ui.review.column.date": ("日期", "Date"),
    "ui.review.column.text": ("意见", "Opinion"),
    "ui.review.column.status": ("处理情况", "Status"),
    "ui.review.column.reason": ("不采纳理由", "Reason not adopted"),
    "ui.review.opinion.open": ("未处理", "open"),
    "ui.review.opinion.changed": ("已修改", "changed"),
    "ui.review.opinion.declined": ("不采纳", "not adopted"),
    "ui.review.book.progress": ("审核进度", "Progress"),
    "ui.review.book.opinions": ("审查意见", "Opinions"),
    "ui.review.book.scores": ("评分", "Scores"),
    "ui.review.book.stages": ("审核环节", "Stages"),
    "ui.review.book.sheet-title": (
        "{sheet}：{catalogue}（截至 {date}）",
        "{sheet}: {catalogue} (as of {date})",
    ),
    "ui.review.book.subject": ("基层政务公开标准目录审核进度", "Review status of a disclosure catalogue"),
    "ui.review.book.weights": (
        "规范度 = 各类比例 × 权重之和。权重：{weights}。计算方法见 docs/review.md。",
        "Conformity = the sum of each class's share × its weight. Weights: {weights}. Method: docs/review.md.",
    ),
    "ui.review.book.footer": ("第 &P 页，共 &N 页", "Page &P of &N"),
    "ui.review.book.no-opinions": ("截至当日没有审查意见。", "No review opinions up to this day."),
}
