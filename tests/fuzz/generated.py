"""Hostile catalogues too large or too odd to commit: each function lays one out over the base.

Every function takes the case folder (a copy of tests/cases/base) and a secret file outside it,
and changes the folder in place. The secret's text must never reach any output.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

SECRET = "root:$6$fuzz-secret-marker$:19000:0:99999:7:::"

Maker = Callable[[Path, Path], None]

_ITEM = """  - id: {id}
    category: 最低生活保障
    name: 审核确认信息{n}
    content: [初审对象名单]
    basis: [《社会救助暂行办法》]
    time_limit: 制定或获取信息之日起10个工作日内
    subject: 区民政局
    channels: [社区/企事业单位/村公示栏（电子屏）]
    audience: [全社会]
    mode: [主动]
    levels: [区级]
"""

_HEAD = "domain: 社会救助\nslug: shjz\norder: 2\nlead: 区民政局\ndue: 2020-10-30\nitems:\n"


def link_to_secret(folder: Path, secret: Path) -> None:
    """A domain file that is a symbolic link to a file outside the catalogue."""
    (folder / "mimi.yaml").symlink_to(secret)


def folder_link_to_secret(folder: Path, secret: Path) -> None:
    """A subfolder that is a link to a folder outside the catalogue, holding a YAML file."""
    outside = secret.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "passwd.yaml").write_text(f"domain: {SECRET}\n", encoding="utf-8")
    (folder / "sub").symlink_to(outside, target_is_directory=True)


def settings_link_to_secret(folder: Path, secret: Path) -> None:
    """zwgk.yaml itself is a link."""
    (folder / "zwgk.yaml").unlink()
    (folder / "zwgk.yaml").symlink_to(secret)


def duplicate_ids(folder: Path, secret: Path) -> None:
    """3,000 items sharing one id: the report must stay linear in size."""
    items = "".join(_ITEM.format(id="shjz-001", n=n) for n in range(3000))
    (folder / "shjz.yaml").write_text(_HEAD + items, encoding="utf-8")


def deep_flow(folder: Path, secret: Path) -> None:
    """10,000 nested flow lists."""
    text = _HEAD.replace("items:\n", "items: " + "[" * 10_000 + "]" * 10_000 + "\n")
    (folder / "shjz.yaml").write_text(text, encoding="utf-8")


def deep_block(folder: Path, secret: Path) -> None:
    """3,000 nested block mappings."""
    lines = [f"{'  ' * depth}k{depth}:" for depth in range(3000)]
    (folder / "shjz.yaml").write_text(_HEAD + "\n".join(lines) + " x\n", encoding="utf-8")


def anchor_at_end(folder: Path, secret: Path) -> None:
    """A 6 MB file whose only fault is an anchor on its last item."""
    items = [_ITEM.format(id=f"shjz-{n:05d}", n=n) for n in range(1, 20_001)]
    items[-1] = items[-1].replace("  - id:", "  - &last id:")
    (folder / "shjz.yaml").write_text(_HEAD + "".join(items), encoding="utf-8")


def order_digits(folder: Path, secret: Path) -> None:
    """A domain order of 5,000 digits (over Python's int conversion limit)."""
    text = (folder / "shjz.yaml").read_text(encoding="utf-8")
    (folder / "shjz.yaml").write_text(text.replace("order: 2", "order: " + "9" * 5000), encoding="utf-8")


def order_megadigits(folder: Path, secret: Path) -> None:
    """A domain order of 5 million digits."""
    text = (folder / "shjz.yaml").read_text(encoding="utf-8")
    (folder / "shjz.yaml").write_text(text.replace("order: 2", "order: " + "7" * 5_000_000), encoding="utf-8")


def long_value(folder: Path, secret: Path) -> None:
    """One 8 MB value with a finding in it (an unknown channel)."""
    text = (folder / "shjz.yaml").read_text(encoding="utf-8")
    long = "渠" * (8 * 1024 * 1024 // 3)
    (folder / "shjz.yaml").write_text(
        text.replace("channels: [政务服务中心]", f"channels: [{long}]"), encoding="utf-8"
    )


def fifo_source(folder: Path, secret: Path) -> None:
    """A named pipe with a .yaml name: reading it would block forever."""
    os.mkfifo(folder / "pipe.yaml")


MAKERS: dict[str, Maker] = {
    "link-to-secret": link_to_secret,
    "folder-link-to-secret": folder_link_to_secret,
    "settings-link-to-secret": settings_link_to_secret,
    "duplicate-ids": duplicate_ids,
    "deep-flow": deep_flow,
    "deep-block": deep_block,
    "anchor-at-end": anchor_at_end,
    "order-digits": order_digits,
    "order-megadigits": order_megadigits,
    "long-value": long_value,
    "fifo-source": fifo_source,
}
