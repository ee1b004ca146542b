"""A git repository of a small catalogue with one commit per kind of change, for `zwgk diff` tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site"


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "区政务办",
        "GIT_AUTHOR_EMAIL": "zwb@example.gov.cn",
        "GIT_COMMITTER_NAME": "区政务办",
        "GIT_COMMITTER_EMAIL": "zwb@example.gov.cn",
        "GIT_AUTHOR_DATE": "2020-10-30T09:00:00+08:00",
        "GIT_COMMITTER_DATE": "2020-10-30T09:00:00+08:00",
    }
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env, check=True)
    return done.stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def commit(repo: Path, message: str, tag: str | None = None) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    if tag:
        git(repo, "tag", tag)


REFORMATTED_SHJZ_HEAD = """# 社会救助领域（格式整理：键的顺序、注释和列表写法都变了，内容不变）
slug: shjz
domain: 社会救助   # 领域名称
order: 3
due: 2020-10-30
lead: 区民政局
items:
  - id: shjz-001
    name: 办事指南
    category: 最低生活保障
    content:
      - 办理条件
      - 申请材料
      - 办理流程
"""


def make_repo(repo: Path) -> Path:
    """A catalogue repository with one commit per kind of change (tags v2020, reformatted, v2021)."""
    git(repo, "init", "-q", "-b", "main")
    cat = repo / "catalogues"
    shutil.copytree(FIXTURE, cat)
    commit(repo, "2020年版", tag="v2020")
    # formatting only: key order, comments, flow lists written as block lists
    shjz = cat / "shjz.yaml"
    text = shjz.read_text(encoding="utf-8")
    head = "domain: 社会救助\nslug: shjz\norder: 3\nlead: 区民政局\ndue: 2020-10-30\nitems:\n  - id: shjz-001\n    category: 最低生活保障\n    name: 办事指南\n    content: [办理条件, 申请材料, 办理流程]\n"
    assert text.startswith(head)
    shjz.write_text(REFORMATTED_SHJZ_HEAD + text[len(head) :], encoding="utf-8")
    commit(repo, "格式整理", tag="reformatted")
    # field edits, list elements added and removed
    edit(cat / "ggzyjy.yaml", "time_limit: 实时\n", "time_limit: 信息形成之日起实时公开\n")
    edit(cat / "ggzyjy.yaml", "channels: [公共资源交易平台, 政府网站]", "channels: [公共资源交易平台]")
    edit(
        shjz,
        "      - 《社会救助暂行办法》（国务院令第649号）\n    time_limit: 制定或获取信息之日起10个工作日内\n    subject: 区民政局、各镇人民政府（街道办事处）\n    channels: [政府网站, 政务服务中心]",
        "      - 《社会救助暂行办法》（国务院令第649号）\n      - 《重庆市城乡居民最低生活保障条例》\n    time_limit: 制定或获取信息之日起10个工作日内\n    subject: 区民政局、各镇人民政府（街道办事处）\n    channels: [政府网站, 政务服务中心, 两微一端]",
    )
    commit(repo, "修改事项")
    # an item added, an item removed
    zdjsxm = cat / "zdjsxm.yaml"
    text = zdjsxm.read_text(encoding="utf-8")
    start = text.index("  - id: zdjsxm-002")
    end = text.index("  - id: zdjsxm-003")
    zdjsxm.write_text(text[:start] + text[end:], encoding="utf-8")
    with shjz.open("a", encoding="utf-8") as handle:
        handle.write(
            "  - id: shjz-005\n    category: 临时救助\n    name: 救助结果公示\n"
            "    content: [救助对象姓名, 救助金额]\n    basis:\n"
            "      - 《国务院关于全面建立临时救助制度的通知》（国发〔2014〕47号）\n"
            "    time_limit: 制定或获取信息之日起10个工作日内\n    subject: 各镇人民政府（街道办事处）\n"
            "    channels: [社区/企事业单位/村公示栏（电子屏）]\n    audience: [特定群体]\n"
            "    audience_note: 面向救助对象所在村（社区）居民\n    mode: [主动]\n    levels: [镇街]\n"
        )
    commit(repo, "增删事项")
    # renumbered (same content, new id), and reordered
    edit(shjz, "id: shjz-003", "id: shjz-009")
    text = shjz.read_text(encoding="utf-8")
    first = text.index("  - id: shjz-001")
    second = text.index("  - id: shjz-002")
    third = text.index("  - id: shjz-009")
    shjz.write_text(text[:first] + text[second:third] + text[first:second] + text[third:], encoding="utf-8")
    commit(repo, "重新编号和调整顺序")
    # an item moved to another domain under a new id; settings and a domain header change
    text = shjz.read_text(encoding="utf-8")
    start = text.index("  - id: shjz-004")
    end = text.index("  - id: shjz-005")
    moved = text[start:end].replace("shjz-004", "zdjsxm-004")
    shjz.write_text(text[:start] + text[end:], encoding="utf-8")
    with zdjsxm.open("a", encoding="utf-8") as handle:
        handle.write(moved)
    edit(cat / "ggzyjy.yaml", "due: 2020-10-30", "due: 2020-11-30")
    edit(
        cat / "zwgk.yaml",
        "  - {name: 区公共资源交易中心",
        "  - {name: 区大数据局, slug: dsjj, kind: 区政府部门}\n  - {name: 区公共资源交易中心",
    )
    edit(cat / "zwgk.yaml", "公共资源交易平台]", "公共资源交易平台, 两微一端]")
    commit(repo, "移动事项、调整设置", tag="v2021")
    return repo
