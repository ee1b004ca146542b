"""The 26 pilot domains' names and slugs, the other names guidelines use for them, and finding a
domain's name in a table title such as “（五）社会救助领域基层政务公开标准目录”.

Why a fixed table: a table imported into a new catalogue needs a file name and item ids, and
every district should get the same slugs as the shipped catalogue (``catalogues/*.yaml``).
"""

from __future__ import annotations

import re

# 渝北府办发〔2020〕17号 lists the domains in this order (the 序号 of the 任务分工 table).
PILOT_DOMAINS: tuple[tuple[str, str], ...] = (
    ("重大建设项目", "zdjsxm"),
    ("公共资源交易", "ggzyjy"),
    ("义务教育", "ywjy"),
    ("户籍管理", "hjgl"),
    ("社会救助", "shjz"),
    ("养老服务", "ylfw"),
    ("公共法律服务", "ggflfw"),
    ("财政预决算", "czyjs"),
    ("就业创业", "jycy"),
    ("社会保险", "shbx"),
    ("国土空间规划", "gtkjgh"),
    ("征地补偿", "zdbc"),
    ("环境保护", "hjbh"),
    ("国有土地上房屋征收", "gytdfwzs"),
    ("保障性住房", "bzxzf"),
    ("农村危房改造", "ncwfgz"),
    ("城市综合执法", "cszhzf"),
    ("市政服务", "szfw"),
    ("涉农补贴", "snbt"),
    ("公共文化服务", "ggwhfw"),
    ("医疗卫生", "ylws"),
    ("安全生产", "aqsc"),
    ("救灾", "jz"),
    ("食品药品监管", "spypjg"),
    ("扶贫", "fp"),
    ("税收管理", "ssgl"),
)

PILOT_SLUGS: dict[str, str] = dict(PILOT_DOMAINS)

# Names the national guidelines and other districts use for the same domains (research notes §3.13).
ALIASES: dict[str, str] = {
    "城乡规划": "国土空间规划",
    "农村集体土地征收": "征地补偿",
    "生态环境": "环境保护",
    "国有土地上房屋征收与补偿": "国有土地上房屋征收",
    "就业": "就业创业",
    "卫生健康": "医疗卫生",
    "救灾生产": "救灾",
    "涉贫涉乡村振兴": "扶贫",
    "乡村振兴": "扶贫",
    "涉农资金": "涉农补贴",
    "社会救助及福利": "社会救助",
    "食品药品监督管理": "食品药品监管",
}

_REGION_PREFIX = re.compile(r"^(?:[^省市]{2,8}省)?(?:[^市]{2,8}市)?(?:[^区县]{2,8}[区县])?")
_TITLE_NAME = re.compile(r"(?:^|[）)、.．\s])([^（）()、.．\s]{2,20}?)领域")


def canonical(name: str, known: list[str]) -> str:
    """`name` as the catalogue spells it: an alias becomes its pilot name unless `known` has it."""
    name = name.strip()
    if name in known:
        return name
    return ALIASES.get(name, name)


def names_in_title(text: str, known: list[str]) -> list[str]:
    """The domain names a title mentions, as the catalogue spells them (usually one).

    Known names and aliases are matched anywhere, longest first, so “就业创业” is not also “就业”;
    otherwise the words before “领域” are taken (“（一）统计领域基层政务公开标准目录” → 统计).
    """
    compact = re.sub(r"\s+", "", text)
    candidates = sorted({*known, *PILOT_SLUGS, *ALIASES}, key=len, reverse=True)
    found: list[str] = []
    spans: list[tuple[int, int]] = []
    for name in candidates:
        start = compact.find(name)
        while start != -1:
            end = start + len(name)
            if not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
                canon = canonical(name, known)
                if canon not in found:
                    found.append(canon)
            start = compact.find(name, end)
    if found:
        return found
    match = _TITLE_NAME.search(compact)
    if match:
        word = _REGION_PREFIX.sub("", match.group(1)) or match.group(1)
        return [word]
    return []
