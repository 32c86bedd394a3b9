"""A class over SSH: N learners at once, each typing, against one learner alone.

Run from the repository root, with the serve extra and pyte installed:

    python benchmarks/serve_class.py [--learners 10,30] [--seconds 20] [--keys-per-second 2]

For each class size N (and N = 1 first, the baseline timed in the same run) a real
neuron-tui-serve starts on 127.0.0.1, N asyncssh clients with terminals of 80×24 connect
at the same moment, and each then types at the given rate for the given time: a chapter
forward and back, a page down, the lab, steps and an undo. Then every learner starts a training
run (r) at once. Printed per N: the time from connecting to a complete first screen (min,
median, max, and the median as a ratio to one learner alone); each learner's app in memory
(PSS, which counts shared pages once, and RSS) and CPU while typing and while running; and
the server's own memory and CPU. Memory is read from /proc (Linux only).

The clients only search the bytes they receive (the first screen goes out as one paint, so
its last words mark it complete): a terminal emulator for each of 30 learners in this one
process could not keep up, and the server would drop them for not answering its keepalives.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import asyncssh

TICK = os.sysconf("SC_CLK_TCK")
SCRIPT = ["]", "\x1b[6~", "[", "L", "s", "s", "s", "u", "s", "B"]
"""What each learner types, round and round: the book, then the lab, then back."""


class Screen(asyncssh.SSHClientSession):
    """A learner's terminal: what arrives, kept as bytes (the last 64 KB)."""

    def __init__(self) -> None:
        self.raw = bytearray()
        self.total = 0

    def data_received(self, data: bytes, datatype) -> None:
        self.total += len(data)
        self.raw += data
        del self.raw[:-65536]

    def shows(self, *texts: str) -> bool:
        """Whether every one of ``texts`` has arrived."""
        return all(t.encode() in self.raw for t in texts)


async def arrive(port: int) -> tuple[asyncssh.SSHClientConnection, asyncssh.SSHClientChannel,
                                     Screen, float]:
    """Connect a new learner; seconds until their first screen is complete."""
    start = time.monotonic()
    conn = await asyncssh.connect("127.0.0.1", port, username="learner", known_hosts=None,
                                  client_keys=[asyncssh.generate_private_key("ssh-ed25519")],
                                  agent_path=None, config=None)
    chan, screen = await conn.create_session(Screen, term_type="xterm-256color",
                                             term_size=(80, 24), encoding=None)
    while not screen.shows("1 · The neuron", "Contents"):
        await asyncio.sleep(0.02)
    return conn, chan, screen, time.monotonic() - start


async def type_keys(chan: asyncssh.SSHClientChannel, seconds: float, rate: float) -> int:
    """Type SCRIPT round and round, ``rate`` keys a second, for ``seconds``; how many."""
    end, i = time.monotonic() + seconds, 0
    while time.monotonic() < end:
        chan.write(SCRIPT[i % len(SCRIPT)].encode())
        i += 1
        await asyncio.sleep(1 / rate)
    chan.write(b"L")  # leave every learner in the lab
    return i + 1


def steps_shown(screen: Screen) -> int:
    """The lab's step count, as last drawn."""
    found = re.findall(rb"step (\d+) \xc2\xb7", screen.raw)
    return max(int(f) for f in found) if found else 0


def children(parent: int) -> list[int]:
    """The pids whose parent is ``parent``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rpartition(")")[2].split()[1]) == parent:
                found.append(int(entry.name))
    return found


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds used by ``pid`` so far (NaN once it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / TICK


def memory_mb(pid: int) -> tuple[float, float]:
    """(PSS, RSS) of ``pid`` in MB (NaN once it has gone)."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return float("nan"), float("nan")
    kb = {k: int(v) for k, v in re.findall(r"^(Pss|Rss):\s+(\d+) kB", text, re.M)}
    return kb["Pss"] / 1024, kb["Rss"] / 1024


def spread(values: list[float]) -> str:
    """min / median / max (of the values that are numbers)."""
    values = [v for v in values if v == v]
    if not values:
        return "—"
    return f"{min(values):.2f} / {statistics.median(values):.2f} / {max(values):.2f}"


async def one_class(n: int, args: argparse.Namespace, folder: Path) -> dict:
    """Serve ``n`` learners and measure them."""
    server = subprocess.Popen(
        [sys.executable, "-m", "tui.serve.cli", "--port", "0", "--data", str(folder / "data"),
         "--host-key", str(folder / "host_key"), "--max-learners", str(n)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    port = int(re.search(r":(\d+) \(host key", server.stdout.readline()).group(1))
    try:
        server_cpu0 = cpu_seconds(server.pid)
        arrived = await asyncio.gather(*(arrive(port) for _ in range(n)))
        first = [a[3] for a in arrived]
        apps = children(server.pid)
        before = {pid: cpu_seconds(pid) for pid in apps}
        server_cpu1, t0 = cpu_seconds(server.pid), time.monotonic()
        keys = await asyncio.gather(*(type_keys(a[1], args.seconds, args.keys_per_second)
                                      for a in arrived))
        await asyncio.sleep(1.0)  # the last keys' screens
        typing_wall = time.monotonic() - t0
        typed = {pid: cpu_seconds(pid) for pid in apps}
        live = [pid for pid in apps if typed[pid] == typed[pid]]
        server_cpu2 = cpu_seconds(server.pid)
        mem = [memory_mb(pid) for pid in apps]
        server_mem = memory_mb(server.pid)
        steps0 = [steps_shown(a[2]) for a in arrived]
        for a in arrived:
            a[1].write(b"r")
        t1 = time.monotonic()
        await asyncio.sleep(args.seconds / 2)
        running_wall = time.monotonic() - t1
        ran = {pid: cpu_seconds(pid) for pid in apps}
        steps = [(steps_shown(a[2]) - s0) / running_wall for a, s0 in zip(arrived, steps0)]
        gone = sum(ran[p] != ran[p] for p in apps)
        for conn, *_ in arrived:
            conn.close()
        return {
            "n": n, "first": first, "apps": len(apps), "gone": gone,
            "start_cpu": list(before.values()),
            "pss": [m[0] for m in mem], "rss": [m[1] for m in mem],
            "typing": [(typed[p] - before[p]) / typing_wall for p in apps],
            "per_key_ms": [1000 * sum(typed[p] - before[p] for p in live)
                           / (sum(keys) * len(live) / len(apps))],
            "steps": steps,
            "running": [(ran[p] - typed[p]) / running_wall for p in apps],
            "server_mb": server_mem[1],
            "server_cpu": (server_cpu2 - server_cpu1) / typing_wall,
            "server_start_cpu": server_cpu1 - server_cpu0,
        }
    finally:
        server.terminate()
        server.wait(30)


def report(results: list[dict], args: argparse.Namespace) -> None:
    """Print the table, and what a 2-core, 4 GB host can serve."""
    alone = statistics.median(results[0]["first"])
    print(f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f} at the end · typing "
          f"{args.keys_per_second:g} keys/s for {args.seconds:g} s, then a training run (r)")
    print("figures are min / median / max over the learners")
    for r in results:
        gone = f", {r['gone']} ended from outside during the run" if r["gone"] else ""
        print(f"\nN = {r['n']} ({r['apps']} apps{gone})")
        print(f"  first screen, s          {spread(r['first'])}   "
              f"(median {statistics.median(r['first']) / alone:.2f}× one learner alone)")
        print(f"  app CPU to first screen  {spread(r['start_cpu'])} s")
        print(f"  app memory PSS, MB       {spread(r['pss'])}")
        print(f"  app memory RSS, MB       {spread(r['rss'])}")
        print(f"  app CPU typing, % core   {spread([100 * c for c in r['typing']])}   "
              f"({r['per_key_ms'][0]:.0f} ms of CPU a key)")
        print(f"  app CPU running, % core  {spread([100 * c for c in r['running']])}   "
              f"(steps/s {spread(r['steps'])}; 25 when not short of CPU)")
        print(f"  server RSS {r['server_mb']:.1f} MB, CPU while typing "
              f"{100 * r['server_cpu']:.1f}% of a core, "
              f"{r['server_start_cpu']:.2f} s CPU to let everyone in")
    big = results[-1]
    pss = statistics.median(big["pss"])
    by_memory = int((4096 - 1024 - big["server_mb"]) / pss)
    per_key = results[0]["per_key_ms"][0] / 1000  # alone: the work a key costs, unstarved
    running = results[0]["running"][0]
    print(f"\nA 2-core, 4 GB host (1 GB left to the system, the cores used to 70%):")
    print(f"  memory: {by_memory} learners at {pss:.0f} MB PSS each, plus the server")
    for rate in (2.0, 0.5):
        print(f"  CPU: {int(1.4 / (rate * per_key))} learners pressing {rate:g} keys/s on "
              f"average ({1000 * per_key:.0f} ms of CPU a key, measured alone)")
    print(f"  CPU: {int(1.4 / running)} learners all running training at once "
          f"({100 * running:.0f}% of a core each, measured alone)")
    start = statistics.median(big["start_cpu"])
    print(f"  a class of {big['n']} arriving at once: the last first screen after about "
          f"{big['n'] * start / 2:.0f} s ({start:.2f} s of CPU to start each app)")


async def main() -> None:
    """Measure each class size and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", default="10,30")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--keys-per-second", type=float, default=2.0)
    args = parser.parse_args()
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    results = []
    for n in [1, *(int(v) for v in args.learners.split(","))]:
        results.append(await one_class(n, args, Path(tempfile.mkdtemp(prefix="serve-class-"))))
    report(results, args)


if __name__ == "__main__":
    asyncio.run(main())
