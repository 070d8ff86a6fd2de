"""A job on another core: same effect as running it here; its failure is reported, not lost."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from build_tools.core.parallel import Job, JobError


def write_answer(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def fail(message: str) -> None:
    raise ValueError(message)


def test_a_job_runs_in_another_process_and_its_effects_are_there_after_wait(tmp_path: Path) -> None:
    job = Job(write_answer, tmp_path / "out.txt", "首保免费")
    job.wait()
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "首保免费"
    assert job.process is not None and job.process.exitcode == 0


def test_a_failing_job_raises_with_its_traceback_on_wait() -> None:
    job = Job(fail, "索引写不进去")
    with pytest.raises(JobError, match=r"(?s)Traceback.*ValueError: 索引写不进去"):
        job.wait()


def test_a_job_can_be_cancelled(tmp_path: Path) -> None:
    job = Job(time.sleep, 60)
    start = time.perf_counter()
    job.cancel()
    assert time.perf_counter() - start < 10
    assert job.process is not None and not job.process.is_alive()


def test_a_failing_job_carries_its_exception_so_a_full_disk_can_be_told_from_a_bug(tmp_path: Path) -> None:
    job = Job(write_answer, tmp_path / "missing" / "out.txt", "x")
    with pytest.raises(JobError) as failed:
        job.wait()
    assert isinstance(failed.value.cause, FileNotFoundError)
    assert failed.value.cause.filename == str(tmp_path / "missing" / "out.txt")
