"""One learner's ssh session: their terminal on one side, their own neuron-tui on the other."""

from __future__ import annotations

import asyncio
import re
import time
from typing import TYPE_CHECKING

import asyncssh

from tui.serve.app_process import AppProcess
from tui.serve.identity import NAME_RULE, Learner
from tui.serve.learner_options import OptionsRefused, learner_options
from tui.serve.limits import INPUT_BURST, TokenBucket
from tui.serve.terminal import (DEFAULT_SIZE, HOLD_SECONDS, MOUSE_OFF, AppModes, ReplyFilter,
                                clamp_size)

if TYPE_CHECKING:
    from tui.serve.classroom import Classroom

MAX_BACKLOG = 65536
"""Bytes of input waiting for the app before the learner's side is held back."""
TERM = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")


class LearnerSession(asyncssh.SSHServerSession):
    """Starts the learner's app on a terminal of their size and type, passes bytes both ways
    (with the terminal answers the app did not ask for taken out), and hangs the app up when
    the learner leaves, goes idle, or connects again from elsewhere."""

    def __init__(self, classroom: Classroom, learner: Learner | None, username: str,
                 where: str, local: tuple[str, int]) -> None:
        self.classroom, self.learner, self.username = classroom, learner, username
        self.where, self.local = where, local
        """The learner's address, and the server address and port they reached."""
        self.term, self.size, self.has_pty = "xterm-256color", DEFAULT_SIZE, False
        self.command: str | None = None
        self.args: list[str] = []
        """The neuron-tui options the learner asked for (see learner_options)."""
        self.app: AppProcess | None = None
        self.modes = AppModes()
        self.filter = ReplyFilter(self.modes)
        self.bucket = TokenBucket(classroom.settings.input_rate, INPUT_BURST)
        self.last_input = time.monotonic()
        self.since = time.time()
        self.end_reason: str | None = None
        """What the learner is told after their app has closed."""
        self.end_cause = ""
        """Why the server closed it, for the log ("" if the learner did)."""
        self.finished: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        """Done once the app has exited (or never started) and the seat is free."""
        self._chan: asyncssh.SSHServerChannel | None = None
        self._held: set[str] = set()
        self._timers: list[asyncio.TimerHandle] = []
        self._task: asyncio.Task | None = None
        self._flush: asyncio.TimerHandle | None = None

    # -- what the client asks for ------------------------------------------------------------

    def connection_made(self, chan: asyncssh.SSHServerChannel) -> None:
        self._chan = chan

    def pty_requested(self, term_type: str, term_size: tuple[int, int, int, int],
                      term_modes: object) -> bool:
        self.has_pty = True
        self.term = term_type if TERM.fullmatch(term_type or "") else "xterm-256color"
        self.size = clamp_size(*term_size[:2])
        return True

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int) -> None:
        self.size = clamp_size(width, height)
        if self.app is not None:
            self.app.resize(*self.size)

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        self.command = command
        return True

    def subsystem_requested(self, subsystem: str) -> bool:
        return False

    def session_started(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    def data_received(self, data: bytes, datatype: object) -> None:
        now = time.monotonic()
        self.last_input = now
        if self.app is None:
            return  # keys before the app exists have nothing to reach
        wait = self.bucket.take(len(data), now)
        if wait > 0:
            self._hold("rate", wait)
        self._to_app(self.filter.feed(data, now))
        if self._flush is not None:
            self._flush.cancel()
        if self.filter.held:  # the start of a sequence: wait a moment for the rest
            self._flush = asyncio.get_running_loop().call_later(
                HOLD_SECONDS, lambda: self._to_app(self.filter.flush()))

    def eof_received(self) -> bool:
        return True  # the app may still be drawing what the last keys asked for

    def connection_lost(self, exc: Exception | None) -> None:
        self._chan = None
        if exc is not None and not self.end_cause:
            self.end_cause = f"connection lost: {str(exc)[:80]}"
        if self.app is not None and self.app.returncode is None:
            asyncio.get_running_loop().create_task(self.app.hang_up())

    def pause_writing(self) -> None:
        if self.app is not None:
            self.app.pause_output()

    def resume_writing(self) -> None:
        if self.app is not None:
            self.app.resume_output()

    # -- the app's life ----------------------------------------------------------------------

    async def _run(self) -> None:
        try:
            refusal = self._refusal() or await self.classroom.take_seat(self)
            if refusal:
                self.classroom.log.info("refused %s: %s", self.describe(), refusal.splitlines()[0])
                self._close(f"neuron-tui: {refusal}\n", 1)
                return
            try:
                if self._chan is not None:
                    code = await self._run_app()
                    self._close(self._goodbye(), code if code >= 0 else 128 - code)
            finally:
                self.classroom.leave(self)
        finally:
            for timer in [*self._timers, self._flush]:
                if timer is not None:
                    timer.cancel()
            self.finished.set_result(None)

    def _refusal(self) -> str | None:
        if not self.has_pty:
            return "the book needs a terminal: use ssh -t (or leave out the command)."
        if self.learner is None:
            return (f"in this class you are known by the name you log in as (ssh NAME@host); "
                    f"a NAME has {NAME_RULE} characters.")
        try:
            self.args = learner_options(self.command)
        except OptionsRefused as error:
            return str(error) + "."
        return None

    async def _run_app(self) -> int:
        assert self.learner is not None and self._chan is not None
        self._chan.write(MOUSE_OFF)
        kept = self.classroom.kept_lab_time(self.learner)
        env = self.classroom.app_env(self.learner, self.term, self._chan.get_environment())
        try:
            self.app = AppProcess(self.classroom.settings.app_argv + self.args, env,
                                  str(self.classroom.places.home(self.learner)), self.size,
                                  self._to_client)
        except OSError as error:  # no pseudo-terminal left, no process left, …
            self.classroom.log.error("cannot start the app of %s: %s", self.describe(), error)
            self.end_reason = ("neuron-tui-serve: the book cannot be started just now. "
                               "Please tell your teacher.")
            return 1
        self.app.on_drained = lambda: self._release("backlog")
        self.classroom.log.info("started %s: pid %d, %s %d×%d%s", self.describe(), self.app.pid,
                                self.term, *self.size, f", {' '.join(self.args)}" * bool(self.args))
        self._watch_idle()
        code = await self.app.wait()
        if self.end_reason is None and self.classroom.kept_lab_time(self.learner) != kept:
            host, port = self.local
            self.end_reason = (f"neuron-tui-serve: to open that lab again: "
                               f"ssh -t -p {port} {host} resume")
        return code

    def _goodbye(self) -> str:
        return f"\n{self.end_reason}\n" if self.end_reason else ""

    async def end(self, reason: str, cause: str) -> None:
        """Close the app as a dropped connection would (it keeps the lab), tell the learner
        ``reason``, log ``cause``, and wait until their seat is free."""
        self.end_reason, self.end_cause = self.end_reason or reason, self.end_cause or cause
        if self.app is not None and self.app.returncode is None:
            await self.app.hang_up()
        await asyncio.shield(self.finished)

    def _watch_idle(self) -> None:
        idle = self.classroom.settings.idle_minutes * 60
        quiet = time.monotonic() - self.last_input
        if quiet < idle:
            self._later(idle - quiet, self._watch_idle)
        elif self.app is not None and self.app.returncode is None:
            minutes = f"{self.classroom.settings.idle_minutes:g}"
            asyncio.get_running_loop().create_task(self.end(
                f"neuron-tui-serve: closed after {minutes} minutes without a key. Your place "
                "is kept; ssh in again to go on.", "idle"))

    # -- bytes -------------------------------------------------------------------------------

    def _to_app(self, data: bytes) -> None:
        if self.app is not None and data:
            self.app.write(data)
            if self.app.backlog > MAX_BACKLOG:
                self._hold("backlog")

    def _to_client(self, data: bytes) -> None:
        self.modes.saw_output(data)
        self._write(data)

    def _write(self, data: bytes) -> None:
        if self._chan is not None:
            try:
                self._chan.write(data)
            except (OSError, asyncssh.Error):
                self._chan = None

    def _close(self, text: str, status: int) -> None:
        self._write(self.modes.restore() + text.replace("\n", "\r\n").encode())
        if self._chan is not None:
            self._chan.exit(status)

    def _hold(self, reason: str, seconds: float | None = None) -> None:
        """Stop reading the learner's input (ssh then holds their keys back) for a reason."""
        if not self._held and self._chan is not None:
            self._chan.pause_reading()
        self._held.add(reason)
        if seconds is not None:
            self._later(seconds, lambda: self._release(reason))

    def _release(self, reason: str) -> None:
        self._held.discard(reason)
        if not self._held and self._chan is not None:
            self._chan.resume_reading()

    def _later(self, seconds: float, callback) -> None:
        now = asyncio.get_running_loop().time()
        self._timers = [t for t in self._timers if not t.cancelled() and t.when() > now]
        self._timers.append(asyncio.get_running_loop().call_later(seconds, callback))

    def describe(self) -> str:
        """The learner and where they are, for the log."""
        who = self.learner.label if self.learner else f"{self.username[:32]!r}"
        return f"{who} from {self.where}"
