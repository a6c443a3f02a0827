"""Undated citations joined to the one dated document they can name, and reviewers' links (graph/rdf/joins.py).

Letters are real-shaped text read by the extractor: a Tỉnh ủy Cao Bằng letter 182-CV/TU and a
letter of Huyện ủy Hòa An (Cao Bằng) citing "Công văn số 182-CV/TU của Ban Thường vụ Tỉnh ủy" with no date.
"""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest_falkordb import *  # noqa: F401,F403  (fixtures)
from test_candidates import HOA_AN, _tinh_uy

from lineage.cli import main

UNDATED = "https://w3id.org/directive-lineage/id/doc/tinh-uy-cao-bang/old-04/undated/182-cv-tu"


def _corpus(root: Path, **letters: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in letters.items():
        (root / f"{name}.txt").write_text(text, "utf-8")
    return root


def run(*args: object) -> object:
    return CliRunner().invoke(main, [str(a) for a in args])


def _json(*args: object) -> list[dict]:
    r = run(*args, "--format", "json")
    assert r.exit_code == 0, r.output  # type: ignore[attr-defined]
    return json.loads(r.stdout)  # type: ignore[attr-defined]


def _implementers(store: Path, ref: str, *more: str) -> list[tuple[str, str]]:
    return [(x["identifier"], x["implements"].split("/doc/")[1]) for x in _json("implementers", ref, *more, "--store", store)]


def test_the_undated_citation_of_a_district_letter_joins_the_dated_province_letter(tmp_path: Path) -> None:
    store = tmp_path / "store"
    # loaded in either order, the join is the same: it is recomputed from the store after every change
    _corpus(tmp_path / "a", hoa_an=HOA_AN)
    assert run("load", tmp_path / "a", "--store", store).exit_code == 0  # type: ignore[attr-defined]
    assert [j["joined_to"] for j in _json("joins", "--store", store)] == [None]
    _corpus(tmp_path / "b", tu=_tinh_uy("182", (5, 3, 2021)), later=_tinh_uy("183", (6, 3, 2021)))
    r = run("load", tmp_path / "b", "--store", store)
    assert r.exit_code == 0, r.output  # type: ignore[attr-defined]
    rows = _json("joins", "--store", store)
    assert [(j["node"], j["joined_to"].split("/doc/")[1], j["by"]) for j in rows] == [
        (UNDATED, "tinh-uy-cao-bang/old-04/2021/182-cv-tu", "rule")]
    assert "not after the first citing letter (2021-03-20) and of its term" in rows[0]["reason"]
    # "182-CV/TU" now names one document, and the district letter implements it
    assert _implementers(store, "182-CV/TU") == [("20-CV/HU", "tinh-uy-cao-bang/old-04/2021/182-cv-tu")]
    # the citation, with its evidence, is listed under the dated letter
    cited_by = _json("report", "citations", "-p", f"target={rows[0]['joined_to']}", "--store", store)
    assert [(c["direction"], c["relation"], c["evidence"][:31]) for c in cited_by] == [
        ("cited-by", "implements", "Thực hiện Công văn số 182-CV/TU")]
    # taking the dated letter out takes the join out
    (tmp_path / "b" / "tu.txt").unlink()
    assert run("load", tmp_path / "a", tmp_path / "b", "--store", store, "--prune").exit_code == 0  # type: ignore[attr-defined]
    assert [j["joined_to"] for j in _json("joins", "--store", store)] == [None]


def test_a_letter_dated_after_the_citing_one_or_of_an_earlier_term_is_not_joined(tmp_path: Path) -> None:
    for name, date, why in (("after", (5, 4, 2021), "after the citing letter"),
                            ("old-term", (5, 3, 2019), "of another term")):
        store = tmp_path / name / "store"
        corpus = _corpus(tmp_path / name / "c", tu=_tinh_uy("182", date), hoa_an=HOA_AN)
        assert run("load", corpus, "--store", store).exit_code == 0  # type: ignore[attr-defined]
        rows = _json("joins", "--store", store)
        assert [j["joined_to"] for j in rows] == [None] and why in rows[0]["reason"], rows


def test_two_plausible_letters_stay_apart_until_a_reviewer_links_one(tmp_path: Path) -> None:
    store = tmp_path / "store"
    corpus = _corpus(tmp_path / "c", a=_tinh_uy("182", (5, 3, 2021)), b=_tinh_uy("182", (5, 12, 2020)), hoa_an=HOA_AN)
    r = run("load", corpus, "--store", store)
    assert r.exit_code == 0 and "2 dated documents fit (2020-12-05, 2021-03-05)" in r.stderr  # type: ignore[attr-defined]
    assert [j["joined_to"] for j in _json("joins", "--apart", "--store", store)] == [None]
    # the reviewer decides; the decision is kept with who made it
    rows = _json("link", UNDATED, UNDATED.replace("undated", "2021"), "--by", "Nguyễn Thị Hoa", "--store", store)
    assert [(j["joined_to"].split("/")[-2], j["by"]) for j in rows] == [("2021", "link")]
    assert "linked by Nguyễn Thị Hoa" in rows[0]["reason"]
    assert _implementers(store, UNDATED.replace("undated", "2021")) == [
        ("20-CV/HU", "tinh-uy-cao-bang/old-04/2021/182-cv-tu")]
    assert _json("candidates", "--store", store) == []  # decided: not proposed again
    # kept across a reload of a changed letter, and in the export
    (corpus / "hoa_an.txt").write_text(HOA_AN.replace("yêu cầu:", "yêu cầu các chi bộ:"), "utf-8")
    r = run("load", corpus, "--store", store, "--format", "json")
    assert json.loads(r.stdout)[0]["changed"] == 1  # type: ignore[attr-defined]
    assert [j["by"] for j in _json("joins", "--store", store)] == ["link"]
    export = run("export", "--store", store, "--format", "nq").stdout  # type: ignore[attr-defined]
    assert "Nguyễn Thị Hoa" in export and "owl#sameAs" in export
    # undone, and kept apart: the 2020 letter is then the only one it can name, and the rule joins that
    _json("unlink", UNDATED, UNDATED.replace("undated", "2021"), "--store", store)
    assert [(j["joined_to"].split("/")[-2], j["by"]) for j in _json("joins", "--store", store)] == [("2020", "rule")]
    assert _implementers(store, UNDATED.replace("undated", "2021")) == []


def test_the_mirror_follows_the_join(tmp_path: Path, falkor: object) -> None:
    from conftest_falkordb import fresh_client

    from lineage.graph.mirror.reports import run_cypher_report
    from lineage.graph.mirror.sync import sync
    from lineage.graph.rdf.reports import run_report
    from lineage.graph.rdf.store import GraphStore

    corpus = _corpus(tmp_path / "c", tu=_tinh_uy("182", (5, 3, 2021)), hoa_an=HOA_AN)
    assert run("load", corpus, "--store", tmp_path / "store").exit_code == 0  # type: ignore[attr-defined]
    dated = UNDATED.replace("undated", "2021")
    client = fresh_client(falkor)  # type: ignore[arg-type]
    try:
        with GraphStore(tmp_path / "store", read_only=True) as gs:
            sync(gs, client)
            for name in ("implementers", "propagation-tree", "citations"):
                _, sparql_rows = run_report(gs, name, {"target": dated})
                _, cypher_rows = run_cypher_report(client, name, {"target": dated})
                assert sparql_rows and cypher_rows == sparql_rows, name
    finally:
        client.close()


def test_docs_state_the_numbering_regimes_from_the_data() -> None:
    from lineage.graph.rdf.joins import regimes_markdown

    store_md = (Path(__file__).resolve().parent.parent / "docs" / "store.md").read_text("utf-8")
    assert regimes_markdown() in store_md  # regenerate the table in docs/store.md when numbering.json changes
