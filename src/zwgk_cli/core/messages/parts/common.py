"""Words shared by many messages: how fields and places in a file are named, lists and choices."""

MESSAGES: dict[str, tuple[str, str]] = {
    # Between the values of a list shown in a sentence.
    "ui.list.separator": ("、", ", "),
    # Naming a place in a file (core.wording.describe): the parts, then how a part follows another.
    "ui.where.top": ("文件顶层", "the top level of the file"),
    "ui.where.named-entry": ("第 {number} 个{noun}（{name}）", "{noun} {number} ({name})"),
    "ui.where.counted-entry": ("第 {number} 个{noun}", "{noun} {number}"),
    "ui.where.entry": ("第 {number} 项", "entry {number}"),
    "ui.where.field": ("{title} ({key})", "{key} ({title})"),
    "ui.where.key": ("“{key}”", "'{key}'"),
    "ui.where.then-field": ("{whole}的 {part}", "{whole}, {part}"),
    "ui.where.then-entry": ("{whole} {part}", "{whole}, {part}"),
    "ui.where.then-key": ("{whole} 中的 {part}", "{whole}, {part}"),
    # What the entries of a list are called, by the list's key.
    "ui.where.noun.items": ("事项", "item"),
    "ui.where.noun.units": ("单位", "unit"),
    "ui.where.noun.groups": ("单位组", "group"),
    "ui.where.noun.not_applicable": ("未涉及领域", "not-applicable entry"),
    "ui.where.noun.waivers": ("豁免", "waiver"),
    # An item by its place in the file, with its id when known.
    "ui.where.item": ("第 {number} 个事项（{id}）", "item {number} ({id})"),
    "ui.where.item.unnamed": ("第 {number} 个事项", "item {number}"),
    # Hints that many rules give.
    "ui.hint.inherited": (
        "该值继承自上级目录（{file}）；在本事项中写上这个字段即可覆盖。",
        "this value is inherited from the upstream catalogue ({file}); write the field in this item to override it.",
    ),
    "ui.hint.inherited.after": ("{hint}；{note}", "{hint}; {note}"),
    "ui.hint.did-you-mean": ("是否要写“{value}”？", "did you mean '{value}'?"),
    "ui.hint.choices": ("可选值：{allowed}。", "allowed: {allowed}."),
    "ui.hint.choices.close": (
        "是否要写“{value}”？可选值：{allowed}。",
        "did you mean '{value}'? Allowed: {allowed}.",
    ),
}
