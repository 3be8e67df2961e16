"""docs/tutorial.md is a doctest: every output it shows is what mechlab prints."""

import doctest
import os
from pathlib import Path

ROOT = Path(os.environ.get("MECHLAB_SOURCE_DIR", Path(__file__).resolve().parents[2]))


def test_tutorial_outputs_are_true(monkeypatch):
    monkeypatch.chdir(ROOT)  # the tutorial's paths are relative to the repository
    result = doctest.testfile(str(ROOT / "docs" / "tutorial.md"), module_relative=False,
                              optionflags=doctest.ELLIPSIS)
    assert result.attempted > 30
    assert result.failed == 0
