"""Near-duplicate detection: MinHash signatures (datasketch) and LSH band keys.

Shared by the engine (which signs new articles) and the store (which keeps and compares
signatures), so it depends on neither extraction nor analysis.

Exact duplicates share the content hash (`Article.id`). Syndicated copies differ
by a byline, a dateline or a trimmed paragraph, so they are found by the Jaccard
similarity of word 5-gram shingles, estimated with MinHash. Candidates are found
by banding: the signature is cut into BANDS bands of ROWS values, and two
articles that agree on all values of any band are compared. The store keeps the
band keys in an indexed table, so lookups stay constant-memory as a corpus grows.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

NUM_PERM = 128
BANDS, ROWS = 16, 8  # candidates from Jaccard ~0.7 up: (1/16) ** (1/8) ~ 0.71
SHINGLE = 5
#: Estimated Jaccard at or above which an article is a copy of one already stored.
THRESHOLD = 0.8
# A fixed seed: signatures computed in different runs and processes must compare.
SEED = 20170707
WORD = re.compile(r"\w+")
UPDATE_BATCH = 4096


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Word n-grams of the case-folded text (the whole text when shorter than n words)."""
    words = WORD.findall(text.casefold())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def signature(text: str) -> np.ndarray:
    """The MinHash signature of a text: NUM_PERM unsigned 64-bit values."""
    from datasketch import MinHash  # only the writer needs it; the store compares stored values

    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    found = sorted(shingles(text))
    # In batches: datasketch hashes a batch into a (shingles x NUM_PERM) array, 825 MB for a 5 MB
    # text at once; the signature is a minimum, so batch by batch it is the same, in 4 MB.
    for start in range(0, len(found), UPDATE_BATCH):
        minhash.update_batch([s.encode("utf-8") for s in found[start : start + UPDATE_BATCH]])
    return minhash.hashvalues.astype(np.uint64)


def band_keys(sig: np.ndarray) -> list[str]:
    """One key per band: its index and a hash of its values."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        keys.append(f"{band}:{hashlib.blake2b(chunk, digest_size=8).hexdigest()}")
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two texts the signatures came from."""
    return float(np.count_nonzero(a == b)) / len(a)


def to_blob(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u8").astype(np.uint64)
