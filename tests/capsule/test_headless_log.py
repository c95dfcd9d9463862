"""The headless log stays under its cap by dropping its oldest output."""

from __future__ import annotations

from pathlib import Path

from jackin_capsule._interim._init import HEADLESS_LOG_CAP, CappedLog


def test_log_is_capped_keeping_the_newest_bytes(tmp_path: Path) -> None:
    path = tmp_path / "headless.log"
    log = CappedLog(path)
    written = b""
    for index in range(48):
        chunk = bytes([65 + index % 26]) * 65536 + f"<{index}>".encode()
        log.write(chunk)
        written += chunk
        assert path.stat().st_size <= HEADLESS_LOG_CAP
    log.close()
    kept = path.read_bytes()
    assert len(kept) >= HEADLESS_LOG_CAP // 2
    assert written.endswith(kept)


def test_an_oversized_existing_log_is_cut_on_the_next_write(tmp_path: Path) -> None:
    path = tmp_path / "headless.log"
    path.write_bytes(b"x" * (HEADLESS_LOG_CAP + 10))
    log = CappedLog(path, cap=1000)
    log.write(b"tail")
    log.close()
    assert path.read_bytes() == b"x" * 496 + b"tail"
