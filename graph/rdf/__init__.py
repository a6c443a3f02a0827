"""The RDF graph: ``Letter`` records → triples (``build``, IRIs by ``iri``, bodies placed by ``places`` through the
one resolver), kept in an Oxigraph store (``store``, with the per-file ``filing`` of shared triples), the
administrative ``hierarchy``, undated-citation ``joins`` and reviewers' links, near-miss ``candidates``, the SPARQL
``reports`` and SHACL ``validate``.

Imports :mod:`lineage.reference`, :mod:`lineage.ontology` and :mod:`lineage.models` only: never the mirror, the
analysis or the views (``tests/test_layers.py``).
"""
