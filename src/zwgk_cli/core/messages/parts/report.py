"""How findings are reported in every format: severity words, labels and the closing summary."""

MESSAGES: dict[str, tuple[str, str]] = {
    "ui.report.error": ("错误", "error"),
    "ui.report.warning": ("警告", "warning"),
    "ui.report.waived-warning": ("已豁免警告", "waived warning"),
    "ui.report.hint": ("提示：", "hint: "),
    "ui.report.waiver-reason": ("豁免理由：", "waiver reason: "),
    "ui.report.summary": (
        "检查了 {domains} 个领域、{items} 个事项（{files} 个文件）：{errors} 个错误，{warnings} 个警告。",
        "checked {domains} domains, {items} items ({files} files): {errors} errors, {warnings} warnings.",
    ),
    "ui.report.summary-waived": (
        "检查了 {domains} 个领域、{items} 个事项（{files} 个文件）：{errors} 个错误，{warnings} 个警告，{waived} 个已豁免。",
        "checked {domains} domains, {items} items ({files} files): {errors} errors, {warnings} warnings, {waived} waived.",
    ),
}
