"""The RDF graph: ``Letter`` records → triples (``build``, IRIs by ``iri``, bodies placed by ``places`` through the
one resolver), kept in an Oxigraph store (``store``: its API; ``filing``, the per-file record of shared triples; ``updates``,
what a change writes and which shared triples another file still states; ``binding``, parameters written into a
query; ``terms``, terms between rdflib and pyoxigraph and results as Python), the
administrative ``hierarchy``, undated-citation ``joins`` and reviewers' links, near-miss ``candidates``, the SPARQL
``reports`` and SHACL ``validate``.

Imports :mod:`lineage.reference`, :mod:`lineage.ontology` and :mod:`lineage.models` only: never the mirror, the
analysis or the views (``tests/test_layers.py``).
"""
