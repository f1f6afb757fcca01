"""A read-only hash table from 64-bit keys to row numbers, looked up a whole array at once.

``numpy.searchsorted`` costs about 200 ns a key on unsorted queries; this open-addressing
table (Fibonacci hashing, linear probing, load factor at most 1/2) answers most keys in
one vectorised gather, which is what makes n-gram lookup cheap in ``engine.py``.
"""

from __future__ import annotations

import numpy as np

__all__ = ["KeyTable"]

_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # 2**64 / golden ratio
_EMPTY = np.uint64(0)  # never a key: callers set a high bit in every key they store


class KeyTable:
    """Maps distinct non-zero ``uint64`` keys to the values given with them."""

    def __init__(self, keys: np.ndarray, values: np.ndarray) -> None:
        keys = np.asarray(keys, dtype=np.uint64)
        if keys.size and (keys == _EMPTY).any():
            raise ValueError("key 0 is reserved for empty slots")
        if np.unique(keys).size != keys.size:
            raise ValueError("keys must be distinct")
        bits = max(4, int(2 * max(keys.size, 1) - 1).bit_length())
        self._set_slots(np.zeros(2 << bits, dtype=np.uint64))
        self._values[:] = -1
        self._longest_probe = 0
        pending = np.arange(keys.size)
        slots = self._home(keys)
        probe = 0
        while pending.size:
            # each round, the first pending key aimed at each empty slot takes it
            free = self._keys[slots[pending]] == _EMPTY
            candidates = pending[free]
            _, first = np.unique(slots[candidates], return_index=True)
            placed = candidates[first]
            self._keys[slots[placed]] = keys[placed]
            self._values[slots[placed]] = np.asarray(values)[placed]
            done = np.zeros(keys.size, dtype=bool)
            done[placed] = True
            pending = pending[~done[pending]]
            slots[pending] = (slots[pending] + 1) & self._mask
            probe += 1
        self._longest_probe = probe

    @classmethod
    def from_state(cls, state: tuple[bytes, int]) -> KeyTable:
        """The table whose ``state`` this is."""
        slots, longest_probe = state
        table = cls.__new__(cls)
        table._set_slots(np.frombuffer(slots, dtype=np.uint64).copy())
        table._longest_probe = longest_probe
        return table

    @property
    def state(self) -> tuple[bytes, int]:
        """Everything the table holds, as bytes and an int (``marshal`` can keep them)."""
        return self._slots.tobytes(), self._longest_probe

    def _set_slots(self, slots: np.ndarray) -> None:
        bits = slots.size.bit_length() - 2  # 2 << bits slots
        self._shift = np.uint64(64 - bits)
        self._mask = np.int64((1 << bits) - 1)
        # each slot's key and value side by side, as the C extension reads them (one
        # cache line a probe); the two columns are views of it, not copies
        self._slots = slots
        self._keys = self._slots[0::2]
        self._values = self._slots[1::2].view(np.int64)

    @property
    def slots(self) -> np.ndarray:
        """Key, value, key, value ... for every slot (``uint64``; an empty slot's -1
        wraps round), the layout the C extension reads."""
        return self._slots

    @property
    def shift(self) -> int:
        """A key's home slot is ``(key * 0x9E3779B97F4A7C15 mod 2**64) >> shift``."""
        return int(self._shift)

    def _home(self, keys: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore"):
            return ((keys * _MULTIPLIER) >> self._shift).astype(np.int64)

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """The value of each key, or -1 for keys not in the table."""
        keys = np.asarray(keys, dtype=np.uint64)
        found = np.full(keys.size, -1, dtype=np.int64)
        active = np.arange(keys.size)
        slots = self._home(keys)
        for _ in range(self._longest_probe):
            if not active.size:
                break
            stored = self._keys[slots]
            hit = stored == keys[active]
            found[active[hit]] = self._values[slots[hit]]
            more = ~hit & (stored != _EMPTY)
            active = active[more]
            slots = (slots[more] + 1) & self._mask
        return found
