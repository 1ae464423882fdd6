"""A learned sentence typer on a real sentence encoder, run through ONNX Runtime.

The encoder is all-MiniLM-L6-v2 (Apache-2.0; six layers, 384 dimensions), exported once
to ONNX with its mean pooling and unit-length normalisation inside the graph and
quantised to 8-bit integer weights per channel (`python -m sitreps.extract.train_encoder
--export`, which needs the `train` extra: torch and the packaged model). At run time only
`onnxruntime`, `tokenizers` and NumPy are needed: no torch, no model hub.

On top of the frozen encoder sits a multinomial logistic-regression head (384 x labels),
trained by `sitreps.extract.train_encoder` on our own examples and on the training half of
real, human-coded corpora (../shared/train). Its probabilities pass through the same
decision policy as the n-gram classifier (`SentenceClassifier.decide`): the codebook's
precedence rules stay with the rules, wording no rule knows goes to the model.

Measured on 256 of our sentences (one thread, batches of 32): float32 89 sentences/s,
int8 per channel 210 sentences/s with mean cosine 0.992 to float32 (per tensor: 0.958).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from sitreps.extract.classifier import SentenceClassifier, softmax

__all__ = [
    "ENCODER_FILE",
    "HEAD_FILE",
    "TOKENIZER_FILE",
    "EncoderClassifier",
    "SentenceEncoder",
    "load_encoder_classifier",
]

ENCODER_FILE = "encoder.int8.onnx"
TOKENIZER_FILE = "encoder_tokenizer.json"
HEAD_FILE = "encoder_head.npz"
#: Word pieces read per sentence. News sentences average ~35; 128 keeps 99% of ours whole
#: and bounds the cost of a run-on line.
MAX_TOKENS = 128
#: Sentences per ONNX run: one. The int8 graph quantises its activations dynamically, with
#: one scale per run, so a sentence batched with others got an embedding up to 0.03 off
#: its own (and a story's events depended on its neighbours in the batch). One at a time
#: is reproducible and, with no padding, faster here: 286 sentences/s against 213 in
#: sorted batches of 32 (476 sentences of news, one thread).
BATCH = 1

def model_dir() -> Any:
    """Return the packaged folder that holds the model files."""
    return resources.files("sitreps") / "data" / "model"


class SentenceEncoder:
    """Unit-length sentence embeddings from the quantised ONNX encoder."""

    def __init__(self, model: Path | Any, tokenizer: Path | Any, threads: int = 1) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        # One thread by default: sitreps scales by processes (--jobs, Spark), and ONNX
        # Runtime's default of one thread per core in every worker oversubscribed the two
        # cores (benchmarks/throughput.py, 2 processes: 4.6 stories/s, against 19 with one).
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3  # warnings from graph optimisation are not ours to show
        with Path(str(model)).open("rb") as fh:
            self._session = ort.InferenceSession(
                fh.read(), options, providers=["CPUExecutionProvider"]
            )
        self._tokenizer = Tokenizer.from_str(Path(str(tokenizer)).read_text(encoding="utf-8"))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.no_padding()
        self._lock = threading.Lock()  # one session may serve several API threads
        self.dimensions = int(self._session.get_outputs()[0].shape[-1] or 384)

    def embed(self, texts: list[str]) -> np.ndarray:
        """Return one unit-length float32 row per text (384 columns), each run on its own."""
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, encoding in enumerate(self._tokenizer.encode_batch(texts)):
            ids = np.asarray([encoding.ids], dtype=np.int64)
            mask = np.ones_like(ids)
            with self._lock:
                out[row] = self._session.run(None, {"input_ids": ids, "attention_mask": mask})[0][0]
        return out

@lru_cache(maxsize=2)
def load_encoder(threads: int = 1) -> SentenceEncoder | None:
    """Return the packaged sentence encoder, or None when its files are not installed."""
    folder = model_dir()
    model, tokenizer = folder / ENCODER_FILE, folder / TOKENIZER_FILE
    if not (model.is_file() and tokenizer.is_file()):
        return None
    return SentenceEncoder(model, tokenizer, threads=threads)


@dataclass
class EncoderClassifier(SentenceClassifier):
    """A logistic-regression head over the encoder's embeddings, same protocol as the SVM."""

    encoder: SentenceEncoder | None = field(default=None, repr=False)
    #: The head is small (384 x labels): stored in single precision.
    COEF_DTYPE: ClassVar[type] = np.float32

    def margins(self, texts: list[str]) -> np.ndarray:
        """Return the head's logits, one row per text."""
        if self.encoder is None:
            raise RuntimeError("EncoderClassifier has no encoder attached")
        return self.logits(self.encoder.embed(texts))

    def logits(self, embeddings: np.ndarray) -> np.ndarray:
        """Return the head's logits for precomputed embeddings."""
        return np.asarray(embeddings.astype(np.float64) @ self.coef + self.intercept)

    def probabilities(self, embeddings: np.ndarray) -> np.ndarray:
        """Return label probabilities for precomputed embeddings."""
        return softmax(self.logits(embeddings) * self.temperature)


@lru_cache(maxsize=2)
def load_encoder_classifier(threads: int = 1) -> EncoderClassifier | None:
    """Return the shipped encoder typer, or None when its files are not installed."""
    head = model_dir() / HEAD_FILE
    encoder = load_encoder(threads)
    if encoder is None or not head.is_file():
        return None
    clf = EncoderClassifier.read(head)
    clf.encoder = encoder
    return clf


def classifier_for(typing: str) -> SentenceClassifier | None:
    """Return the trained typer a `typing` setting asks for (None for the rules alone).

    "joined" and "model" use the n-gram SVM, "encoder" and "encoder-only" the encoder
    head; a missing encoder falls back to the SVM so an install without the model files
    still types sentences.
    """
    from sitreps.extract.classifier import load_classifier

    if typing == "rules":
        return None
    if typing.startswith("encoder"):
        clf = load_encoder_classifier()
        if clf is not None:
            return clf
    return load_classifier()


def model_alone(typing: str) -> bool:
    """Return True when the setting asks for the trained typer without the rules."""
    return typing in ("model", "encoder-only")
