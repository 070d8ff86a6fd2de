"""Run one piece of a build on another core while MkDocs renders pages on this one.

A build is single-threaded Python, and CI machines have two cores. Work that needs no
more input once pages are read (the search index) can run in a forked process during
template rendering. Fork, not spawn: the child starts with the data in memory, without
pickling it or importing anything again. Where fork is unavailable (Windows), the work
runs in this process when :meth:`Job.wait` is called, with the same result.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any


class JobError(RuntimeError):
    """The job failed in its process; the message holds its traceback, ``cause`` the exception when it could be sent."""

    def __init__(self, message: str, cause: BaseException | None = None) -> None:
        super().__init__(message)
        self.cause = cause


def _run(send: Connection, target: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        target(*args)
    except BaseException as exc:
        try:  # the exception itself, so the parent can tell a full disk from a bug
            send.send((traceback.format_exc(), exc))
        except Exception:
            send.send((traceback.format_exc(), None))
        raise SystemExit(1) from exc
    send.send(None)


class Job:
    """``target(*args)`` started now in a forked process; :meth:`wait` for it to finish."""

    def __init__(self, target: Callable[..., Any], *args: Any) -> None:
        self.target, self.args = target, args
        self.process: Any = None
        if "fork" not in multiprocessing.get_all_start_methods():  # pragma: no cover - Windows
            return
        context = multiprocessing.get_context("fork")
        self.receive, send = context.Pipe(duplex=False)
        self.process = context.Process(target=_run, args=(send, target, args), daemon=True)
        self.process.start()
        send.close()

    def wait(self) -> None:
        """Block until the job is done; raise :class:`JobError` if it failed."""
        if self.process is None:
            self.target(*self.args)
            return
        cause = None
        try:
            failure = self.receive.recv()
        except EOFError:  # the process died without a word (killed, out of memory)
            failure = "the process ended unexpectedly"
        if isinstance(failure, tuple):
            failure, cause = failure
        self.process.join()
        if failure is not None or self.process.exitcode != 0:
            raise JobError(failure or f"exit code {self.process.exitcode}", cause)

    def cancel(self) -> None:
        """Stop the job if it still runs (the build failed before waiting for it)."""
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
            self.process.join()
