"""The README's promises: its commands exist, its set-up commands are what CI runs."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

from lineage.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")
TOUR = [line.split("#")[0].strip()[2:] for line in README.splitlines() if line.startswith("$ lineage ")]


@pytest.mark.parametrize("line", TOUR)
def test_every_tour_command_parses(line: str) -> None:
    """Each `$ lineage …` line names real commands and options (click parses it without running it)."""
    for part in line.split("&&"):
        args = shlex.split(part)[1:]
        cmd: click.Command = main
        while isinstance(cmd, click.Group) and args and args[0] in cmd.commands:
            cmd = cmd.commands[args.pop(0)]
        assert cmd is not main, line
        names = {o for p in cmd.params for o in getattr(p, "opts", []) + getattr(p, "secondary_opts", [])}
        for a in args:
            if a.startswith("-"):
                assert a.split("=")[0] in names, f"{line}: {a} is not an option of {cmd.name}"


def test_ci_runs_the_readme_test_command() -> None:
    fenced = re.search(r"```bash\n(.*?)```", README, re.S)
    assert fenced is not None
    commands = [line.split("#")[0].strip() for line in fenced.group(1).splitlines() if line.strip()]
    assert commands == ["make demo", "make test"]
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert [line for line in ci.splitlines() if line and not line.startswith(("#", "set ", "cd "))] == ["make test"]
