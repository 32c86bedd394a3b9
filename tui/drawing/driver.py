"""Textual's Linux terminal driver, made never to wait on a terminal that has gone.

When an ssh connection drops, the kernel hangs the terminal up: it sends SIGHUP and then
SIGCONT. Textual takes any SIGCONT for the end of a ctrl+z suspension and starts its terminal
output again, with a second writer thread; writing to the dead terminal kills that thread,
and the app's writes then wait in its full queue forever (Textual issue #6692 is the same
trap). The app never got to leave: no kept lab, and a process left behind that not even
SIGTERM ends (2 of 5 hang-ups with training running, before this driver).
"""

from __future__ import annotations

from textual.drivers.linux_driver import LinuxDriver


class SteadyLinuxDriver(LinuxDriver):
    """Resumes only after a suspension, and drops output once its writer has stopped."""

    def _sigcont_application(self, *args: object) -> None:
        # Set when ctrl+z suspended the app; a SIGCONT that comes with a hangup is not a resume.
        if self._must_signal_resume:
            super()._sigcont_application(*args)

    def write(self, data: str) -> None:
        """Queue ``data`` for the terminal, unless its writer has stopped (the terminal is gone,
        or suspended): a stopped writer takes nothing, and a full queue would block the app."""
        if self._writer_alive():
            super().write(data)

    def close(self) -> None:
        """Stop the writer, if it has not stopped by itself."""
        if self._writer_alive():
            super().close()

    def _writer_alive(self) -> bool:
        writer = self._writer_thread
        return writer is not None and writer.is_alive()
