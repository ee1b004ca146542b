"""Claims against the upstream catalogue (check.coverage).

``{upstream}`` is the upstream folder as zwgk.yaml names it; ``{upstream_item}`` an upstream item's
id. Some English sentences leave out a detail the Chinese one gives (a title, a file and line).
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # Reaching the upstream catalogue
    "upstream-missing": (
        "找不到上级目录 {upstream}：本目录文件夹中没有这个文件夹，或其中没有 zwgk.yaml。",
        "cannot find the upstream catalogue {upstream}: no such folder, or it has no zwgk.yaml.",
    ),
    "upstream-missing.absolute": (
        "上级目录 {upstream} 写成了绝对路径：上级目录要放在本目录旁边，用相对于本目录文件夹的路径指明。",
        "the upstream catalogue {upstream} is an absolute path: keep it beside this catalogue and name it "
        "by a path relative to this catalogue folder.",
    ),
    "upstream-missing.hint": (
        "upstream.path 写相对于本目录文件夹的路径，如 upstream-chongqing。",
        "upstream.path is relative to this catalogue folder, e.g. upstream-chongqing.",
    ),
    "upstream-invalid": (
        "上级目录 {upstream} 有 {errors} 个错误，认领的事项可能不完整。",
        "the upstream catalogue {upstream} has {errors} errors; claimed items may be incomplete.",
    ),
    "upstream-invalid.hint": (
        "在本目录文件夹中运行 zwgk validate {upstream} 查看。",
        "run zwgk validate {upstream} in this catalogue folder to see them.",
    ),
    "upstream-levels": (
        "层级对应 {theirs} → {ours} 有误：上级层级应为 {upstream_levels} 之一，本目录层级应为 {levels} 之一。",
        "level mapping {theirs} → {ours} is wrong: upstream levels are {upstream_levels}, ours {levels}.",
    ),
    "upstream-edition": (
        "上级目录已从 {claimed} 改为 {edition}：请复核认领的事项，再把 upstream.edition 改为 {edition}。",
        "the upstream catalogue moved from {claimed} to {edition}: review the claims, "
        "then set upstream.edition to {edition}.",
    ),
    # Claims
    "claim-unknown.no-upstream": (
        "事项 {item} 认领了上级事项 {upstream_item}，但 zwgk.yaml 没有设置上级目录 (upstream)。",
        "item {item} claims {upstream_item}, but zwgk.yaml names no upstream catalogue.",
    ),
    "claim-unknown.no-upstream.hint": (
        "在 zwgk.yaml 中加上 upstream: {{path: …, levels: {{…}}}}，或删去 claims。",
        "add upstream: {{path: …, levels: {{…}}}} to zwgk.yaml, or remove claims.",
    ),
    "claim-unknown": (
        "上级目录 {upstream} 中没有事项 {upstream_item}。",
        "the upstream catalogue {upstream} has no item {upstream_item}.",
    ),
    "claim-unknown.hint": (
        "核对上级事项编号；zwgk coverage 列出上级目录的全部事项。",
        "check the id; zwgk coverage lists the upstream items.",
    ),
    "claim-duplicate": (
        "上级事项 {upstream_item} 已由 {item}（{file}）认领，一个上级事项只能认领一次。",
        "upstream item {upstream_item} is already claimed by {item} ({file}).",
    ),
    "claim-duplicate.hint": (
        "本地细分为多行时，只在一行写 claims，其余作为增补事项。",
        "when split locally, claim on one row; the others are additions.",
    ),
    "claim-level": (
        "上级事项 {upstream_item}（{title}）的公开层级 {levels} 都不对应本目录的层级，不需要认领。",
        "upstream item {upstream_item} has no level that maps to ours; it need not be claimed.",
    ),
    "claim-level.hint": (
        "删去 claims（作为增补事项），或在 zwgk.yaml 的 upstream.levels 中补上层级对应。",
        "remove claims, or map the level in upstream.levels.",
    ),
    "claim-stale": (
        "上级事项 {upstream_item}（{title}）在认领后有改动，请复核本事项。",
        "upstream item {upstream_item} changed since it was claimed; review this item.",
    ),
    "claim-stale.hint": ("复核后把 claimed_hash 改为 {hash}。", "after review, set claimed_hash to {hash}."),
    "claim-missing": (
        "上级事项 {upstream_item}（{title}，{upstream}/{file} 第 {line} 行）公开层级含 {levels}，"
        "本领域既没有认领也没有说明不认领。",
        "upstream item {upstream_item} ({title}) applies at {levels} but is neither claimed nor declined here.",
    ),
    "claim-missing.hint": (
        "认领：在对应事项中写 claims: {upstream_item}；不认领：在 declines 中加上 {{item: {upstream_item}, reason: …}}。",
        "claim it with claims: {upstream_item}, or add {{item: {upstream_item}, reason: …}} to declines.",
    ),
    # Declines
    "decline-unknown": (
        "上级目录 {upstream} 中没有事项 {upstream_item}。",
        "the upstream catalogue has no item {upstream_item}.",
    ),
    "decline-claimed": (
        "上级事项 {upstream_item} 既被 {item} 认领，又列为不认领。",
        "upstream item {upstream_item} is both claimed by {item} and declined.",
    ),
    "decline-claimed.hint": ("删去其中一处。", "remove one of the two."),
}
