"""A weight table stored as one byte per weight: a 256-entry codebook and uint8 codes.

The toxicity and injection models are tables of per-n-gram weights (32,768 x 6 and 65,536 x 1
floats): 1 MB of float32 that brotli cannot shrink, nearly half of what a browser downloads for
the models. Here each weight is replaced by one of 255 levels fitted to the table (see
`quantize`: deterministic, no seed). Non-uniform levels matter: the injection weights run from
about -270 to +270 with a median magnitude under 2, so a uniform int8 scale (step ~2.1) would
erase most of them.

In the graph the table becomes two initializers and two ops, both run by tract on every target:

    codes    uint8   [rows, L]   Gather(codes, ids)        -> [1, N, L] uint8
    codebook float32 [256]       Cast to int32, Gather(codebook, .) -> [1, N, L] float32

so `rows` (the gathered weights) is the dequantized table, and everything after it (sums,
contributions, exact explanations) is unchanged. `dequantized(codes, codebook)` is that table in
numpy, for the reference outputs the Rust tests compare tract with.

    python models/train/codebook.py models/toxicity.onnx table   # rewrite a float model in place

does the same to an already exported float model (the form the models had before this file), so
the shipped file is exactly what the training's export step now writes from the same weights.
"""
from __future__ import annotations

import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

LEVELS = 255  # codes 0..254; code 127 is exactly zero


def quantize(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(codes uint8 of table's shape, codebook float32 [256]).

    Levels are uniform in u = sign(x) * log(1 + |x| / s), s = the median |weight|: fine steps near
    zero, where most weights are, and a bounded *relative* error on the large ones (the few
    n-grams that decide a short text: "fuck off" is a handful of ids). Each level is then moved to
    the mean of the weights it holds (less squared error, same cells), except code 127, kept at
    exactly 0 (bucket 0, the featurizer's "no id" row, stays zero). The grid and s were compared
    with 1-D k-means on the tables' own reconstruction error (max and rms; no data, no scores):
    k-means' rms error was 3x larger and its worst relative error on |w| > 1 was 32%, this grid's
    is 1.8% (toxicity) and 5.6% (injection).
    """
    x = table.astype(np.float64).ravel()
    half = LEVELS // 2
    s = float(np.median(np.abs(x))) or 1.0
    step = np.log1p(np.abs(x).max() / s) / half if np.abs(x).max() > 0 else 1.0
    codes = (np.round(np.sign(x) * np.log1p(np.abs(x) / s) / step) + half).astype(np.int64)
    grid = np.arange(LEVELS) - half
    centers = np.sign(grid) * np.expm1(np.abs(grid) * step) * s
    sums = np.bincount(codes, weights=x, minlength=LEVELS)
    counts = np.bincount(codes, minlength=LEVELS)
    centers = np.where(counts > 0, sums / np.maximum(counts, 1), centers)
    centers[half] = 0.0
    codebook = np.zeros(256, np.float32)
    codebook[:LEVELS] = centers
    return codes.astype(np.uint8).reshape(table.shape), codebook


def dequantized(codes: np.ndarray, codebook: np.ndarray) -> np.ndarray:
    """The table the graph computes: codebook[codes], float32."""
    return codebook[codes.astype(np.int64)]


def initializers(name: str, codes: np.ndarray, codebook: np.ndarray) -> list[onnx.TensorProto]:
    return [numpy_helper.from_array(codes, f"{name}_codes"), numpy_helper.from_array(codebook, f"{name}_codebook")]


def gather_nodes(name: str, ids: str, out: str) -> list[onnx.NodeProto]:
    """Nodes computing out = table[ids] from `name`'s codes and codebook."""
    return [
        helper.make_node("Gather", [f"{name}_codes", ids], [f"{name}_code_rows"], axis=0),
        helper.make_node("Cast", [f"{name}_code_rows"], [f"{name}_code_index"], to=TensorProto.INT32),
        helper.make_node("Gather", [f"{name}_codebook", f"{name}_code_index"], [out], axis=0),
    ]


# ----------------------------------------------------------------------------------------------
# Half a byte per weight, one codebook per column: the NER model's embedding table.
NIBBLE_LEVELS = 16


def quantize_columns4(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(packed uint8 [rows, D/2], codebook float32 [D, 16]) for a [rows, D] table (D even).

    Each column gets its own 16 levels, fitted by 1-D k-means (Lloyd's algorithm from quantile
    starts, deterministic): an embedding column is a bell around zero without the heavy tail of
    the n-gram weights, so squared error is the measure (its sum over a token's slots is what the
    network reads). The level nearest zero is set to exactly zero, so row 0 (the padding id every
    unused slot points at) adds nothing. Byte j of a row holds column j in its low nibble and
    column j + D/2 in its high one.
    """
    rows, d = table.shape
    assert d % 2 == 0, "an even number of columns"
    book = np.zeros((d, NIBBLE_LEVELS), np.float64)
    codes = np.zeros((rows, d), np.int64)
    for j in range(d):
        x = table[:, j].astype(np.float64)
        c = np.quantile(x, (np.arange(NIBBLE_LEVELS) + 0.5) / NIBBLE_LEVELS)
        for _ in range(200):
            which = np.searchsorted((c[1:] + c[:-1]) / 2, x)
            sums = np.bincount(which, weights=x, minlength=NIBBLE_LEVELS)
            counts = np.bincount(which, minlength=NIBBLE_LEVELS)
            moved = np.where(counts > 0, sums / np.maximum(counts, 1), c)
            if np.allclose(moved, c, rtol=0, atol=1e-10):
                break
            c = np.sort(moved)
        c[np.argmin(np.abs(c))] = 0.0
        c = np.sort(c)
        book[j] = c
        codes[:, j] = np.searchsorted((c[1:] + c[:-1]) / 2, x)
    codes[0] = [int(np.flatnonzero(book[j] == 0.0)[0]) for j in range(d)]
    half = d // 2
    packed = (codes[:, :half] | (codes[:, half:] << 4)).astype(np.uint8)
    return packed, book.astype(np.float32)


def dequantized_columns4(packed: np.ndarray, book: np.ndarray) -> np.ndarray:
    """The [rows, D] float32 table the graph computes from `quantize_columns4`'s output."""
    codes = np.concatenate([packed & 15, packed >> 4], axis=1).astype(np.int64)
    return book[np.arange(book.shape[0])[None, :], codes]


def columns4_initializers(name: str, packed: np.ndarray, book: np.ndarray) -> list[onnx.TensorProto]:
    d = book.shape[0]
    half = d // 2
    return [
        numpy_helper.from_array(packed, f"{name}_packed"),
        numpy_helper.from_array(book.reshape(-1), f"{name}_codebook"),
        numpy_helper.from_array(np.array(NIBBLE_LEVELS, np.int32), f"{name}_sixteen"),
        # Offsets into the flattened [D * 16] codebook of the low and the high nibbles' columns.
        numpy_helper.from_array((np.arange(half, dtype=np.int32) * NIBBLE_LEVELS), f"{name}_low_base"),
        numpy_helper.from_array(((np.arange(half, dtype=np.int32) + half) * NIBBLE_LEVELS), f"{name}_high_base"),
    ]


def columns4_gather_nodes(name: str, ids: str, out: str) -> list[onnx.NodeProto]:
    """out = table[ids] ([..., D] float32) from the packed nibbles: integer Div, Mul and Sub split
    each byte (no bit ops, which not every runtime has), Concat puts the columns back in order."""
    n = lambda s: f"{name}_{s}"  # noqa: E731
    return [
        helper.make_node("Gather", [n("packed"), ids], [n("bytes")], axis=0),
        helper.make_node("Cast", [n("bytes")], [n("bytes_i")], to=TensorProto.INT32),
        helper.make_node("Div", [n("bytes_i"), n("sixteen")], [n("high")]),
        helper.make_node("Mul", [n("high"), n("sixteen")], [n("high16")]),
        helper.make_node("Sub", [n("bytes_i"), n("high16")], [n("low")]),
        helper.make_node("Add", [n("low"), n("low_base")], [n("low_index")]),
        helper.make_node("Add", [n("high"), n("high_base")], [n("high_index")]),
        helper.make_node("Concat", [n("low_index"), n("high_index")], [n("index")], axis=-1),
        helper.make_node("Gather", [n("codebook"), n("index")], [out], axis=0),
    ]


def constant_nodes(name: str, out: str) -> list[onnx.NodeProto]:
    """out = a constant float tensor stored as codes into a codebook (`quantize`): tract folds it
    into the float tensor when it optimizes the graph, so this costs nothing per call."""
    return [
        helper.make_node("Cast", [f"{name}_codes"], [f"{name}_code_index"], to=TensorProto.INT32),
        helper.make_node("Gather", [f"{name}_codebook", f"{name}_code_index"], [out], axis=0),
    ]


def rewrite(model: onnx.ModelProto, name: str) -> onnx.ModelProto:
    """Replace the float initializer `name`, read by one Gather, with its codes and codebook."""
    g = model.graph
    (table,) = [t for t in g.initializer if t.name == name]
    (gather,) = [n for n in g.node if n.op_type == "Gather" and n.input[0] == name]
    codes, codebook = quantize(numpy_helper.to_array(table))
    keep_inits = [t for t in g.initializer if t.name != name]
    nodes = []
    for n in g.node:
        nodes.extend(gather_nodes(name, n.input[1], n.output[0]) if n is gather else [n])
    del g.initializer[:]
    g.initializer.extend(initializers(name, codes, codebook) + keep_inits)
    del g.node[:]
    g.node.extend(nodes)
    onnx.checker.check_model(model)
    return model


def main(path: str, name: str) -> None:
    model = onnx.load(path)
    (table,) = [numpy_helper.to_array(t) for t in model.graph.initializer if t.name == name]
    rewrite(model, name)
    onnx.save(model, path)
    codes, codebook = quantize(table)
    err = dequantized(codes, codebook) - table
    print(f"{path}: {name} {table.shape} -> uint8 codes, {LEVELS} levels; "
          f"max |error| {np.abs(err).max():.4g}, rms {np.sqrt((err ** 2).mean()):.4g}, "
          f"weights' rms {np.sqrt((table.astype(np.float64) ** 2).mean()):.4g}", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:3])
