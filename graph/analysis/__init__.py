"""Analysis of propagation on a networkx graph: roots, depths and lags of a cascade (``cascade``), the propagation
tree and its statistics (``propagation``), which provinces or districts have acted (``coverage``).

Takes plain networkx graphs and rows; imports neither the store nor the mirror, so any source of letters can feed
it.
"""
