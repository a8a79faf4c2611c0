"""Teacher models for soft labels, run without TensorFlow.

Two PyPI packages bundle Jigsaw-trained BiLSTMs (MIT): `tox-block` 0.1.2 and
`toxic-comment-classifier` 0.3.0. Both are Embedding(20000, 50) -> BiLSTM(50) -> GlobalMaxPool ->
Dense(50, relu) -> Dense(6, sigmoid) over a Keras word tokenizer (20k words, 100 tokens, pre-padded).
We read the `.h5` weights with h5py, unpickle the tokenizers with stand-in classes and run the forward
pass in numpy, so TensorFlow is never installed. `alt-profanity-check` (TF-IDF + linear SVM) is the
peer we compare against; it is scikit-learn only.
"""
from __future__ import annotations

import os
import pickle
import re

import h5py
import numpy as np

JIGSAW = ["toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate"]


def _site(pkg: str) -> str:
    import importlib.util

    spec = importlib.util.find_spec(pkg)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"teacher package {pkg!r} is not installed (see models/train/requirements-toxicity.txt)")
    return list(spec.submodule_search_locations)[0]


class _Stub:
    def __setstate__(self, state):
        self.__dict__.update(state if isinstance(state, dict) else {"state": state})


class _Unpickler(pickle.Unpickler):
    def find_class(self, module, name):
        if module.startswith(("keras", "tox_block", "tensorflow")):
            return _Stub
        return super().find_class(module, name)


def _load_pickle(path: str):
    with open(path, "rb") as fh:
        return _Unpickler(fh).load()


class KerasWordTokenizer:
    """keras_preprocessing.text.Tokenizer.texts_to_sequences + pad_sequences(maxlen, 'pre', 'pre')."""

    def __init__(self, state, maxlen: int = 100):
        self.word_index = state.word_index
        self.num_words = state.num_words
        self.lower = state.lower
        self.table = str.maketrans({c: state.split for c in state.filters})
        self.split = state.split
        self.maxlen = maxlen

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.maxlen), dtype=np.int64)
        for r, t in enumerate(texts):
            if self.lower:
                t = t.lower()
            seq = []
            for w in t.translate(self.table).split(self.split):
                if not w:
                    continue
                i = self.word_index.get(w)
                if i is not None and not (self.num_words and i >= self.num_words):
                    seq.append(i)
            seq = seq[-self.maxlen:]
            if seq:
                out[r, self.maxlen - len(seq):] = seq
        return out


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def _hard_sigmoid(x):
    return np.clip(0.2 * x + 0.5, 0.0, 1.0)


class BiLstmTeacher:
    """Embedding -> BiLSTM(return_sequences) -> max over time -> Dense relu -> Dense sigmoid."""

    def __init__(self, tokenizer, emb, fwd, bwd, d1, d2, recurrent_activation):
        self.tok, self.emb, self.fwd, self.bwd, self.d1, self.d2 = tokenizer, emb, fwd, bwd, d1, d2
        self.ra = recurrent_activation

    def _lstm(self, x, params, reverse):
        k, r, b = params
        n, t, _ = x.shape
        u = r.shape[0]
        xz = x @ k + b  # [n, t, 4u]
        h = np.zeros((n, u), dtype=np.float32)
        c = np.zeros((n, u), dtype=np.float32)
        hmax = np.full((n, u), -np.inf, dtype=np.float32)
        steps = range(t - 1, -1, -1) if reverse else range(t)
        for s in steps:
            z = xz[:, s] + h @ r
            i, f = self.ra(z[:, :u]), self.ra(z[:, u:2 * u])
            g, o = np.tanh(z[:, 2 * u:3 * u]), self.ra(z[:, 3 * u:])
            c = f * c + i * g
            h = o * np.tanh(c)
            hmax = np.maximum(hmax, h)
        return hmax

    def predict(self, texts: list[str], batch: int = 2048) -> np.ndarray:
        outs = []
        for s in range(0, len(texts), batch):
            ids = self.tok.encode(texts[s:s + batch])
            x = self.emb[ids]
            h = np.concatenate([self._lstm(x, self.fwd, False), self._lstm(x, self.bwd, True)], axis=1)
            h = np.maximum(h @ self.d1[0] + self.d1[1], 0.0)
            outs.append(_sigmoid(h @ self.d2[0] + self.d2[1]))
        return np.concatenate(outs).astype(np.float32) if outs else np.zeros((0, 6), np.float32)


def tox_block() -> BiLstmTeacher:
    root = _site("tox_block")
    enc = _load_pickle(os.path.join(root, "trained_models", "encoder_0.1.2.pkl"))
    f = h5py.File(os.path.join(root, "trained_models", "lstm_model_0.1.2.h5"), "r")
    w = f["model_weights"]
    g = lambda p: np.asarray(w[p], dtype=np.float32)  # noqa: E731
    lstm = lambda d: tuple(g(f"bidirectional/bidirectional/{d}_lstm/{n}:0") for n in ("kernel", "recurrent_kernel", "bias"))  # noqa: E731
    return BiLstmTeacher(
        KerasWordTokenizer(enc.tokenizer, enc.max_sequence_length),
        g("embedding/embedding/embeddings:0"), lstm("forward"), lstm("backward"),
        (g("dense/dense/kernel:0"), g("dense/dense/bias:0")), (g("dense_1/dense_1/kernel:0"), g("dense_1/dense_1/bias:0")),
        _hard_sigmoid,  # the saved config says recurrent_activation = hard_sigmoid (Keras 2)
    )


def toxic_comment_classifier() -> BiLstmTeacher:
    root = _site("toxic_classifier")
    tok = _load_pickle(os.path.join(root, "model", "tokenizer.pickle"))
    f = h5py.File(os.path.join(root, "model", "model.weights.h5"), "r")
    g = lambda p: np.asarray(f["layers/" + p], dtype=np.float32)  # noqa: E731
    lstm = lambda d: tuple(g(f"bidirectional/{d}_layer/cell/vars/{i}") for i in range(3))  # noqa: E731
    return BiLstmTeacher(
        KerasWordTokenizer(tok, 100),
        g("embedding/vars/0"), lstm("forward"), lstm("backward"),
        (g("dense/vars/0"), g("dense/vars/1")), (g("dense_1/vars/0"), g("dense_1/vars/1")),
        _sigmoid,  # Keras 3 default recurrent activation
    )


_TCC_CLEAN = [(re.compile(r"http\S+|www.\S+"), ""), (re.compile(r"[^a-zA-Z0-9!?.,]"), " "), (re.compile(r"\s+"), " ")]


def tcc_clean(text: str) -> str:
    """toxic_classifier.utils.clean_text (the package's own preprocessing)."""
    text = text.lower()
    for rx, rep in _TCC_CLEAN:
        text = rx.sub(rep, text)
    return text.strip()


def profanity_check():
    """alt-profanity-check: returns f(texts) -> P(offensive)."""
    import joblib

    root = _site("profanity_check")
    vec = joblib.load(os.path.join(root, "data", "vectorizer.joblib"))
    model = joblib.load(os.path.join(root, "data", "model.joblib"))
    return lambda texts: model.predict_proba(vec.transform(texts))[:, 1].astype(np.float32)


if __name__ == "__main__":
    import time

    texts = ["you are a stupid idiot", "have a lovely day", "I will kill you", "go back to your country you filthy immigrant", "fuck off"]
    for name, t in [("tox_block", tox_block()), ("tcc", toxic_comment_classifier())]:
        t0 = time.time()
        p = t.predict(texts if name == "tox_block" else [tcc_clean(x) for x in texts])
        print(name, f"{time.time() - t0:.2f}s")
        for x, row in zip(texts, p):
            print(f"  {x[:40]:40s}", " ".join(f"{v:.2f}" for v in row))
    print("profanity_check", profanity_check()(texts))
