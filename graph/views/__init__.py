"""What a person looks at: the pyvis propagation ``tree``, the province ``coverage`` map, the ``national`` view and
the response ``timeline`` (matplotlib), from the analysis' graphs; HTML templates in ``templates/``.

Imports :mod:`lineage.graph.analysis` and ``levels``; never the store or the mirror.
"""
