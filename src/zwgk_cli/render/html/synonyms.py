"""The abbreviations residents and clerks type, and the full terms catalogues print.

Why: a catalogue says 最低生活保障, people search for 低保. Each entry was checked against the
wording of the national 标准指引 and the shipped catalogue; expansions are tried in addition to the
typed text, never instead of it. Keep the table small and certain: an expansion that is only
sometimes meant makes searches worse, not better.
"""

from __future__ import annotations

SYNONYMS: dict[str, tuple[str, ...]] = {
    # 社会救助、养老、残疾人
    "低保": ("最低生活保障",),
    "特困": ("特困人员", "特困供养"),
    "五保": ("特困人员",),
    "临救": ("临时救助",),
    "两项补贴": ("困难残疾人生活补贴", "重度残疾人护理补贴"),
    "残补": ("困难残疾人生活补贴", "重度残疾人护理补贴"),
    "高龄补贴": ("高龄津贴",),
    "养老院": ("养老机构",),
    # 社会保险、就业
    "社保": ("社会保险", "社会保障"),
    "医保": ("医疗保险", "医疗保障"),
    "居保": ("城乡居民基本养老保险", "城乡居民养老保险"),
    "失业金": ("失业保险金",),
    "稳岗": ("稳岗返还", "稳岗补贴"),
    "创业贷": ("创业担保贷款",),
    "欠薪": ("拖欠工资", "拖欠农民工工资", "工资支付"),
    # 住房、征收、城市管理
    "公租房": ("公共租赁住房",),
    "廉租房": ("廉租住房",),
    "棚改": ("棚户区改造",),
    "危改": ("危房改造",),
    "拆迁": ("房屋征收", "征收补偿"),
    "征地": ("征收土地", "土地征收"),
    "城管": ("城市管理", "综合行政执法"),
    "占道": ("占用城市道路", "占用道路"),
    "垃圾分类": ("生活垃圾分类",),
    # 规划、环境
    "环评": ("环境影响评价", "环境影响报告"),
    "排污证": ("排污许可",),
    "规划证": ("规划许可证",),
    # 财政、税收、交易
    "三公": ("三公经费", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"),
    "预决算": ("预算", "决算"),
    "招投标": ("招标投标", "招标", "投标"),
    "政采": ("政府采购",),
    "个税": ("个人所得税",),
    "减税": ("减税降费", "税收优惠"),
    # 卫生、食品药品、文化
    "计生": ("计划生育",),
    "打疫苗": ("预防接种", "疫苗"),
    "食安": ("食品安全",),
    "药监": ("药品监督", "药品安全"),
    "非遗": ("非物质文化遗产",),
    "文保": ("文物保护",),
    # 户籍、法律服务、安全、救灾
    "户口": ("户籍", "户口"),
    "落户": ("户口迁入", "迁入登记", "落户"),
    "身份证": ("居民身份证",),
    "法援": ("法律援助",),
    "避难场所": ("应急避难场所",),
    "双公示": ("行政许可", "行政处罚"),
}


def expansions(term: str) -> list[str]:
    """`term` and what it may stand for: each known abbreviation inside it replaced by its full terms."""
    found = [term]
    for short, longs in SYNONYMS.items():
        if short in term:
            found.extend(term.replace(short, full) for full in longs)
    return list(dict.fromkeys(found))
