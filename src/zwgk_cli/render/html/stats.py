"""Counts people would rather look at than read, and the bar charts that show them.

Why: the charts are part of the page (nothing loads from the internet). Each is a small table: the
label and the number are page text, so they keep the page's font size at any width and wrap like any
text; only the bar is drawn, as an SVG that stretches with its column and holds no text. (A chart
drawn as one scaled SVG shrank its labels to about 9 px on a laptop and clipped the long ones.) The
arithmetic, the bar's share of the longest, is done here where it can be tested.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from zwgk_cli.core.catalogue import Catalogue

# A bar's length is a share of its chart's track, in the bar SVG's own units (0-100).
TRACK = 100
# Labels up to this many characters stay on one line; longer ones wrap in a column of fixed width.
SHORT_LABEL = 12


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: its label, value and length (0-100, the longest bar 100)."""

    label: str
    value: int
    length: float

    @property
    def long(self) -> bool:
        """Whether the label wraps (it is longer than `SHORT_LABEL` characters)."""
        return len(self.label) > SHORT_LABEL


@dataclass(frozen=True, slots=True)
class BarChart:
    """A horizontal bar chart: its caption, what its labels and values are, and its bars."""

    key: str
    caption: str
    label_heading: str
    value_heading: str
    bars: list[Bar]


def bar_chart(key: str, caption: str, label_heading: str, rows: list[tuple[str, int]]) -> BarChart:
    """Lay out `rows` (label, value) as bars scaled to the largest value; `label_heading` names the
    labels' column (领域, 公开方式…) for screen readers."""
    largest = max((value for _, value in rows), default=0)
    bars = [
        Bar(label=label, value=value, length=round(TRACK * value / largest, 1) if largest else 0.0)
        for label, value in rows
    ]
    return BarChart(key, caption, label_heading, "事项数", bars)


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
        bar_chart("domains", "各领域事项数", "领域", [(d.domain, len(d.items)) for d in catalogue.domains]),
        bar_chart("modes", "按公开方式", "公开方式", [(mode, modes[mode]) for mode in ("主动", "依申请")]),
        bar_chart("levels", "按公开层级", "公开层级", [(level, levels[level]) for level in settings.levels]),
        bar_chart("audience", "按公开对象", "公开对象", [(a, audience[a]) for a in ("全社会", "特定群体")]),
        bar_chart(
            "channels", "按公开渠道和载体", "公开渠道和载体", [(c, channels[c]) for c in used_channels]
        ),
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
