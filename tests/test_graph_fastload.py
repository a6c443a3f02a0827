"""The store's fast load path: N-Triples lines straight from the builder, read-free deletes, bulk mode."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pyoxigraph as ox
import pytest
from graph_helpers import gold_letters
from rdflib import URIRef

from lineage.errors import StoreError
from lineage.graph.rdf.build import BuiltLetter, build_letter
from lineage.graph.rdf.filing import shared_subjects
from lineage.graph.rdf.hierarchy import HIERARCHY_GRAPH
from lineage.graph.rdf.store import GraphStore
from lineage.graph.rdf.terms import to_ox
from lineage.models import Assignment, Citation, Letter
from lineage.ontology.terms import MANIFEST_GRAPH


def synthetic_letters(n: int = 40) -> list[Letter]:
    """Gold letters re-issued by other bodies, with text that needs escaping and odd values."""
    gold = gold_letters()
    tricky = ['say "yes"', "back\\slash \\u0041", "two\nlines\r\nand\ttab", "NFD Thành ủy", " ", ""]
    out = []
    for i in range(n):
        base = gold[i % 5]
        text = tricky[i % len(tricky)]
        out.append(replace(
            base, file=f"syn/{i:03d}.txt", number=str(500 + i), symbol="CV/TU",
            issuer=["Tỉnh ủy Cao Bằng", "Huyện ủy Đình Lập", "Thành ủy Cẩm Phả", "Ban Tuyên giáo Tỉnh ủy Lạng Sơn"][i % 4],
            subject=f"Chủ đề {i} {text}", date=["2021-05-18", "2020-02-29", "2021-06-01T08:00", None][i % 4],
            issuer_inferred=bool(i % 2),
            citations=[*base.citations, Citation("Công văn", str(i), "CV/BTGTW", None, "Ban Tuyên giáo Trung ương",
                                                 "implements", f"Thực hiện {text}", start=0, end=i)],
            assignments=[*base.assignments, Assignment(item=f"Việc {text}", lead=["Huyện ủy Đình Lập"],
                                                       evidence=text or None, start=i, end=i + 3)],
            source_sha256=hashlib.sha256(f"syn{i}".encode()).hexdigest()))
    return out


def rdflib_quads(b: BuiltLetter) -> set[str]:
    return {str(ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(str(b.source)))) for s, p, o in b.graph}


@pytest.mark.parametrize("letters", [gold_letters(), synthetic_letters()], ids=["seeds", "synthetic"])
def test_fast_path_quads_equal_the_rdflib_graph(letters):
    for letter in letters:
        b = build_letter(letter)
        expected = rdflib_quads(b)
        assert {str(q) for q in b.quads()} == expected
        # the lines are valid N-Triples and mean the same quads
        parsed = ox.parse("".join(f"{line} .\n" for line in b.lines), format=ox.RdfFormat.N_TRIPLES)
        assert {str(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(str(b.source)))) for t in parsed} == expected
        assert b.triple_count == len(b.graph) == len(set(b.lines))


def test_store_graphs_hold_exactly_the_built_triples(tmp_path):
    letters = synthetic_letters(12)
    with GraphStore(tmp_path / "s") as s:
        s.load_letters(letters)
        for letter in letters:
            b = build_letter(letter)
            assert {str(q) for q in s.graph_quads(str(b.source))} == rdflib_quads(b)
            assert s.source(b.key).triples == b.triple_count


def default_graph(s: GraphStore) -> list[str]:
    return sorted(str(q) for q in s._store.quads_for_pattern(None, None, None, ox.DefaultGraph()))


def union_invariant(s: GraphStore) -> None:
    """The default graph is the set union of every data graph, and no dropped graph lingers."""
    expect: set[str] = set()
    for g in s.data_graphs(support=True):
        if g != str(MANIFEST_GRAPH):
            expect |= {f"{q.subject} {q.predicate} {q.object}" for q in s.graph_quads(g)}
    got = {f"{q.subject} {q.predicate} {q.object}" for q in s._store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    assert got == expect
    # the manifest mentions exactly the subjects of each file's shared triples
    for src in s.sources():
        lines = [f"{q.subject} {q.predicate} {q.object}" for q in s.graph_quads(src.graph)]
        mentioned = {q.object.value for q in s._store.quads_for_pattern(
            ox.NamedNode(src.graph), ox.NamedNode("https://w3id.org/directive-lineage/ontology#mentions"), None,
            ox.NamedNode(str(MANIFEST_GRAPH)))}
        assert mentioned == set(shared_subjects(lines, src.graph)) and len(lines) == src.triples
    sources = {x.graph for x in s.sources()}
    assert {g for g in s.data_graphs() if "/source/" in g} == sources


def test_changes_and_removals_keep_the_union_exact(tmp_path):
    letters = synthetic_letters(30)
    with GraphStore(tmp_path / "s") as s:
        s.load_letters(letters[:20])
        union_invariant(s)
        changed = [replace(x, subject="Đổi", source_sha256="e" * 64) if i % 3 == 0 else x for i, x in enumerate(letters[5:30])]
        summary = s.load_letters(changed, prune=True)
        assert len(summary.removed) == 5 and len(summary.changed) == 5 and len(summary.new) == 10
        union_invariant(s)
        s.remove([x.file for x in letters[5:25]])
        union_invariant(s)
        assert [x.key for x in s.sources()] == [x.file for x in letters[25:30]]


def test_a_failing_update_mid_batch_leaves_the_store_as_it_was(tmp_path):
    with GraphStore(tmp_path / "s") as s:
        s.load_letters(gold_letters())
        before = s._store.dump(format=ox.RdfFormat.N_QUADS)
        graphs = s.data_graphs(support=True)
        good = synthetic_letters(3)
        changed = replace(gold_letters()[1], subject="Mới", source_sha256="1" * 64)
        # a built letter whose last line Oxigraph rejects (an IRI with a space): the update fails late
        src = URIRef("https://example.org/source/bad")
        bad = BuiltLetter({'<https://example.org/a b> <https://example.org/p> "x"': (src, src, src)},
                          URIRef("https://example.org/doc/bad"), src, "bad.txt", "b" * 64)
        with pytest.raises(StoreError, match="store unchanged"):
            s.load_letters([*good, changed, bad], prune=True)
        assert s._store.dump(format=ox.RdfFormat.N_QUADS) == before
        assert s.data_graphs(support=True) == graphs and s.revision() == 1


def test_bulk_load_writes_what_a_transactional_load_writes(tmp_path):
    letters = gold_letters() + synthetic_letters(20)
    with GraphStore(tmp_path / "a") as a, GraphStore(tmp_path / "b") as b:
        sa, sb = a.load_letters(letters), b.bulk_load_letters(letters)
        assert sa.as_row() == sb.as_row()
        assert sorted(map(str, a._store)) == sorted(map(str, b._store))
        assert a.data_graphs(support=True) == b.data_graphs(support=True)
        assert b.load_letters(letters).unchanged == [x.file for x in letters]  # and it is a normal store after


def test_bulk_load_refuses_a_store_with_data_and_reports_a_broken_load(tmp_path):
    with GraphStore(tmp_path / "a") as a:
        a.load_letters(gold_letters()[:1])
        with pytest.raises(StoreError, match="empty store"):
            a.bulk_load_letters(gold_letters())
    bad = replace(gold_letters()[0], file="new.txt",
                  citations=[Citation("Công văn", "1", "CV/TU", None, "Tỉnh ủy X", "obeys", "…")])
    with GraphStore(tmp_path / "b") as b:
        with pytest.raises(StoreError, match="new.txt.*delete it"):
            b.bulk_load_letters([*gold_letters(), bad])
        assert b.revision() == 0


def test_load_stream_commits_batches_and_prunes_at_the_end(tmp_path):
    letters = synthetic_letters(25)
    with GraphStore(tmp_path / "a") as a, GraphStore(tmp_path / "b") as b:
        a.load_letters(letters[:10])
        b.load_letters(letters[:10])
        one = a.load_letters(letters[5:], prune=True)
        many = b.load_stream(letters[5:], batch=7, prune=True)
        assert (many.new, many.unchanged, many.removed) == (one.new, one.unchanged, one.removed)
        assert many.letters == 20 and b.revision() == 2 + 3  # three batches with new files, then the prune
        assert default_graph(a) == default_graph(b)
        assert a.nquads() == b.nquads()
        union_invariant(b)


def test_a_new_support_version_replaces_the_hierarchy_and_keeps_what_files_state(tmp_path, monkeypatch):
    """When the hierarchy changes version its old triples leave the default graph, except those a
    file still states; blank nodes (which no letter has) go by pattern."""
    from rdflib import BNode, Literal
    from rdflib.namespace import RDFS

    import lineage.graph.rdf.store as store_module

    real = store_module.hierarchy_graph
    letters = synthetic_letters(8)
    with GraphStore(tmp_path / "s") as s:
        def old_version(base):
            g = real(base)
            g.add((BNode(), RDFS.label, Literal("gone with the old version")))
            g.add((URIRef("https://example.org/unit/old"), RDFS.label, Literal("also gone")))
            return g
        monkeypatch.setattr(store_module, "hierarchy_graph", old_version)
        s.load_letters(letters[:4])
        union_invariant(s)
        # a unit triple some letter states, which the new hierarchy will no longer state
        stated = {f"{q.subject} {q.predicate} {q.object}" for x in s.sources() for q in s.graph_quads(x.graph)}
        hierarchy = {f"{q.subject} {q.predicate} {q.object}" for q in s.graph_quads(str(HIERARCHY_GRAPH))}
        kept = sorted(stated & hierarchy)[0]

        def new_version(base):
            g = real(base)
            for t in list(g):
                if f"{to_ox(t[0])} {to_ox(t[1])} {to_ox(t[2])}" == kept:
                    g.remove(t)
            return g
        monkeypatch.setattr(store_module, "hierarchy_graph", new_version)
        monkeypatch.setattr(store_module, "_SUPPORT_FORMAT", "test-next")
        s.load_letters(letters[4:])
        union_invariant(s)
        everything = {f"{q.subject} {q.predicate} {q.object}" for q in s._store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
        assert kept in everything and kept not in {f"{q.subject} {q.predicate} {q.object}" for q in s.graph_quads(str(HIERARCHY_GRAPH))}
        assert not any("gone with the old version" in t or "also gone" in t for t in everything)


def test_a_store_in_the_old_layout_is_refused_with_a_clear_error(tmp_path):
    """A store written before the layout change (per-file named graphs + a union graph) would read as
    empty; opening it says what happened instead, and leaves it untouched."""
    from lineage.ontology.terms import STORE_NS

    old = ox.Store(str(tmp_path / "old"))
    old.add(ox.Quad(ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/p"), ox.Literal("x"),
                    ox.NamedNode(str(STORE_NS["union"]))))
    old.flush()
    del old
    for read_only in (False, True):
        with pytest.raises(StoreError, match="older version.*load the letters again"):
            GraphStore(tmp_path / "old", read_only=read_only)
    assert len(ox.Store.read_only(str(tmp_path / "old"))) == 1
