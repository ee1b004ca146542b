"""One-file atomic writes: the old content or the new one, never a mix, and nothing left behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from zwgk_cli.core.atomic import write_atomic


def test_replaces_and_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "shjz.yaml"
    path.write_bytes(b"old\n")
    path.chmod(0o640)
    write_atomic(path, "新内容\n".encode())
    assert path.read_text(encoding="utf-8") == "新内容\n"
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shjz.yaml"]


def test_a_failure_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "shjz.yaml"
    path.write_bytes(b"old\n")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", broken_fsync)
    with pytest.raises(OSError, match="No space"):
        write_atomic(path, b"new\n")
    assert path.read_bytes() == b"old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shjz.yaml"]


def test_creates_a_new_file(tmp_path: Path) -> None:
    write_atomic(tmp_path / "new.yaml", b"x: 1\n")
    assert (tmp_path / "new.yaml").read_bytes() == b"x: 1\n"
