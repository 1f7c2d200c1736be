"""A static embedder: one vector per vocabulary token, averaged over a text's tokens.

Encoding is a table lookup and a sum, tens of thousands of blocks per second on a 2-core CPU, against
~90/s for the transformer; the price is quality (no word order, no context). The table is derived
locally from the packaged MiniLM (`distill.py`) and cached in the user's data directory: it is derived
data, so it is never committed and never downloaded.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix

from sinoscope.errors import SinoscopeError
from sinoscope.retrieval.embedding import EmbedderUnavailableError, Matrix, normalize_rows

if TYPE_CHECKING:
    from tokenizers import Tokenizer

FORMAT = 1


class StaticEmbedder:
    """Weighted mean of per-token vectors (the weights are baked into the table's rows)."""

    def __init__(self, name: str, table: npt.NDArray[np.float32], tokenizer_json: str) -> None:
        if table.ndim != 2:
            raise ValueError("table must be (vocabulary, dim)")
        self._name = name
        self._table = np.ascontiguousarray(table, dtype=np.float32)
        self._tokenizer_json = tokenizer_json
        self._tokenizer = _load_tokenizer(tokenizer_json)

    @property
    def name(self) -> str:
        return self._name

    @property
    def dim(self) -> int:
        return int(self._table.shape[1])

    def vocabulary(self) -> list[str]:
        """Tokens in id order (for WordPiece vocabularies, roughly by corpus frequency)."""
        vocab = self._tokenizer.get_vocab()
        return [tok for tok, _ in sorted(vocab.items(), key=lambda kv: kv[1])]

    def encode(self, texts: Sequence[str]) -> Matrix:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(list(texts), add_special_tokens=False)
        lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(encodings))
        ids = np.fromiter(chain.from_iterable(e.ids for e in encodings), dtype=np.int64, count=int(lengths.sum()))
        ids = np.minimum(ids, self._table.shape[0] - 1)
        # A (texts x vocabulary) count matrix times the table sums each text's token vectors without
        # materialising the (tokens x dim) gather: ~15x faster than np.add.reduceat.
        indptr = np.concatenate(([0], np.cumsum(lengths)))
        counts = csr_matrix(
            (np.ones(len(ids), dtype=np.float32), ids, indptr), shape=(len(texts), self._table.shape[0])
        )
        out = np.asarray(counts @ self._table, dtype=np.float32)
        return normalize_rows(out)

    def save(self, path: Path) -> None:
        """Write atomically (temp file + rename), so a crash never leaves a half-written cache."""
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = json.dumps({"format": FORMAT, "name": self._name})
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                np.savez(
                    fh,
                    table=self._table.astype(np.float16),
                    tokenizer=np.array(self._tokenizer_json),
                    meta=np.array(meta),
                )
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: Path) -> StaticEmbedder:
        try:
            with np.load(path, allow_pickle=False) as z:
                meta = json.loads(str(z["meta"]))
                if meta.get("format") != FORMAT:
                    raise SinoscopeError(f"{path}: static embedding table has format {meta.get('format')}")
                return cls(str(meta["name"]), z["table"].astype(np.float32), str(z["tokenizer"]))
        except (OSError, ValueError, KeyError) as err:
            raise SinoscopeError(f"{path}: unreadable static embedding table ({err})") from err


def _load_tokenizer(tokenizer_json: str) -> Tokenizer:
    try:
        from tokenizers import Tokenizer
    except ImportError as err:
        raise EmbedderUnavailableError("the static embedder needs the 'tokenizers' package") from err
    tok = Tokenizer.from_str(tokenizer_json)
    tok.no_padding()
    tok.no_truncation()
    return tok
