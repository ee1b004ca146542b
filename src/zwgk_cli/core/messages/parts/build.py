"""`zwgk build`: the output folder and the rendered files."""

MESSAGES: dict[str, tuple[str, str]] = {
    "stop.build.source-date-epoch": (
        "环境变量 SOURCE_DATE_EPOCH 的值“{value}”不是自 1970-01-01 UTC 起、到 9999 年底为止的整数秒数，"
        "无法按它给工作簿标注时间。请改正或删除这个变量（删除后按 zwgk.yaml 的 published 日期标注）。",
        "SOURCE_DATE_EPOCH is “{value}”, not a whole number of seconds since 1970-01-01 UTC up to the end "
        "of 9999, so the workbooks cannot be stamped with it; correct or unset it (unset, the published "
        "date in zwgk.yaml is used).",
    ),
    "stop.build.no-templates": (
        "模板文件夹 {templates} 不存在。",
        "template folder {templates} does not exist.",
    ),
    "stop.build.unknown-unit": (
        "单位名录中没有镇街“{name}”。可用镇街名称、办事处名称或代码，如：{known}",
        "no town or street '{name}' in the registry; known: {known}",
    ),
    "stop.build.unit-outside": (
        "{name}不在本目录范围（{reason}），不生成它的目录。单位名录中该单位的 outside 写明了原因。",
        "{name} is outside this catalogue's scope ({reason}); no catalogue is built for it. "
        "Its outside entry in the unit registry gives the reason.",
    ),
    "stop.build.output-holds-sources": (
        "输出文件夹 {out} 包含目录源文件夹 {sources}，生成时会把源文件替换掉。请换一个输出文件夹，如 -o dist。",
        "output folder {out} contains the catalogue sources {sources}; choose another, e.g. -o dist.",
    ),
    "stop.build.output-not-folder": (
        "{out} 已存在且不是文件夹，不能作为输出文件夹。",
        "{out} exists and is not a folder.",
    ),
    "stop.build.output-not-ours": (
        "{out} 不是空文件夹，也不是 zwgk 以前生成的输出（没有 {marker} 标记），为免覆盖其中的文件，拒绝写入。"
        "请指定一个新的或空的输出文件夹，如 -o dist。",
        "{out} is neither empty nor an earlier zwgk output (no {marker} marker); refusing to replace it. "
        "Name a new or empty folder, e.g. -o dist.",
    ),
    "stop.build.busy": (
        "另一个 zwgk build（{holder}）正在写入输出文件夹 {out}，本次没有生成，也没有改动任何文件。"
        "等它结束后再运行（锁文件 {lock} 由那个进程持有，进程结束时自动释放）。",
        "another zwgk build ({holder}) is writing the output folder {out}; nothing was built or changed. "
        "Run again when it has finished (the lock file {lock} is held by that process and freed when it ends).",
    ),
    "ui.build.restored": (
        "上次生成在替换输出文件夹时中断，{out} 不存在：已先把原来的输出从 {old} 移回，再生成。",
        "an earlier build was interrupted while replacing the output folder and {out} was missing: the previous "
        "output was first moved back from {old}, then the build ran.",
    ),
    "ui.build.cleaned": (
        "已删除中断的生成留在输出文件夹旁边的临时文件夹：{names}",
        "removed what interrupted builds left beside the output folder: {names}",
    ),
    "ui.build.lock-holder": ("进程 {pid}，开始于 {started}", "process {pid}, started {started}"),
    "ui.build.lock-holder-unknown": ("进程未知", "process unknown"),
    "stop.build.swap-failed": (
        "替换输出文件夹 {out} 时出错：{what}。新输出没有放入，原输出已移到 {retired}，未能移回；"
        "下次运行 zwgk build 时会先把它移回 {out}。",
        "replacing the output folder {out} failed: {what}. The new output was not put in place; the previous "
        "output was moved to {retired} and could not be moved back; the next zwgk build moves it back to {out}.",
    ),
    "stop.build.write-failed": (
        "写入输出文件夹 {out} 时出错：{what}{where}。原输出文件夹保持不变；"
        "腾出磁盘空间、改正文件夹权限或换一个输出文件夹（-o）后再运行。",
        "writing the output folder {out} failed: {what}{where}. The previous output is unchanged; "
        "free disk space, fix the folder's permissions or choose another folder (-o), then run again.",
    ),
    "stop.build.accept-without-since": (
        "--since-accept-errors 只与 --since 一起使用：它允许 --since 的版本有错误。",
        "--since-accept-errors goes with --since: it lets the --since revision have errors.",
    ),
    "ui.build.since-errors": (
        "--since 的旧版本 {label}有 {errors} 个错误，未生成网站：据此写出的调整说明不真实"
        "（读不出的文件会显示为整个领域新增，读不出的 zwgk.yaml 会使每项设置显示为新增）。",
        "the --since revision {label} has {errors} error(s); nothing was built: a change report from it would be "
        "false (a file it cannot read shows as a whole domain added, an unreadable zwgk.yaml as every setting new).",
    ),
    "ui.build.since-errors.hint": (
        "换一个没有错误的版本；确需以该版本为准时加 {option}，调整说明页会写明旧版本有错误、哪些文件未能读取。",
        "name a revision without errors; to use this one anyway add {option}: the change report then says the old "
        "version had errors and which files could not be read.",
    ),
    "ui.changes.incomplete": (
        "注意：{label}有 {errors} 个错误，本说明只比较了其中能读取的部分，可能不准确。有错误的文件：{files}。",
        "Note: {label} has {errors} error(s); only what could be read was compared, so this report may be wrong. "
        "Files with errors: {files}.",
    ),
    "ui.changes.unreadable": (
        "完全未能读取、未参与比较的文件：{files}（其中的内容在本说明中显示为整体新增或删除）。",
        "Files that could not be read at all and were left out: {files} (their contents show as added or removed "
        "as a whole).",
    ),
    "stop.build.template-link-outside": (
        "模板文件夹 {templates} 中的符号链接 {file} 指向文件夹以外的 {target}，拒绝使用：生成时会把别处的文件发布到网站。"
        "把要用的文件复制到模板文件夹中，或让链接指向模板文件夹内的文件。",
        "the symbolic link {file} in the templates folder {templates} points outside it, to {target}; refused, as it "
        "would publish a file from elsewhere. Copy the file into the templates folder or link inside it.",
    ),
    "stop.build.template-link-broken": (
        "模板文件夹 {templates} 中的符号链接 {file} 指向的 {target} 不存在。删除这个链接或改正它指向的位置。",
        "the symbolic link {file} in the templates folder {templates} points to {target}, which does not exist.",
    ),
    "stop.build.template-not-utf8": (
        "模板 {file} 第 {line} 行不是 UTF-8 编码。请用 UTF-8 保存模板文件。",
        "template {file} is not UTF-8 (line {line}); save it as UTF-8.",
    ),
    "stop.build.template-syntax": (
        "模板 {file} 第 {line} 行有语法错误：{what}",
        "template {file}, line {line}: syntax error: {what}",
    ),
    "stop.build.template-include-outside": (
        "模板 {file} 引用了 {include}，它在模板文件夹 {templates} 以外（绝对路径或含 ..），模板只能引用文件夹内的模板。"
        "把要引用的模板复制到模板文件夹中，写相对于该文件夹的名称。",
        "template {file} refers to {include}, outside the templates folder {templates} (an absolute path or ..); "
        "templates may only refer to templates inside the folder.",
    ),
    "stop.build.template-include-missing": (
        "模板 {file} 引用的模板 {include} 在模板文件夹 {templates} 和内置模板中都不存在。",
        "template {file} refers to {include}, found neither in the templates folder {templates} nor among the "
        "shipped templates.",
    ),
    "stop.build.template-cycle": (
        "模板 {file} 循环引用自身：{chain}。模板不能直接或间接地 include、import 或 extends 自己"
        "（要在内置模板基础上修改时，复制内置模板的内容，而不是 extends 同名模板）。",
        "template {file} refers to itself: {chain}. A template may not include, import or extend itself, directly "
        "or through others (to change a shipped template, copy its text instead of extending the same name).",
    ),
    "stop.build.template-asset-name": (
        "模板文件夹中的文件 {file} 的名称不能作为网站文件名（以点、空格或连字符开头，以点或空格结尾，"
        '含 < > : " | ? * # % \\ 或控制字符，或是 Windows 设备名如 con、nul）。请改名。',
        "the file {file} in the templates folder has a name no site file may have (a leading dot, space or hyphen, "
        'a trailing dot or space, one of < > : " | ? * # % \\ or a control character, or a Windows device name).',
    ),
    "stop.build.template-recursion": (
        "渲染模板 {template} 时模板无限循环引用（模板文件夹 {templates}）：检查按变量计算名称的 include、import 和 extends。",
        "rendering template {template} recursed without end (templates folder {templates}): check the includes, "
        "imports and extends whose names are computed.",
    ),
    "stop.build.template-not-found": (
        "渲染模板 {template} 时找不到它引用的模板 {include}（模板文件夹 {templates}）：模板只能引用模板文件夹内和内置的模板。",
        "rendering template {template}: the template it refers to, {include}, was not found (templates folder "
        "{templates}); only templates inside the folder and the shipped ones can be used.",
    ),
    "stop.build.template-failed": (
        "渲染模板 {template} 时出错：{what}",
        "rendering template {template} failed: {what}",
    ),
}
