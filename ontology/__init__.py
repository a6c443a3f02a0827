"""The vocabulary of the graph (``lineage.ttl``, the property-graph table) and its IRIs and terms; reads
:mod:`lineage.reference` only."""
