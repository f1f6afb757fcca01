"""Requests that arrive together are scored in one call, with the same results as alone."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the API needs the server extra: pip install '.[server]'")

import httpx2

from sextortion_triage import score, score_many
from sextortion_triage.api import create_app
from sextortion_triage.batcher import Batcher
from sextortion_triage.results import TriageResult

DEMAND = "I have your nudes. Send $300 on Cash App in 1 hour or I post them."
MINOR = "I know you are 15. Send me $200 or I send your nudes to your school friends."
BENIGN = "see you at 6, can you bring the salad?"


class Recorder:
    """A scorer that records each call (texts, options, thread) and then really scores."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[str], dict[str, Any], int]] = []

    def __call__(self, texts: list[str], **options: Any) -> list[TriageResult]:
        self.calls.append((list(texts), options, threading.get_ident()))
        return score_many(texts, **options)


def test_concurrent_requests_over_http_match_score_one_by_one() -> None:
    cases = [(text, region, under_18) for text in (DEMAND, MINOR, BENIGN)
             for region in ("uk", "us", None) for under_18 in (None, True, False)]

    async def run() -> list[Any]:
        transport = httpx2.ASGITransport(app=create_app())
        async with httpx2.AsyncClient(transport=transport, base_url="http://local") as http:
            async def one(text: str, region: str | None, under_18: bool | None) -> Any:
                body: dict[str, Any] = {"text": text}
                if region is not None:
                    body["region"] = region
                if under_18 is not None:
                    body["under_18"] = under_18
                return (await http.post("/v1/score", json=body)).json()

            return await asyncio.gather(*(one(*case) for case in cases))

    answers = asyncio.run(run())
    for (text, region, under_18), answer in zip(cases, answers, strict=True):
        assert answer == score(text, region=region, under_18=under_18).to_dict()


def test_waiting_requests_are_scored_in_one_call_per_region_and_age() -> None:
    recorder = Recorder()
    batcher = Batcher(scorer=recorder)

    async def run() -> list[list[TriageResult]]:
        return await asyncio.gather(
            batcher.score([DEMAND], "uk", None), batcher.score([BENIGN, DEMAND], "uk", None),
            batcher.score([MINOR], "us", True), batcher.score([BENIGN], "uk", None))

    results = asyncio.run(run())
    assert [len(r) for r in results] == [1, 2, 1, 1]
    assert [(texts, opts["region"], opts["under_18"]) for texts, opts, _ in recorder.calls] == [
        ([DEMAND, BENIGN, DEMAND, BENIGN], "uk", None), ([MINOR], "us", True)]
    assert results[1][1] == score(DEMAND, region="uk")
    assert results[2][0] == score(MINOR, region="us", under_18=True)


def test_a_lone_request_is_scored_on_the_event_loop_without_waiting() -> None:
    recorder = Recorder()

    async def run() -> int:
        await Batcher(scorer=recorder).score([DEMAND], None, None)
        return threading.get_ident()

    loop_thread = asyncio.run(run())
    assert len(recorder.calls) == 1 and recorder.calls[0][2] == loop_thread


def test_a_batch_with_a_lot_of_text_is_scored_in_a_worker_thread() -> None:
    recorder = Recorder()

    async def run() -> tuple[int, list[TriageResult]]:
        results = await Batcher(scorer=recorder, inline_chars=50).score([DEMAND, DEMAND],
                                                                        None, None)
        return threading.get_ident(), results

    loop_thread, results = asyncio.run(run())
    assert recorder.calls[0][2] != loop_thread
    assert results == [score(DEMAND), score(DEMAND)]


@pytest.mark.parametrize("inline_chars", [1_000_000, 1])
def test_a_failure_reaches_every_request_in_the_batch(inline_chars: int) -> None:
    def broken(texts: list[str], **_: Any) -> list[TriageResult]:
        raise RuntimeError("model gone")

    async def run() -> list[Any]:
        batcher = Batcher(scorer=broken, inline_chars=inline_chars)
        return await asyncio.gather(batcher.score([DEMAND], None, None),
                                    batcher.score([BENIGN], None, None),
                                    return_exceptions=True)

    assert [type(r) for r in asyncio.run(run())] == [RuntimeError, RuntimeError]


def test_a_request_that_went_away_does_not_disturb_the_others() -> None:
    async def run() -> list[TriageResult]:
        batcher = Batcher()
        gone = asyncio.ensure_future(batcher.score([DEMAND], None, None))
        kept = asyncio.ensure_future(batcher.score([BENIGN], None, None))
        await asyncio.sleep(0)
        gone.cancel()
        return await kept

    assert asyncio.run(run()) == [score(BENIGN)]
