"""MinHash signatures and LSH band keys for near-duplicate text (Broder 1997; Leskovec et al., ch. 3).

A document becomes the set of its word 5-shingles. 128 hash functions of the form
``(a·x + b) mod p`` over 32-bit shingle hashes give a signature whose agreement rate estimates
the Jaccard similarity of two shingle sets. Cutting the signature into 32 bands of 4 rows and
hashing each band gives keys that two documents share with probability ``1 − (1 − J⁴)³²``:
0.87 at J = 0.5, 0.9995 at J = 0.8, 0.02 at J = 0.2. Looking up keys is what keeps duplicate
detection sub-linear: only documents sharing a key are ever compared.

All hashes are stable across runs and machines (blake2b, fixed seeds), because signatures and
band keys are stored in the database and compared with those of documents ingested later.
"""

from __future__ import annotations

import hashlib
import re
import struct

import numpy as np
import numpy.typing as npt

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE = 5
_PRIME = np.uint64((1 << 61) - 1)
_MAX32 = np.uint64(0xFFFFFFFF)
_rng = np.random.Generator(np.random.PCG64(20240229))
_A = _rng.integers(1, (1 << 32) - 1, size=NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, (1 << 32) - 1, size=NUM_PERM, dtype=np.uint64)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

Signature = npt.NDArray[np.uint32]


def words(text: str) -> list[str]:
    """Lower-cased word tokens: punctuation, quote style and spacing do not matter."""
    return _WORD.findall(text.casefold())


def shingle_hashes(text: str, k: int = SHINGLE) -> npt.NDArray[np.uint64]:
    """32-bit hashes of the distinct word k-shingles (the whole text if it has fewer words)."""
    tokens = words(text)
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    grams = {" ".join(tokens[i:i + k]) for i in range(max(len(tokens) - k + 1, 1))}
    values = [int.from_bytes(hashlib.blake2b(g.encode(), digest_size=4).digest(), "little") for g in grams]
    return np.fromiter(values, dtype=np.uint64, count=len(values))


def signature(text: str) -> tuple[Signature, int]:
    """The MinHash signature of ``text`` and its number of distinct shingles."""
    hashes = shingle_hashes(text)
    if hashes.size == 0:
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32), 0
    # (a*x + b) stays below 2**64 because a, x < 2**32 and b < 2**32.
    permuted = (np.outer(hashes, _A) + _B) % _PRIME & _MAX32
    return permuted.min(axis=0).astype(np.uint32), int(hashes.size)


def band_keys(sig: Signature) -> list[int]:
    """One signed 64-bit key per band (band index mixed in, so bands never collide)."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS:(band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(struct.pack("<H", band) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


LEAD_WORDS = 12


def lead_key(text: str) -> int | None:
    """A key for the first words of the text (its lead): a shortened copy of a story keeps its
    lead even when it is too short to share many MinHash bands with the full text."""
    tokens = words(text)[:LEAD_WORDS]
    if len(tokens) < LEAD_WORDS:
        return None
    digest = hashlib.blake2b(b"lead:" + " ".join(tokens).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def index_keys(text: str, sig: Signature) -> list[int]:
    """Every lookup key of a text: its band keys and, when it has one, its lead key."""
    keys = band_keys(sig)
    lead = lead_key(text)
    return [*keys, lead] if lead is not None else keys


def containment(similarity_estimate: float, size_a: int, size_b: int) -> float:
    """Estimated share of the smaller shingle set that lies in the larger one, from Jaccard and sizes."""
    if not size_a or not size_b:
        return 0.0
    shared = similarity_estimate * (size_a + size_b) / (1 + similarity_estimate)
    return min(shared / min(size_a, size_b), 1.0)


def similarity(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity: the share of signature positions that agree."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def to_bytes(sig: Signature) -> bytes:
    return sig.astype("<u4").tobytes()


def from_bytes(data: bytes) -> Signature:
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)
