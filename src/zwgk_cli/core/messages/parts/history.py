"""Git revisions, older schema versions and comparing two versions."""

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- reading a side -------------------------------------------------------------------------
    "stop.history.no-git": (
        "找不到 git 命令：比较版本需要安装 git。",
        "git is not installed: comparing revisions needs git.",
    ),
    "stop.history.not-a-repository": (
        "{cwd} 不在 git 仓库中：按版本比较需要在仓库里运行；也可以直接比较两个文件夹，如 zwgk diff 旧目录 新目录。",
        "{cwd} is not inside a git repository; compare two folders instead, e.g. zwgk diff old new.",
    ),
    "stop.history.revision-dash": (
        "版本名不能以“-”开头：{revision}",
        "a revision cannot start with '-': {revision}",
    ),
    "stop.history.unknown-revision": (
        "git 中没有版本“{revision}”。可以用标签（如 v2020）、分支、HEAD~1 或提交编号；git log --oneline 可列出提交。",
        "unknown revision '{revision}': use a tag (e.g. v2020), a branch, HEAD~1 or a commit hash.",
    ),
    "stop.history.cannot-read-files": (
        "无法从 git 读取版本 {revision} 的文件：{problem}。仓库可能是部分克隆（--filter）或浅克隆，"
        "缺少的文件要从远程仓库取得却取不到：连上远程仓库后重试，或在完整克隆的仓库中比较。",
        "cannot read the files of {revision} from git: {problem}. A partial (--filter) or shallow clone "
        "fetches missing files from its remote, which failed: retry with the remote reachable, or "
        "compare in a full clone.",
    ),
    "stop.history.no-settings-at-revision": (
        "版本 {revision} 的 {prefix} 中没有 {settings}：那时目录还不在这个文件夹里？可用 --dir 指定目录文件夹。",
        "{prefix} at {revision} has no {settings}; name the catalogue folder with --dir.",
    ),
    "stop.history.not-a-catalogue": (
        "{folder} 中没有 {settings}，它不是目录文件夹。",
        "{folder} has no {settings}.",
    ),
    "stop.history.folder-without-settings": (
        "{candidate} 是文件夹，但其中没有 {settings}，也没有 {folder}/{settings}。",
        "{candidate} is a folder without {settings} or {folder}/{settings}.",
    ),
    "stop.history.outside-repository": (
        "目录文件夹 {folder} 不在 git 仓库 {repo} 之内，无法按版本读取。",
        "catalogue folder {folder} is outside the repository {repo}.",
    ),
    "stop.history.no-settings": (
        "两个版本的 zwgk.yaml 都有错误，无法生成网页。",
        "both sides' zwgk.yaml are invalid.",
    ),
    # ---- older formats ----------------------------------------------------------------------------
    "stop.history.schema-too-new": (
        "{label} 的格式版本是 {version}，比本 zwgk 支持的 {current} 新：请升级 zwgk（python -m pip install -U zwgk）。",
        "{label} uses schema_version {version}, newer than {current}: upgrade zwgk.",
    ),
    "stop.history.schema-unknown": (
        "{label} 的格式版本 {version} 无法识别（最早的版本是 1）。",
        "{label} has schema_version {version}, which zwgk does not know (the first is 1).",
    ),
    # ---- what a comparison says (its reports are in Chinese: the .zh half is used) ----------------
    "ui.history.migrated": (
        "{label}：按格式版本 {old} → {new} 的迁移规则读取（{description}）。",
        "{label}: read through the migration from schema version {old} to {new} ({description}).",
    ),
    "ui.history.working-tree": ("当前文件，未提交", "the files as they are now (not committed)"),
    "ui.history.version": ("{edition}（{where}）", "{edition} ({where})"),
    "ui.history.commit": ("{date} 提交“{subject}”", "commit of {date}, “{subject}”"),
    "ui.history.tagged-commit": (
        "标签 {tag}，{date} 提交“{subject}”",
        "tag {tag}, commit of {date}, “{subject}”",
    ),
    "ui.history.no-id": (
        "{label} {slug} 第 {number} 个事项没有文字编号 (id)，无法比对。",
        "{label} {slug}: item {number} has no text id and cannot be compared.",
    ),
    "ui.history.duplicate-id": (
        "{label} 事项编号 {ident} 重复，只比对第一次出现的事项。",
        "{label}: item id {ident} appears more than once; only the first is compared.",
    ),
    "ui.history.origin.upstream": (
        "（上级目录事项 {parent} 的调整，经认领带来）",
        "(a change to the upstream item {parent}, reaching it through the claim)",
    ),
    "ui.history.origin.both": (
        "（本区修改，另有上级目录事项 {parent} 的调整）",
        "(the district's edit, and a change to the upstream item {parent})",
    ),
    "ui.history.origin.district": ("（认领上级目录事项 {parent}）", "(claims the upstream item {parent})"),
    "ui.history.origin.field": ("（上级目录调整）", "(upstream change)"),
    "ui.history.field-of": ("{title}“{name}”的 {field}", "{field} of {title} “{name}”"),
}
