"""The ontology, the shapes and the terms module agree with each other and with the data tables."""

from __future__ import annotations

import pytest
from graph_helpers import gold_letters
from rdflib import Literal
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from lineage.graph.rdf.build import letter_to_graph
from lineage.ontology import terms
from lineage.ontology.terms import DCTERMS, ELI, LIN, ORG, PROV, ontology_graph, shapes_graph
from lineage.reference import tables


def test_ontology_and_shapes_parse():
    assert (terms.ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology_graph()
    assert len(shapes_graph()) > 50


@pytest.mark.parametrize(
    "sub, sup",
    [
        (LIN.implements, ELI.applies),
        (LIN.basedOn, ELI.based_on),
        (LIN.cites, ELI.cites),
        (LIN.issuedBy, ELI.passed_by),
        (LIN.date, ELI.date_document),
        (LIN.number, ELI.number),
        (LIN.docType, ELI.type_document),
        (LIN.parentBody, ORG.subOrganizationOf),
        (LIN.evidence, PROV.value),
        (LIN.subject, DCTERMS.title),
    ],
)
def test_sub_properties_of_established_vocabularies(sub, sup):
    assert (sub, RDFS.subPropertyOf, sup) in ontology_graph()


@pytest.mark.parametrize(
    "sub, sup",
    [
        (LIN.Document, ELI.LegalResource),
        (LIN.Body, ORG.Organization),
        (LIN.Citation, PROV.Entity),
        (LIN.AdministrativeUnit, DCTERMS.Location),
    ],
)
def test_sub_classes(sub, sup):
    assert (sub, RDFS.subClassOf, sup) in ontology_graph()


def test_every_class_and_property_has_vi_and_en_labels():
    g = ontology_graph()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in g.subjects(RDF.type, kind):
            langs = {lit.language for lit in g.objects(term, RDFS.label)}
            assert {"vi", "en"} <= langs, term
            assert list(g.objects(term, SKOS.definition)), term


def test_every_lin_term_the_builder_uses_is_declared():
    g = ontology_graph()
    declared = set(g.subjects(RDF.type, None))
    for letter in gold_letters():
        for _s, p, o in letter_to_graph(letter):
            for t in (p, o):
                if str(t).startswith(str(LIN)) and not isinstance(t, Literal):
                    assert t in declared, t


def test_doc_type_scheme_matches_the_extractor_table():
    codes = {c.notation: c.label_vi for c in terms.doc_types()}
    for row in tables.load("doc_types")["types"]:
        assert codes.get(row["code"]) == row["name"], row


def test_relations_have_direct_properties():
    assert {c.notation: c.prop for c in terms.relations()} == {
        "implements": LIN.implements,
        "based_on": LIN.basedOn,
        "follows_up": LIN.followsUp,
        "references": LIN.references,
    }


@pytest.mark.parametrize(
    "line, purpose",
    [
        ("Ban Bí thư TW Đảng (b/c)", "report"),
        ("Ban Tuyên giáo Trung ương (để báo cáo)", "report"),
        ("Như kính gửi (t/h)", "execute"),
        ("Các đ/c UV BTV Thành ủy (c/đ)", "direct"),
        ("Lưu Văn phòng Tỉnh ủy", "archive"),
        ("Lưu VP/TU", "archive"),
        ("Như trên", None),
        ("LĐVP, CVTH", None),
    ],
)
def test_copy_purpose_marks(line, purpose):
    c = terms.copy_purpose(line)
    assert (c.notation if c else None) == purpose
