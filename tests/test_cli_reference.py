"""docs/cli.md is what the commands' --help says (regenerate with scripts/cli_reference.py)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "scripts" / "cli_reference.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_cli_reference_is_what_help_says() -> None:
    text = _script().render()
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == text, \
        "docs/cli.md is out of date: run .venv/bin/python scripts/cli_reference.py"


def test_the_reference_has_every_command_and_sub_command() -> None:
    from click import Group

    from lineage.cli import main

    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    names = [n for n, c in main.commands.items() if not c.hidden]
    subs = [f"{n} {s}" for n, c in main.commands.items() if isinstance(c, Group) for s in c.commands]
    assert names and subs
    for name in [*names, *subs]:
        assert f"## lineage {name}\n" in text, name
