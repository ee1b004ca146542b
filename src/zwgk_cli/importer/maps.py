"""Mapping what a table says onto the target catalogue's vocabularies: levels, units, channels.

With a target `zwgk.yaml`, level labels map by tier (县级/区县级 → the catalogue's county level,
乡级/镇街级/乡、村级 → its town level), unit names by the registry (names, full names, the region
prefix, the usual spellings of the town group), channels by spelling-insensitive names. Without
one, labels and units stay as written and channels are only respelled from the national list.
"""

from __future__ import annotations

import re

from zwgk_cli.core.models import Settings
from zwgk_cli.importer.cells import channel_key, level_tier, split_channels

# The national list of 公开渠道和载体 and the platforms domains add (SPEC), for respelling only.
NATIONAL_CHANNELS: tuple[str, ...] = (
    "政府网站",
    "政府公报",
    "两微一端",
    "发布会/听证会",
    "广播电视",
    "纸质媒体",
    "公开查阅点",
    "政务服务中心",
    "便民服务站",
    "入户/现场",
    "社区/企事业单位/村公示栏（电子屏）",
    "精准推送",
    "其他",
    "投资项目在线审批监管平台",
    "公共资源交易平台",
    "信用中国网站",
    "招投标公共服务平台",
    "征地信息公开平台",
    "法律服务网",
)
_CHANNEL_TYPOS = {"政府服务中心": "政务服务中心", "发布会听证会": "发布会/听证会"}

# Spellings of “every town and street” once brackets, 各 and 、 are removed.
_TOWN_GROUP_KEYS = {
    "镇街",
    "镇街道",
    "乡镇街道",
    "乡镇",
    "镇人民政府街道办事处",
    "乡镇人民政府街道办事处",
    "镇政府街道办事处",
    "乡镇政府街道办事处",
    "镇人民政府街道",
}


class Vocabulary:
    """The target catalogue's levels, units and channels (or none)."""

    def __init__(self, settings: Settings | None) -> None:
        self.settings = settings
        self._channels = list(settings.channels) if settings else list(NATIONAL_CHANNELS)
        self._channel_keys = {channel_key(c): c for c in self._channels}

    # ---- levels --------------------------------------------------------------------------

    def level(self, label: str) -> str | None:
        """The catalogue level `label` means (the label itself without a catalogue); None if none."""
        label = re.sub(r"\s+", "", label)
        if self.settings is None:
            return label or None
        levels = self.settings.levels
        if label in levels:
            return label
        tier = level_tier(label)
        matches = [level for level in levels if tier is not None and level_tier(level) == tier]
        return matches[0] if len(matches) == 1 else None

    def is_level_label(self, label: str) -> bool:
        """Whether `label` (before a “：” in a 公开主体 line) names a level."""
        label = re.sub(r"\s+", "", label)
        if self.settings is not None and label in self.settings.levels:
            return True
        return (
            0 < len(label) <= 6 and level_tier(label) is not None and not label.endswith(("局", "委", "府"))
        )

    # ---- units ---------------------------------------------------------------------------

    def units(self, names: list[str]) -> tuple[list[str], list[str]]:
        """Registry names for `names`, and the ones not found (kept as written)."""
        if self.settings is None:
            return names, []
        out: list[str] = []
        unknown: list[str] = []
        for name in names:
            mapped = self._unit(name)
            if mapped is None:
                unknown.append(name)
                mapped = name
            if mapped not in out:
                out.append(mapped)
        return out, unknown

    def _unit(self, name: str) -> str | None:
        assert self.settings is not None
        settings = self.settings
        names = {u.name for u in settings.units} | {g.name for g in settings.groups}
        if name in names:
            return name
        full = {u.full_name: u.name for u in settings.units if u.full_name}
        if name in full:
            return full[name]
        region = settings.region
        short = region.rsplit("市", 1)[-1] if "市" in region[:-1] else region
        for prefix in (region, short):
            if prefix and name.startswith(prefix) and len(name) > len(prefix):
                rest = name[len(prefix) :]
                candidate = region[-1] + rest
                if candidate in names:
                    return candidate
                if region + rest in full:
                    return full[region + rest]
        key = re.sub(r"[各（）()、]", "", name)
        if key in _TOWN_GROUP_KEYS:
            towns = [
                g.name
                for g in settings.groups
                if set(g.kinds) == {"镇人民政府", "街道办事处"} and not g.members
            ]
            if len(towns) == 1:
                return towns[0]
        return None

    # ---- channels ------------------------------------------------------------------------

    def channels(self, text: str) -> tuple[list[str], list[str], bool]:
        """The checked channels of a cell, those not in the vocabulary, and whether it listed any."""
        entries = split_channels(text)
        out: list[str] = []
        unknown: list[str] = []
        for entry in entries:
            if not entry.checked:
                continue
            name = self._channel(entry.text)
            if name is None:
                name = entry.text
                if self.settings is not None and name not in unknown:
                    unknown.append(name)
            if name not in out:
                out.append(name)
        return out, unknown, bool(entries)

    def _channel(self, text: str) -> str | None:
        # “其他：政务服务热线” names the channel after the colon; a loop, not a call per “其他”
        while True:
            text = _CHANNEL_TYPOS.get(text, text)
            found = self._channel_keys.get(channel_key(text))
            if found is not None:
                return found
            other = re.match(r"^其他[：:（(_\s]*([^_）)]+?)[_）)\s]*$", text)
            if not (other and other.group(1)):
                break
            text = other.group(1)
        if "公示栏" in text:
            boards = [c for c in self._channels if "公示栏" in c]
            if len(boards) == 1:
                return boards[0]
        return None
