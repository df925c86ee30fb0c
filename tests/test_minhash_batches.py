"""A long text's MinHash signature is computed in batches (bounded memory) and is the same as
the one-batch signature."""

from __future__ import annotations

import numpy as np
from datasketch import MinHash

from newsgraph import minhash


def test_batched_signature_equals_the_one_batch_signature() -> None:
    words = [f"w{i % 997}x{i % 13}" for i in range(3 * minhash.UPDATE_BATCH + 17)]
    text = " ".join(words)
    reference = MinHash(num_perm=minhash.NUM_PERM, seed=minhash.SEED)
    reference.update_batch([s.encode("utf-8") for s in sorted(minhash.shingles(text))])
    assert len(minhash.shingles(text)) > 2 * minhash.UPDATE_BATCH
    assert np.array_equal(minhash.signature(text), reference.hashvalues.astype(np.uint64))
