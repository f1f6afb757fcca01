"""Score chunks of messages on every core, in order, with the model loaded once per process.

``ChunkScorer.map`` takes an iterator of (item, texts) pairs and yields (item, scores)
pairs in the same order. With one worker it scores in this process; with more, it
starts a pool of worker processes when a second chunk arrives (small inputs never pay
for the start-up), keeps a few chunks in flight per worker so reading, scoring and
writing overlap, and shuts the pool down however the run ends.

Workers return only what a batch row needs (probability and signal names), so little
crosses between processes; the arithmetic is ``LinearBundle.predict`` itself, so the
scores are identical to ``score`` and ``score_many``.
"""

from __future__ import annotations

import functools
import gc
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from .engine import LinearBundle
from .model import load_model, model_metadata

__all__ = ["ChunkScorer", "Scores", "available_cores"]

Item = TypeVar("Item")
#: per message: (probability, sorted signal names)
Scores = list[tuple[float, tuple[str, ...]]]
_IN_FLIGHT_PER_WORKER = 2
#: new container objects (net) between the garbage collector's youngest passes in a
#: process that scores or hands out rows, instead of Python's 700
YOUNG_OBJECTS = 50_000
_worker_bundle: LinearBundle | None = None


def collect_garbage_less_often() -> None:
    """For a process that only scores or hands out rows: a batch's workers and the
    ``batch`` command. What it holds so far lives as long as it does, so the collector
    stops walking it (``gc.freeze``), and the youngest pass waits for ``YOUNG_OBJECTS``
    new objects: scoring makes few reference cycles, and the passes took about 3.5 µs a
    message in a worker and 2.4 µs a row in the parent (by hand, timed with
    ``gc.callbacks``); with 10,000, none ran in 39,000 messages."""
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS, middle, oldest)


def available_cores() -> int:
    """Cores this process may run on (the affinity mask where the system has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def _scores(bundle: LinearBundle, texts: Sequence[str]) -> Scores:
    return bundle.scores_and_names(texts)


def _start_worker(model: Path | None, trust_model: bool) -> None:
    global _worker_bundle  # one model per worker process, loaded once
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _worker_bundle = load_model(model, trust=trust_model)
    # the model's vocabularies are a few hundred thousand objects that live as long as
    # the worker: keep the garbage collector's full passes from walking them every time
    collect_garbage_less_often()


def _score_in_worker(texts: list[str]) -> Scores:
    if _worker_bundle is None:
        raise RuntimeError("worker started without a model")
    return _scores(_worker_bundle, texts)


class ChunkScorer:
    """Scores chunks with ``workers`` processes (1: in this process). The model is
    loaded in this process only if it scores here (one worker, or a single chunk): the
    workers load their own, so the parent of a pool never holds a copy."""

    def __init__(self, *, workers: int = 1, model: Path | None = None,
                 trust_model: bool = False) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        self.workers = workers
        self._model = model
        self._trust_model = trust_model

    @functools.cached_property
    def metadata(self) -> dict[str, Any]:
        """The model's version and thresholds: from the model itself where this process
        scores, else read without keeping its terms (its files checked either way)."""
        if self.workers == 1:
            return self.bundle.metadata
        return model_metadata(self._model, trust=self._trust_model)

    def check_model(self) -> None:
        """Check the model's files now (a missing or altered one raises here), so that a
        run stops before it writes anything; ``metadata`` keeps what was read."""
        _ = self.metadata

    @property
    def bundle(self) -> LinearBundle:
        """The model, for scoring in this process (loaded once, on first use)."""
        return load_model(self._model, trust=self._trust_model)

    def map(self, chunks: Iterable[tuple[Item, list[str]]]) -> Iterator[tuple[Item, Scores]]:
        """Yield (item, scores of its texts) for every chunk, in the order given."""
        iterator = iter(chunks)
        first = next(iterator, None)
        if first is None:
            return
        second = next(iterator, None)
        if second is None or self.workers == 1:
            for item, texts in (first, *(() if second is None else (second,))):
                yield item, _scores(self.bundle, texts)
            for item, texts in iterator:
                yield item, _scores(self.bundle, texts)
            return
        yield from self._map_in_pool([first, second], iterator)

    def _map_in_pool(self, head: list[tuple[Item, list[str]]],
                     rest: Iterator[tuple[Item, list[str]]]) -> Iterator[tuple[Item, Scores]]:
        # fork: starts in milliseconds with the code imported and the patterns compiled,
        # and needs no importable __main__ (scripts without a main guard work); spawn
        # elsewhere. Each worker loads the model itself (0.14 s, side by side)
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        pool = ProcessPoolExecutor(self.workers, mp_context=context,
                                   initializer=_start_worker,
                                   initargs=(self._model, self._trust_model))
        pending: deque[tuple[Item, Future[Scores]]] = deque()
        try:
            for item, texts in head:
                pending.append((item, pool.submit(_score_in_worker, texts)))
            limit = self.workers * _IN_FLIGHT_PER_WORKER
            for item, texts in rest:
                while len(pending) >= limit:
                    done_item, future = pending.popleft()
                    yield done_item, future.result()
                pending.append((item, pool.submit(_score_in_worker, texts)))
            while pending:
                done_item, future = pending.popleft()
                yield done_item, future.result()
        finally:
            if pending:  # stopped early (an error or a signal): stop the workers now too
                _terminate(pool)
            pool.shutdown(wait=not pending, cancel_futures=True)


def _terminate(pool: ProcessPoolExecutor) -> None:
    """End the pool's worker processes rather than leave them to finish a cancelled run."""
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14+
    if terminate is not None:
        terminate()
        return
    for process in list(getattr(pool, "_processes", {}).values()):
        process.terminate()
