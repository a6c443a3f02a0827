"""``lineage tree`` and ``lineage stats`` on a store loaded from the gold rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_paths import SEED_GOLD

from lineage.cli import main
from lineage.graph.rdf.store import GraphStore
from lineage.models import Letter

GOLD = SEED_GOLD


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("store") / "s"
    with GraphStore(path) as s:
        s.load_letters([Letter.from_dict(json.loads(x)) for x in GOLD.read_text("utf-8").splitlines() if x])
    return str(path)


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


def test_tree_table(store_dir: str) -> None:
    code, out, _ = run("tree", "534-CV/BTGTW", "--store", store_dir)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["letter", "date", "lag_days", "relation"]
    assert lines[2].startswith("534-CV/BTGTW")
    assert lines[3].split()[:4] == ["182-CV/TU", "2021-05-18", "5", "implements"]
    assert lines[4].split()[:4] == ["168-CV/TU", "2021-05-28", "15", "implements"]
    assert lines[3].startswith("  ")  # indented under the root


def test_tree_json(store_dir: str) -> None:
    code, out, _ = run("tree", "1699/CĐ-TTg", "--store", store_dir, "--format", "json")
    assert code == 0
    d = json.loads(out)
    assert set(d) >= {"root", "nodes", "edges"}
    assert "Thành ủy Cẩm Phả" in [n["issuer"] for n in d["nodes"]]
    assert [(e["relation"], e["lag_days"]) for e in d["edges"]] == [("implements", 7)]
    assert {"source", "target", "relation", "lag_days"} <= set(d["edges"][0])


def test_tree_csv(store_dir: str) -> None:
    """csv gives each letter's depth as a column, never as spaces inside its identifier (the table indents)."""
    code, out, _ = run("tree", "534-CV/BTGTW", "--store", store_dir, "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("depth,letter,date,lag_days,relation")
    rows = [line.split(",")[:2] for line in out.splitlines()[1:]]
    assert rows == [["0", "534-CV/BTGTW"], ["1", "182-CV/TU"], ["1", "168-CV/TU"]]
    code, table, _ = run("tree", "534-CV/BTGTW", "--store", store_dir)
    assert "\n  182-CV/TU " in table and "depth" not in table


def test_tree_html_and_timeline(store_dir: str, tmp_path: Path) -> None:
    html, png = tmp_path / "534.html", tmp_path / "534.png"
    code, _, err = run("tree", "534-CV/BTGTW", "--store", store_dir, "--html", str(html), "--timeline", str(png))
    assert code == 0
    assert f"Wrote {html} (3 letters, 2 links)." in err
    assert "vis.Network" in html.read_text("utf-8") and png.read_bytes()[:4] == b"\x89PNG"


def test_follow_follows_up(store_dir: str) -> None:
    code, out, _ = run(
        "tree", "1879-CV/TU", "--store", store_dir, "--follow", "implements,follows_up", "--format", "json"
    )
    assert code == 0 and [e["relation"] for e in json.loads(out)["edges"]] == ["follows_up"]


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["tree", "999-CV/TU"], 1, "Error: 999-CV/TU: no document in the store"),
        (["tree", "534-CV/BTGTW", "--follow", "cites"], 2, "choose from implements, follows_up, based_on"),
        (["tree", "534-CV/BTGTW", "--open"], 2, "--open needs --html FILE"),
        (["stats", "534-CV/BTGTW", "--reach", "2"], 2, "fractions in (0, 1]"),
    ],
)
def test_errors(store_dir: str, args: list[str], code: int, message: str) -> None:
    got, _, err = run(*args, "--store", store_dir)
    assert got == code and message in err


def test_missing_store(tmp_path: Path) -> None:
    code, _, err = run("tree", "534-CV/BTGTW", "--store", str(tmp_path / "none"))
    assert code == 1 and err.startswith("Error: ") and "no store here" in err


def test_stats_json_for_a_central_letter(store_dir: str) -> None:
    code, out, _ = run("stats", "534-CV/BTGTW", "--store", store_dir, "--format", "json")
    assert code == 0
    r = json.loads(out)
    assert r["summary"]["letters"] == 3 and r["summary"]["depth"] == 1 and r["summary"]["breadth"] == 2
    assert r["summary"]["structural_virality"] == pytest.approx(4 / 3, abs=1e-4)
    assert r["lag_by_level"] == [{"level": "province", "count": 2, "min": 5, "median": 10.0, "max": 15}]
    assert r["provinces"]["total"] == 63 and r["provinces"]["reached"] == 2
    assert [x["days"] for x in r["reach"]] == [None, None, None, None]
    assert r["anomalies"] == []


def test_stats_table_for_a_province_letter(store_dir: str) -> None:
    code, out, _ = run("stats", "132-CV/TU", "--issuer", "Tỉnh ủy Quảng Ninh", "--store", store_dir)
    assert code == 0
    assert "Districts of Quảng Ninh with no letter yet: 12" in out
    assert "Thành phố Hạ Long" in out and "Provinces with no letter yet" not in out


def test_stats_reports_anomalies(store_dir: str) -> None:
    code, out, _ = run("stats", "1699/CĐ-TTg", "--store", store_dir)
    assert code == 0
    assert "[skips_level] 156-CV/TU (district) implements 1699/CĐ-TTg (central) directly" in out


@pytest.mark.parametrize("command", ["tree", "stats", "coverage"])
def test_help_ends_with_example(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0
    assert "Example:" in out and out.rstrip().splitlines()[-1].strip().startswith("lineage ")


@pytest.fixture(scope="module")
def cascade_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A generated cascade with every level, and issuers of unknown level (a lost header)."""
    import sys
    from dataclasses import replace

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.generate import CascadeConfig, iter_letters

    letters = [Letter.from_dict(g.truth) for g in iter_letters(250, seed=5, config=CascadeConfig())]
    letters = [replace(x, issuer=None, issuer_level=None, issuer_parent=None, issuer_province=None)
               if i % 7 == 3 else x for i, x in enumerate(letters)]
    path = tmp_path_factory.mktemp("cascade") / "s"
    with GraphStore(path) as s:
        s.load_letters(letters)
        root = s.select("SELECT ?d (COUNT(?l) AS ?n) WHERE { ?l lin:implements ?d } GROUP BY ?d ORDER BY DESC(?n) ?d "
                        "LIMIT 1")[0]["d"]
    return str(path), str(root)


@pytest.mark.parametrize("collapse", [None, "central", "province", "district", "commune"])
@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_every_tree_option_combination(cascade_store: tuple[str, str], tmp_path: Path, collapse: str | None,
                                       fmt: str) -> None:
    """No traceback whatever the options and the levels found (unknown included) (issue 16, item 5)."""
    store, root = cascade_store
    i = ["table", "csv", "json"].index(fmt)
    follow = ["implements", "implements,follows_up", "implements,follows_up,based_on"][i]
    depth = [[], ["--max-depth", "1"], ["--max-depth", "3"]][i]
    html, png = tmp_path / "t.html", tmp_path / "t.svg"
    args = ["tree", root, "--store", store, "--format", fmt, "--follow", follow, *depth, "--html", str(html),
            "--timeline", str(png)] + (["--collapse-below", collapse] if collapse else [])
    code, out, err = run(*args)
    assert code == 0, err
    assert html.read_text("utf-8").startswith("<!DOCTYPE html>") and png.stat().st_size > 0
    if fmt == "json":
        tree = json.loads(out)
        assert tree["root"] == root and len(tree["nodes"]) > 1
        assert any(n["level"] is None for n in tree["nodes"]) or depth  # the unknown level is in the cascade
    code, out, err = run("stats", root, "--store", store, "--follow", follow, *depth, "--format", "json")
    assert code == 0, err
    assert json.loads(out)["summary"]["root_label"]


def test_coverage_of_a_central_letter(store_dir: str, tmp_path: Path) -> None:
    png, html = tmp_path / "c.png", tmp_path / "c.html"
    code, out, err = run("coverage", "534-CV/BTGTW", "--store", store_dir, "--format", "json", "--picture", str(png),
                         "--html", str(html))
    assert code == 0, err
    cells = json.loads(out)
    assert len(cells) == 63  # the old map: the letter is of 2021
    reached = [(c["unit"], c["days"], c["letter"]) for c in cells if c["letters"]]
    assert reached == [("Cần Thơ", 15, "168-CV/TU"), ("Cao Bằng", 5, "182-CV/TU")]  # slowest first
    assert all(c["letters"] == 0 for c in cells[:61])  # laggards (not yet) first
    assert png.read_bytes()[:4] == b"\x89PNG" and "Cao Bằng" in html.read_text("utf-8")


def test_coverage_of_a_province_draws_its_districts(store_dir: str) -> None:
    code, out, err = run("coverage", "132-CV/TU", "--store", store_dir, "--province", "Quảng Ninh", "--format", "json")
    assert code == 0, err
    cells = json.loads(out)
    assert len(cells) == 13 and [c["unit"] for c in cells if c["letters"]] == ["Thành phố Cẩm Phả"]
    code, _, err = run("coverage", "132-CV/TU", "--store", store_dir, "--province", "Atlantis")
    assert code == 2 and "no province called 'Atlantis'" in err
