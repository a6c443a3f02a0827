#!/usr/bin/env bash
# mypy over the installed layout: reference/, loaders/, graph/, ontology/ and queries/ are the packages
# lineage.loaders, lineage.graph … (pyproject's package-dir), which mypy cannot map by itself,
# so it reads them through a tree of links that has that layout.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TREE="$(mktemp -d)"
trap 'rm -rf "$TREE"' EXIT
mkdir -p "$TREE/lineage"
for f in "$ROOT"/lineage/*; do ln -s "$f" "$TREE/lineage/"; done
for d in reference loaders graph ontology queries; do ln -s "$ROOT/$d" "$TREE/lineage/$d"; done
cd "$TREE"
"$ROOT/.venv/bin/mypy" -p lineage --ignore-missing-imports --cache-dir "$ROOT/.mypy_cache" "$@"
