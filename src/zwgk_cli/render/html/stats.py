"""Counts people would rather look at than read, and the geometry of the bar charts that show them.

Why: the charts are drawn as inline SVG by the templates (nothing loads from the internet), so the
arithmetic (bar lengths, rows, the chart's height) is done here where it can be tested.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from zwgk_cli.core.catalogue import Catalogue

# Chart layout, in SVG user units (the chart scales with the page).
CHART_WIDTH = 640
LABEL_WIDTH = 200
VALUE_WIDTH = 48
ROW_HEIGHT = 24
BAR_HEIGHT = 16


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: its label, value, length and vertical position."""

    label: str
    value: int
    length: float
    y: int


@dataclass(frozen=True, slots=True)
class BarChart:
    """A horizontal bar chart with a caption and a sentence that says the same for screen readers."""

    key: str
    caption: str
    bars: list[Bar]
    summary: str

    @property
    def height(self) -> int:
        return len(self.bars) * ROW_HEIGHT + 8

    @property
    def width(self) -> int:
        return CHART_WIDTH

    @property
    def label_width(self) -> int:
        return LABEL_WIDTH

    @property
    def bar_height(self) -> int:
        return BAR_HEIGHT


def bar_chart(key: str, caption: str, rows: list[tuple[str, int]], unit: str = "项") -> BarChart:
    """Lay out `rows` (label, value) as bars scaled to the largest value."""
    largest = max((value for _, value in rows), default=0)
    span = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = [
        Bar(
            label=label,
            value=value,
            length=round(span * value / largest, 1) if largest else 0.0,
            y=4 + index * ROW_HEIGHT,
        )
        for index, (label, value) in enumerate(rows)
    ]
    summary = f"{caption}：" + "，".join(f"{label} {value} {unit}" for label, value in rows) + "。"
    return BarChart(key, caption, bars, summary)


@dataclass(frozen=True, slots=True)
class Statistics:
    """What the index page counts."""

    items: int
    domains: int
    proactive: int
    on_request: int
    both_modes: int
    specific_audience: int
    charts: list[BarChart]


def statistics(catalogue: Catalogue) -> Statistics:
    """Count the catalogue's items per domain, 公开方式, 公开层级, 公开对象 and channel."""
    settings = catalogue.settings
    items = [item for _, item in catalogue.items()]
    modes = Counter(mode for item in items for mode in item.mode)
    levels = Counter(level for item in items for level in item.levels)
    audience = Counter(a for item in items for a in item.audience)
    channels = Counter(channel for item in items for channel in item.channels)
    channel_order = {name: index for index, name in enumerate(settings.channels)}
    used_channels = sorted(channels, key=lambda name: (-channels[name], channel_order.get(name, 0)))
    charts = [
        bar_chart(
            "domains",
            "各领域事项数",
            [(d.domain, len(d.items)) for d in catalogue.domains],
        ),
        bar_chart("modes", "按公开方式", [(mode, modes[mode]) for mode in ("主动", "依申请")]),
        bar_chart("levels", "按公开层级", [(level, levels[level]) for level in settings.levels]),
        bar_chart("audience", "按公开对象", [(a, audience[a]) for a in ("全社会", "特定群体")]),
        bar_chart("channels", "按公开渠道和载体", [(c, channels[c]) for c in used_channels]),
    ]
    return Statistics(
        items=len(items),
        domains=len(catalogue.domains),
        proactive=modes["主动"],
        on_request=modes["依申请"],
        both_modes=sum(1 for item in items if len(item.mode) == 2),
        specific_audience=audience["特定群体"],
        charts=charts,
    )
