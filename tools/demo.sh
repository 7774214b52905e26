#!/bin/sh
# `make demo`: codes the bundled sample articles (examples/articles/) and shows
# the records, then the events as TSV. Usage: tools/demo.sh PATH/TO/sitrep
set -e
SITREP=${1:-build/sitrep}
echo "== sitrep code examples/articles/  (one JSON record per article)"
"$SITREP" code --date 2025-03-13 examples/articles/ || true
echo
echo "== sitrep code --format tsv examples/articles/  (one row per event)"
"$SITREP" code --format tsv --date 2025-03-13 examples/articles/ || true
echo
n=$("$SITREP" code --date 2025-03-13 examples/articles/ 2>/dev/null | wc -l)
echo "demo: coded $n articles from examples/articles/ (one record has a date that is not YYYY-MM-DD on purpose: see its warnings)"
