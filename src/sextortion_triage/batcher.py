"""Score the HTTP requests that arrive together in one vectorised ``score_many`` call.

Requests waiting in the same turn of the event loop are grouped by region and age setting
and scored at once, which costs far less per message than one call each (``score_many``
gives the same result for every text as ``score``). Nothing waits for a batch to fill: a
lone request is scored in the very next turn. Small batches are scored on the event loop,
because under the GIL a thread pool adds switching but no speed; a batch with a lot of text
goes to a worker thread so that the server keeps answering meanwhile.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .results import TriageResult
from .score import score_many

__all__ = ["Batcher"]

INLINE_CHARS = 20_000


@dataclass
class _Job:
    texts: list[str]
    future: asyncio.Future[list[TriageResult]]


class Batcher:
    """``await batcher.score(texts, region, under_18)`` returns ``score_many``'s results."""

    def __init__(self, model: Path | None = None, trust_model: bool = False, *,
                 inline_chars: int = INLINE_CHARS,
                 scorer: Callable[..., list[TriageResult]] | None = None) -> None:
        self.model, self.trust_model = model, trust_model
        self.inline_chars = inline_chars
        self.scorer = scorer
        self._pending: dict[tuple[str | None, bool | None], list[_Job]] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    async def score(self, texts: list[str], region: str | None,
                    under_18: bool | None) -> list[TriageResult]:
        """Score ``texts`` together with whatever else is waiting in this turn."""
        loop = asyncio.get_running_loop()
        if not self._pending:
            loop.call_soon(self._flush)
        job = _Job(texts, loop.create_future())
        self._pending.setdefault((region, under_18), []).append(job)
        return await job.future

    def _flush(self) -> None:
        pending, self._pending = self._pending, {}
        for (region, under_18), jobs in pending.items():
            texts = [text for job in jobs for text in job.texts]
            if sum(map(len, texts)) <= self.inline_chars:
                self._settle(jobs, functools.partial(self._run, texts, region, under_18))
            else:
                task = asyncio.get_running_loop().create_task(
                    self._in_thread(jobs, texts, region, under_18))
                self._tasks.add(task)  # keep a reference until it is done
                task.add_done_callback(self._tasks.discard)

    def _run(self, texts: list[str], region: str | None,
             under_18: bool | None) -> list[TriageResult]:
        scorer = self.scorer or score_many
        return scorer(texts, region=region, under_18=under_18, model=self.model,
                           trust_model=self.trust_model)

    async def _in_thread(self, jobs: list[_Job], texts: list[str], region: str | None,
                         under_18: bool | None) -> None:
        try:
            results = await asyncio.to_thread(self._run, texts, region, under_18)
        except Exception as error:
            self._settle(jobs, _raiser(error))
        else:
            self._settle(jobs, lambda: results)

    @staticmethod
    def _settle(jobs: list[_Job], compute: Callable[[], list[TriageResult]]) -> None:
        try:
            results = compute()
        except Exception as error:
            for job in jobs:
                if not job.future.done():
                    job.future.set_exception(error)
            return
        start = 0
        for job in jobs:
            end = start + len(job.texts)
            if not job.future.done():  # the client may have gone away
                job.future.set_result(results[start:end])
            start = end


def _raiser(error: Exception) -> Callable[[], list[TriageResult]]:
    def throw() -> list[TriageResult]:
        raise error

    return throw
