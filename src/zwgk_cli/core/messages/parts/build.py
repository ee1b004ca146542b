"""`zwgk build`: the output folder and the rendered files."""

MESSAGES: dict[str, tuple[str, str]] = {
    "stop.build.no-templates": (
        "模板文件夹 {templates} 不存在。",
        "template folder {templates} does not exist.",
    ),
    "stop.build.unknown-unit": (
        "单位名录中没有镇街“{name}”。可用镇街名称、办事处名称或代码，如：{known}",
        "no town or street '{name}' in the registry; known: {known}",
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
    "stop.build.write-failed": (
        "写入输出文件夹 {out} 时出错：{what}{where}。原输出文件夹保持不变；"
        "腾出磁盘空间、改正文件夹权限或换一个输出文件夹（-o）后再运行。",
        "writing the output folder {out} failed: {what}{where}. The previous output is unchanged; "
        "free disk space, fix the folder's permissions or choose another folder (-o), then run again.",
    ),
}
