"""Random keys through a real terminal (tmux), as a tester over ssh sends them.

Run from the repository root (tmux needed):
    python benchmarks/terminal_monkey.py [--keys 26000] [--seed 0]

neuron-tui runs in a tmux session on a private socket, in a temporary folder with its own
config folder. Keys go in bursts, each burst one ``tmux send-keys -H`` (several keys in one
read, as ssh delivers quick typing); now and then the command palette opens and part of a
command's name is typed, then enter (or two enters in one write, or a page key); help, the
contents and the dialogs are keys of the pool; and the window is resized anywhere from 30×10
to 220×70. When the app ends, the pane says why: a traceback is a crash; a clean exit (the
palette's Quit picked) is counted and the app started again. At the end the app must still
open its help. Prints keys sent, palettes, resizes, restarts, crashes (with their last lines).
"""

from __future__ import annotations

import argparse
import os
import random
import shlex
import shutil
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SOCKET = f"neuron-monkey-{os.getpid()}"
SMALLEST, LARGEST = (30, 10), (220, 70)
BURST = 25
NAMED = {"enter": b"\r", "escape": b"\x1b", "tab": b"\t", "backspace": b"\x7f",
         "up": b"\x1b[A", "down": b"\x1b[B", "right": b"\x1b[C", "left": b"\x1b[D",
         "home": b"\x1b[H", "end": b"\x1b[F", "pageup": b"\x1b[5~", "pagedown": b"\x1b[6~",
         "delete": b"\x1b[3~", "insert": b"\x1b[2~", "shift+tab": b"\x1b[Z", "space": b" ",
         **{f"f{i}": code for i, code in enumerate(
             [b"\x1bOP", b"\x1bOQ", b"\x1bOR", b"\x1bOS"], start=1)},
         **{f"ctrl+{c}": bytes([ord(c) & 0x1F]) for c in string.ascii_lowercase if c not in "qcpz"}}
PRINTABLE = [c for c in string.ascii_letters + string.digits + string.punctuation if c != "q"]
"""No q, ctrl+q, ctrl+c (they quit) and no ctrl+z (it suspends); ctrl+p is pressed on purpose."""
COMMANDS = ["chapter", "Chapter 3", "open the", "Lab: S", "Step", "Dataset: X", "Dataset: open",
            "Activation: R", "Save ses", "Open ses", "Theme", "Keys", "Screenshot", "Export",
            "Copy state", "Reset", "Loss", "Undo", "Run", "Phase", "Maxim", "Contents"]
"""Parts of command names, as typed in a hurry (Quit may still be what matches)."""


def tmux(*args: str, check: bool = True) -> str:
    """Run a tmux command on the private socket; its output."""
    out = subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True,
                         check=check)
    return out.stdout


def send(data: bytes) -> None:
    """``data`` in one send-keys: one write to the terminal."""
    tmux("send-keys", "-t", "m", "-H", *(f"{b:02x}" for b in data))


def start(command: str) -> None:
    """Run ``command`` in the pane, in place of whatever ran there, on a clear screen."""
    tmux("respawn-pane", "-k", "-t", "m", command)
    tmux("clear-history", "-t", "m")


def main() -> None:
    """Run the keys and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=26_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if not shutil.which("tmux"):
        sys.exit("tmux is needed")
    rng = random.Random(args.seed)
    work, config = tempfile.mkdtemp(), tempfile.mkdtemp()
    app = shlex.join([sys.executable, "-m", "tui"])
    places = ["--lab"] + [f"--chapter {n}" for n in range(1, 13)]

    def command() -> str:
        return (f"clear; cd {shlex.quote(work)} && NEURON_TUI_CONFIG_DIR={shlex.quote(config)} "
                f"PYTHONPATH={shlex.quote(str(Path.cwd()))} {app} {rng.choice(places)}; "
                "echo __EXIT=$?; sleep 100000")

    tmux("new-session", "-d", "-s", "m", "-x", "80", "-y", "24", "sleep 100000")
    tmux("set-option", "-g", "history-limit", "2000")
    start(command())
    time.sleep(3)
    sent = palettes = resizes = restarts = 0
    crashes: list[str] = []
    t0 = time.monotonic()
    try:
        while sent < args.keys:
            palette = rng.randrange(40) == 0
            if palette:
                send(b"\x10")  # ctrl+p, then the command once the palette is open
                time.sleep(0.3)
                name = rng.choice(COMMANDS)[: rng.randint(1, 12)]
                keys = [c for c in name if c != "q"] + rng.choice(
                    [["enter"], ["enter", "enter"], ["pagedown", "enter"], ["escape"]])
                palettes += 1
            else:
                keys = [rng.choice(PRINTABLE + list(NAMED)) for _ in range(BURST)]
            send(b"".join(NAMED.get(k, k.encode()) for k in keys))
            sent += len(keys) + palette
            time.sleep(rng.uniform(0.02, 0.25))
            if rng.randrange(5) == 0:
                tmux("resize-window", "-t", "m", "-x", str(rng.randint(SMALLEST[0], LARGEST[0])),
                     "-y", str(rng.randint(SMALLEST[1], LARGEST[1])))
                resizes += 1
            screen = tmux("capture-pane", "-p", "-t", "m", "-S", "-200")
            if "__EXIT=" in screen:
                code = screen.split("__EXIT=")[-1].split()[0]
                if code != "0" or "Traceback" in screen:
                    crashes.append("\n".join(screen.strip().splitlines()[-25:]))
                restarts += 1
                start(command())
                time.sleep(3)
        tmux("resize-window", "-t", "m", "-x", "100", "-y", "30")
        time.sleep(1)
        for _ in range(4):  # close whatever is open, one key at a time
            send(b"\x1b")
            time.sleep(0.5)
        send(b"?")
        time.sleep(3)
        final = tmux("capture-pane", "-p", "-t", "m")
        answers = "neuron-tui keys" in final
        if not answers:
            print(final)
    finally:
        if not os.environ.get("MONKEY_KEEP"):
            tmux("kill-session", "-t", "m", check=False)
    print(f"keys sent {sent} · palettes opened {palettes} · resizes {resizes} · "
          f"clean exits (Quit from the palette), restarted {restarts - len(crashes)} · "
          f"crashes {len(crashes)} · still answering {answers} · "
          f"{time.monotonic() - t0:.0f} s · seed {args.seed}")
    for crash in crashes:
        print("-" * 60, "\n" + crash)


if __name__ == "__main__":
    main()
