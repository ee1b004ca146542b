"""Reading a catalogue as it was at a git revision, straight from the object store.

Why: `zwgk diff v2020` must compare with last year's catalogue without checking anything out, so a
reviewer's working tree (and uncommitted edits) are never touched. Every file is read through
`git cat-file --batch` in one process, which stays fast for thousands of files.
"""

from __future__ import annotations

import functools
import os
import posixpath
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from zwgk_cli.check.coverage import UpstreamLoader
from zwgk_cli.check.pipeline import SETTINGS_FILE, CheckResult, check_sources, folder_upstream_loader
from zwgk_cli.core.diagnostics import ZwgkError, say
from zwgk_cli.core.inert_text import one_line
from zwgk_cli.history.aside import Aside, Job
from zwgk_cli.history.sharing import read_shared
from zwgk_cli.sources.loading import LoadResult, iter_yaml_files, load_bytes, load_file, refused_link

_YAML = (".yaml", ".yml")
_LINK_MODE = "120000"  # how git records a symbolic link
_GIT_MESSAGE_CHARS = 400  # git's own words in a message are cut to this length


@dataclass(slots=True)
class Snapshot:
    """One side of a comparison: the catalogue's files, loaded, and how to name that side."""

    label: str
    root: Path
    settings: LoadResult
    domains: list[LoadResult]
    # Reads the upstream catalogue zwgk.yaml names the careful way (findings about inherited
    # values point into its files), and the fast way for a first check.
    upstream_loader: UpstreamLoader | None
    # Reads one of the snapshot's files again with positions, by its path: found when asked for,
    # item by item (a file with one finding is not read whole the careful way).
    reload: Callable[[Path], LoadResult]
    fast_upstream_loader: UpstreamLoader | None = None
    # the domain files being read in a forked process (`domains` is empty until `finish_reading`)
    pending: Aside | None = None

    def finish_reading(self) -> None:
        """The domain files read aside, in `domains`."""
        if self.pending is not None:
            self.domains, self.pending = self.pending.results(), None


def read_domains(jobs: Sequence[Job], aside: bool) -> tuple[list[LoadResult], Aside | None]:
    """The files of `jobs` read now, or (`aside`) set to be read by a forked process."""
    if aside:
        return [], Aside(jobs)
    return [job() for _, job, _ in jobs], None


def _git(args: list[str], cwd: Path, *, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    # a partial clone fetches missing files from its remote: git must fail there, never ask for a password
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    try:
        return subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False, env=env)
    except FileNotFoundError:
        raise ZwgkError(say("stop.history.no-git")) from None


def git_problem(stderr: bytes) -> str:
    """What git said, for a message: its lines joined on one line, control characters escaped, cut short."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()]
    text = one_line(" / ".join(line for line in lines if line))
    if len(text) > _GIT_MESSAGE_CHARS:
        text = text[: _GIT_MESSAGE_CHARS - 1] + "…"
    return text


def repository_root(cwd: Path) -> Path:
    """The top folder of the git repository that holds `cwd`."""
    done = _git(["rev-parse", "--show-toplevel"], cwd)
    if done.returncode != 0:
        raise ZwgkError(say("stop.history.not-a-repository", cwd=cwd))
    return Path(done.stdout.decode("utf-8").strip())


def resolve_revision(repo: Path, revision: str) -> str:
    """The commit `revision` names (a tag, branch, HEAD~3, a hash), or ZwgkError."""
    if revision.startswith("-"):
        raise ZwgkError(say("stop.history.revision-dash", revision=revision))
    done = _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], repo)
    if done.returncode != 0:
        raise ZwgkError(say("stop.history.unknown-revision", revision=revision))
    return done.stdout.decode("ascii").strip()


def describe_revision(repo: Path, revision: str) -> str:
    """A revision as people know it: its tag, the commit's date and subject (never a hash alone)."""
    commit = resolve_revision(repo, revision)
    done = _git(["log", "-1", "--format=%cs%x00%s", commit], repo)
    date, _, subject = done.stdout.decode("utf-8", "replace").strip().partition("\0")
    tags = _git(["tag", "--points-at", commit], repo).stdout.decode("utf-8", "replace").split()
    tag = revision if revision in tags else (tags[0] if tags else "")
    key = "ui.history.tagged-commit" if tag else "ui.history.commit"
    return say(key, tag=tag, date=date, subject=subject).zh


def revision_snapshot(
    repo: Path,
    revision: str,
    folder: PurePosixPath,
    *,
    fast: bool = True,
    located: bool = False,
    aside: bool = False,
) -> Snapshot:
    """The catalogue in `folder` (relative to the repository root) as committed at `revision`."""
    # read the fast way unless `fast` is false (see loading.load_file); `located`: positions found
    # when asked for, item by item; `aside`: the domain files read by a forked process (see `Aside`)
    commit = resolve_revision(repo, revision)
    prefix = "" if str(folder) in ("", ".") else f"{folder.as_posix().rstrip('/')}/"
    listing = _git(["ls-tree", "-z", "--full-tree", commit, *(["--", prefix] if prefix else [])], repo)
    if listing.returncode != 0:
        problem = git_problem(listing.stderr)
        raise ZwgkError(say("stop.history.cannot-read-files", revision=revision, problem=problem))
    blobs: dict[str, str] = {}
    links: set[str] = set()  # committed symbolic links: refused by name, as in a folder
    for entry in listing.stdout.split(b"\0"):
        if not entry:
            continue
        meta, _, raw_path = entry.partition(b"\t")
        mode, kind, sha = meta.decode("ascii").split()
        name = PurePosixPath(raw_path.decode("utf-8", "surrogateescape")).name
        if kind == "blob" and name.endswith(_YAML) and not name.startswith("."):
            blobs[name] = sha
            if mode == _LINK_MODE:
                links.add(name)
    if SETTINGS_FILE not in blobs:
        raise ZwgkError(
            say(
                "stop.history.no-settings-at-revision",
                revision=revision,
                prefix=prefix or "./",
                settings=SETTINGS_FILE,
            )
        )
    names = sorted(blobs)
    contents = _read_blobs(repo, [blobs[name] for name in names], revision)
    label = f"{revision}:{prefix}"

    def job(name: str, *, validated: bool = True) -> Job:
        # a domain file's data is validated before it is used (see `load_bytes`, and `sharing`)
        path, content = Path(f"{label}{name}"), contents[blobs[name]]
        if name in links:
            return path, functools.partial(refused_link, path), 0
        read = functools.partial(load_bytes, path, content, fast=fast, located=located, validated=validated)
        return path, functools.partial(read_shared, read), len(content)

    raw = {Path(f"{label}{name}"): contents[blobs[name]] for name in names}
    settings = job(SETTINGS_FILE, validated=False)[1]()
    jobs = [job(name) for name in names if name not in (SETTINGS_FILE, "zwgk.yml")]
    domains, pending = read_domains(jobs, aside and fast and not located)

    def upstream(path: str, *, fast: bool = False) -> CheckResult:
        # the careful way by default: findings about inherited values point into these files
        where = PurePosixPath(posixpath.normpath(f"{prefix}{path}"))
        snapshot = revision_snapshot(repo, revision, where, fast=fast, located=not fast)
        return check_sources(snapshot.root, snapshot.settings, snapshot.domains)

    def fast_upstream(path: str) -> CheckResult:
        return upstream(path, fast=True)

    return Snapshot(
        label,
        Path(label),
        settings,
        domains,
        upstream,
        # a file with findings is read again keeping its text, its positions found item by item
        lambda path: load_bytes(path, raw[path], located=True),
        fast_upstream,
        pending,
    )


def _read_blobs(repo: Path, shas: list[str], revision: str) -> dict[str, bytes]:
    """The contents of `shas`, read by one `git cat-file --batch`; ZwgkError naming `revision` when
    git cannot give them all (a partial clone whose remote is gone, a damaged repository)."""
    if not shas:
        return {}
    done = _git(["cat-file", "--batch"], repo, stdin="".join(f"{sha}\n" for sha in shas).encode("ascii"))
    out = done.stdout
    found: dict[str, bytes] = {}
    position = 0
    for sha in shas:
        end = out.find(b"\n", position)
        header = out[position:end].decode("ascii", "replace").split() if end >= 0 else []
        if len(header) != 3 or header[1] != "blob" or not header[2].isdigit():
            break  # git stopped, or names the object missing
        size = int(header[2])
        found[sha] = out[end + 1 : end + 1 + size]
        position = end + 1 + size + 1
    if len(found) < len(shas) or done.returncode != 0:
        missing = next((sha for sha in shas if sha not in found), shas[-1])
        problem = git_problem(done.stderr) or f"{missing} missing"
        raise ZwgkError(say("stop.history.cannot-read-files", revision=revision, problem=problem))
    return found


def folder_snapshot(folder: Path, *, aside: bool = False) -> Snapshot:
    """The catalogue in a folder on disk, as it is now (`aside`: its domain files read by a forked
    process, see `Aside`)."""
    if not (folder / SETTINGS_FILE).is_file():
        raise ZwgkError(say("stop.history.not-a-catalogue", folder=folder, settings=SETTINGS_FILE))
    # a domain file's data is validated before it is used (see `load_bytes`, and `sharing`)
    read = functools.partial(load_file, fast=True, validated=True)
    jobs = [
        (path, functools.partial(read_shared, functools.partial(read, path)), _size(path))
        for path in iter_yaml_files(folder)
    ]
    domains, pending = read_domains(jobs, aside)
    settings = load_file(folder / SETTINGS_FILE, fast=True)
    label = f"{folder.as_posix().rstrip('/')}/"
    return Snapshot(
        label,
        folder,
        settings,
        domains,
        folder_upstream_loader(folder, located=True),
        lambda path: load_file(path, located=True),
        folder_upstream_loader(folder, fast=True),
        pending,
    )


def _size(path: Path) -> int:
    try:
        return path.lstat().st_size
    except OSError:  # its read reports it
        return 0
