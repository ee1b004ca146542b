"""`zwgk init`: a new catalogue project that validates at once.

Why: a district starting its catalogue needs the 26 domain files, a unit registry of the usual
departments and the CI and editor set-up; starting from the shipped example (`--example`) shows a
complete, filled-in catalogue instead.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from zwgk_cli.core.diagnostics import ZwgkError, say
from zwgk_cli.core.resources import shipped_catalogue

NATIONAL_CHANNELS = [
    "政府网站", "政府公报", "两微一端", "发布会/听证会", "广播电视", "纸质媒体", "公开查阅点",
    "政务服务中心", "便民服务站", "入户/现场", "社区/企事业单位/村公示栏（电子屏）", "精准推送",
]  # fmt: skip

# (short name after the 区/县 prefix, slug, kind, full name after the region)
USUAL_UNITS: list[tuple[str, str, str, str]] = [
    ("政府办公室", "zfbgs", "区政府部门", "人民政府办公室"),
    ("发展改革委", "fzggw", "区政府部门", "发展和改革委员会"),
    ("教委", "jw", "区政府部门", "教育委员会"),
    ("经济信息委", "jjxxw", "区政府部门", "经济和信息化委员会"),
    ("公安分局", "gafj", "区政府部门", "公安分局"),
    ("民政局", "mzj", "区政府部门", "民政局"),
    ("司法局", "sfj", "区政府部门", "司法局"),
    ("财政局", "czj", "区政府部门", "财政局"),
    ("人力社保局", "rlsbj", "区政府部门", "人力资源和社会保障局"),
    ("规划自然资源局", "ghzrzyj", "区政府部门", "规划和自然资源局"),
    ("生态环境局", "sthjj", "区政府部门", "生态环境局"),
    ("住房城乡建委", "zfcxjw", "区政府部门", "住房和城乡建设委员会"),
    ("城市管理局", "csglj", "区政府部门", "城市管理局"),
    ("交通局", "jtj", "区政府部门", "交通局"),
    ("水利局", "slj", "区政府部门", "水利局"),
    ("农业农村委", "nyncw", "区政府部门", "农业农村委员会"),
    ("商务委", "sww", "区政府部门", "商务委员会"),
    ("文化旅游委", "whlyw", "区政府部门", "文化和旅游发展委员会"),
    ("卫生健康委", "wsjkw", "区政府部门", "卫生健康委员会"),
    ("退役军人事务局", "tyjrswj", "区政府部门", "退役军人事务局"),
    ("应急局", "yjj", "区政府部门", "应急管理局"),
    ("审计局", "sjj", "区政府部门", "审计局"),
    ("市场监管局", "scjgj", "区政府部门", "市场监督管理局"),
    ("统计局", "tjj", "区政府部门", "统计局"),
    ("医保局", "ybj", "区政府部门", "医疗保障局"),
    ("扶贫办", "fpb", "区政府部门", "扶贫开发办公室"),
    ("政务服务办", "zwfwb", "区政府部门", "政务服务管理办公室"),
    ("公共资源交易中心", "ggzyjyzx", "区属机构", "公共资源交易中心"),
    ("税务局", "swj", "垂直管理单位", "税务局"),
]

# The 26 pilot domains: (name, slug, usual lead after the prefix, usual partners after the prefix)
PILOT_DOMAINS: list[tuple[str, str, str, list[str]]] = [
    (
        "重大建设项目",
        "zdjsxm",
        "发展改革委",
        ["规划自然资源局", "生态环境局", "住房城乡建委", "交通局", "水利局"],
    ),
    (
        "公共资源交易",
        "ggzyjy",
        "发展改革委",
        ["规划自然资源局", "生态环境局", "住房城乡建委", "交通局", "水利局"],
    ),
    ("义务教育", "ywjy", "教委", []),
    ("户籍管理", "hjgl", "公安分局", []),
    ("社会救助", "shjz", "民政局", []),
    ("养老服务", "ylfw", "民政局", []),
    ("公共法律服务", "ggflfw", "司法局", []),
    ("财政预决算", "czyjs", "财政局", []),
    ("就业创业", "jycy", "人力社保局", []),
    ("社会保险", "shbx", "人力社保局", []),
    ("国土空间规划", "gtkjgh", "规划自然资源局", []),
    ("征地补偿", "zdbc", "规划自然资源局", []),
    ("环境保护", "hjbh", "生态环境局", []),
    ("国有土地上房屋征收", "gytdfwzs", "住房城乡建委", ["发展改革委", "规划自然资源局", "城市管理局"]),
    ("保障性住房", "bzxzf", "住房城乡建委", ["发展改革委", "规划自然资源局", "城市管理局"]),
    ("农村危房改造", "ncwfgz", "住房城乡建委", ["发展改革委", "规划自然资源局", "城市管理局"]),
    ("城市综合执法", "cszhzf", "住房城乡建委", ["发展改革委", "规划自然资源局", "城市管理局"]),
    ("市政服务", "szfw", "城市管理局", ["经济信息委"]),
    ("涉农补贴", "snbt", "农业农村委", []),
    ("公共文化服务", "ggwhfw", "文化旅游委", []),
    ("医疗卫生", "ylws", "卫生健康委", []),
    ("安全生产", "aqsc", "应急局", []),
    ("救灾", "jz", "应急局", []),
    ("食品药品监管", "spypjg", "市场监管局", []),
    ("扶贫", "fp", "扶贫办", []),
    ("税收管理", "ssgl", "税务局", []),
]

_PLAIN = re.compile(r"^[\w\u3000-\u303f\u4e00-\u9fff\uff00-\uffef（）〔〕《》、·/-]+$")


@dataclass(frozen=True, slots=True)
class ProjectOptions:
    """What `zwgk init` asks for; `published` is a placeholder (the day init ran) unless `published_given`."""

    region: str
    levels: list[str]
    published: date
    published_given: bool = True


def scalar(text: str) -> str:
    """`text` as a YAML scalar: plain where safe, else double-quoted."""
    if (
        _PLAIN.match(text)
        and not text[0].isdigit()
        and text.lower() not in ("true", "false", "null", "yes", "no")
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def prefix_of(region: str) -> str:
    """区, 县, 市 or 旗: what the region's own bodies are called after (重庆市XX区 → 区)."""
    return region[-1] if region and region[-1] in "区县市旗" else "区"


def default_levels(region: str) -> list[str]:
    """The usual two levels: 区级 and 镇街 for a district, else 县级 (市级 …) and 乡镇."""
    prefix = prefix_of(region)
    return ["区级", "镇街"] if prefix == "区" else [f"{prefix}级", "乡镇"]


def settings_text(options: ProjectOptions) -> str:
    region = options.region
    prefix = prefix_of(region)
    issuer = f"{region}人民政府办公室"
    lines = [
        "# yaml-language-server: $schema=../schemas/zwgk.schema.json",
        f"# {region}基层政务公开标准目录：全目录共用的设置。由 zwgk init 生成，请按本地区实际情况修改。",
        "schema_version: 1",
        f"region: {scalar(region)}",
        f"issuer: {scalar(issuer)}",
        "# document: XX府办发〔2020〕X号   # 发布文件的文号",
        f"edition: {options.published.year}年版",
        *(
            []
            if options.published_given
            else [
                "# 发布日期（YYYY-MM-DD）印在所有输出上。这里暂填生成项目的日期，正式发布前改为实际发布日期"
                "（版本 edition 随之改）。"
            ]
        ),
        f"published: {options.published.isoformat()}",
        "",
        "# 公开层级：按表头顺序排列。",
        f"levels: [{', '.join(scalar(level) for level in options.levels)}]",
        "",
        "# 公开渠道和载体：国家标准指引的通用渠道；本地平台（如 12345政务服务热线）加在后面。",
        "channels:",
        *[f"  - {scalar(channel)}" for channel in NATIONAL_CHANNELS],
        "",
        "# 应编制的 26 个试点领域。本地区未涉及的领域移到 not_applicable，并写明原因：",
        "#   not_applicable:",
        "#     - {domain: 扶贫, reason: …}",
        "domains:",
        *[f"  - {name}" for name, _, _, _ in PILOT_DOMAINS],
        "",
        f"# 单位名录：常见的{prefix}政府部门，请按本地区机构设置增删、改名。",
        "# 镇、街道逐个加在后面，例如：",
        "#   - {name: XX街道办事处, slug: xxjd, kind: 街道办事处, place: XX街道}",
        "#   - {name: XX镇人民政府, slug: xxz, kind: 镇人民政府, place: XX镇}",
        "units:",
    ]
    for short, slug, kind, full in USUAL_UNITS:
        full_name = f"{region}{full}" if short != "税务局" else f"国家税务总局{region}税务局"
        if short == "公安分局":
            full_name = f"{region}公安分局"
        lines.append(
            f"  - {{name: {scalar(prefix + short)}, slug: {slug}, kind: {kind}, full_name: {scalar(full_name)}}}"
        )
    lines += [
        "",
        "# 单位组：一个名称代表多个单位。",
        "groups:",
        "  - {name: 各镇人民政府（街道办事处）, slug: zhenjie, kinds: [镇人民政府, 街道办事处]}",
        f"  - {{name: {prefix}政府各部门, slug: zfgbm, kinds: [区政府部门]}}",
        "",
    ]
    return "\n".join(lines)


def domain_text(options: ProjectOptions, order: int) -> str:
    name, slug, lead, partners = PILOT_DOMAINS[order - 1]
    prefix = prefix_of(options.region)
    lines = [
        "# yaml-language-server: $schema=../schemas/domain.schema.json",
        f"# {name}领域基层政务公开标准目录（{options.region}）。对照国家和省市的{name}领域标准指引逐项填写事项。",
        f"domain: {name}",
        f"slug: {slug}",
        f"order: {order}",
        f"lead: {prefix}{lead}",
    ]
    if partners:
        lines.append(f"partners: [{', '.join(prefix + p for p in partners)}]")
    lines += [
        "due:  # 完成时间（YYYY-MM-DD）：任务分工规定的完成时间，如 2020-10-30；知道后填写",
        "# 事项示例（删去行首的 # 并改写）：",
        f"#  - id: {slug}-001",
        "#    category: 一级事项",
        "#    name: 二级事项",
        "#    content: [要素一, 要素二]",
        "#    basis:",
        "#      - 《中华人民共和国政府信息公开条例》（国务院令第711号）",
        "#    time_limit: 信息形成或者变更之日起20个工作日内",
        f"#    subject: {prefix}{lead}",
        "#    channels: [政府网站]",
        "#    audience: [全社会]",
        "#    mode: [主动]",
        f"#    levels: [{', '.join(options.levels)}]",
        "items: []",
        "",
    ]
    return "\n".join(lines)


PRE_COMMIT = """\
# pre-commit（https://pre-commit.com）：每次提交前检查目录并统一格式。
# 安装：python -m pip install pre-commit zwgk && pre-commit install
repos:
  - repo: local
    hooks:
      - id: zwgk-validate
        name: zwgk validate（检查目录）
        entry: zwgk validate catalogues
        language: system
        pass_filenames: false
        files: ^catalogues/.*\\.ya?ml$
      - id: zwgk-fmt
        name: zwgk fmt --check（检查格式）
        entry: zwgk fmt --check
        language: system
        files: ^catalogues/.*\\.ya?ml$
"""

CI_WORKFLOW = """\
# 持续集成示例（GitHub Actions；GitLab CI 等同理）：每次提交都检查目录，并生成网站供下载。
name: 政务公开标准目录
on: [push, pull_request]
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: python -m pip install zwgk
      - run: zwgk validate catalogues --strict --format github
      - run: zwgk fmt --check catalogues
      - run: zwgk build catalogues -o dist
      - uses: actions/upload-artifact@v4
        with:
          name: 目录网站
          path: dist
"""

GITIGNORE = "dist/\n.zwgk-cache/\n"


def office_readme(region: str, example: bool) -> str:
    origin = (
        "本项目由 `zwgk init --example` 生成，`catalogues/` 中是随 zwgk 附带的重庆市渝北区示例目录（示例数据，不是正式发布版本），"
        "可作为编写本地区目录的参照。"
        if example
        else f"本项目由 `zwgk init` 生成：{region}的 26 个试点领域各有一个文件，表头已按常见分工填好，事项待各部门填写。"
    )
    return f"""# {region}基层政务公开标准目录

{origin}

## 文件

- `catalogues/zwgk.yaml`：全目录共用的设置（发布信息、公开层级、渠道词表、应编制领域、单位名录）。
- `catalogues/<代码>.yaml`：每个领域一个文件，由主体责任单位维护。
- `schemas/`：编辑器使用的 JSON Schema（`zwgk schema catalogues` 生成，单位或渠道改动后重新生成）。

## 日常工作

```sh
python -m pip install zwgk          # 安装（只需一次）
zwgk validate catalogues            # 检查：每个问题都有“文件:行:列”和改法
zwgk fmt catalogues                 # 统一格式（保留注释）
zwgk build catalogues -o dist       # 生成网站、Excel 工作簿和开放数据，上传 dist/ 到门户网站
zwgk diff v2020                     # 与 2020 年版相比改了什么（调整说明）
```

## 编辑器

用 VS Code 打开本文件夹，安装 “YAML”（Red Hat）扩展：每个文件第一行的
`# yaml-language-server: $schema=…` 让编辑器提示字段的中文名称、可选的渠道和单位，并当场标出错误。

## 提交前检查

`.pre-commit-config.yaml` 已配置好：`python -m pip install pre-commit && pre-commit install` 之后，每次 `git commit`
都会先运行 `zwgk validate` 和 `zwgk fmt --check`。`.github/workflows/zwgk.yml` 是在 CI 中运行同样检查的示例。
"""


def project_files(options: ProjectOptions) -> dict[str, bytes]:
    """The new project's files (without schemas/, which need the written settings), by relative path."""
    files: dict[str, str] = {"catalogues/zwgk.yaml": settings_text(options)}
    for order, (_, slug, _, _) in enumerate(PILOT_DOMAINS, 1):
        files[f"catalogues/{slug}.yaml"] = domain_text(options, order)
    files.update(support_files(options.region, example=False))
    return {name: text.encode("utf-8") for name, text in files.items()}


def support_files(region: str, *, example: bool) -> dict[str, str]:
    return {
        ".pre-commit-config.yaml": PRE_COMMIT,
        ".github/workflows/zwgk.yml": CI_WORKFLOW,
        ".gitignore": GITIGNORE,
        "README.md": office_readme(region, example),
    }


def check_target(target: Path) -> None:
    """Refuse to write into a file or a non-empty folder."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ZwgkError(say("stop.init.not-empty", target=target))


def write_files(target: Path, files: dict[str, bytes]) -> None:
    for name, data in sorted(files.items()):
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def copy_example(target: Path) -> None:
    """The shipped 渝北区 catalogue and the same support files."""
    shutil.copytree(shipped_catalogue(), target / "catalogues")
    write_files(
        target, {k: v.encode("utf-8") for k, v in support_files("重庆市渝北区", example=True).items()}
    )
