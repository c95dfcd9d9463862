"""The examples in docs/sdk.md run as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jackin_sdk.paths import JackinPaths

DOC = Path(__file__).resolve().parents[2] / "docs" / "sdk.md"


@pytest.mark.parametrize("index", [0, 1])
def test_sdk_doc_examples_run(
    index: int,
    jackin_paths: JackinPaths,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    del jackin_paths
    monkeypatch.chdir(tmp_path)
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(), re.DOTALL)
    exec(compile(blocks[index], str(DOC), "exec"), {})  # noqa: S102 - our own documentation
    expected = ["hello sync", "capabilities"][index]
    assert capsys.readouterr().out.strip() == expected
