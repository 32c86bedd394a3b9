"""A real server and real clients on 127.0.0.1: the book appears, follows the window, keeps
each learner's place across visits, and nothing a client sends or fails to send harms it."""

import asyncio
import json
import os
import socket
from pathlib import Path

import asyncssh
import pytest

from tests.serve.conftest import Terminal, connect, new_key
from tui.serve.terminal import MOUSE_OFF

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc for processes")


async def test_the_book_appears_and_a_resize_reaches_the_app(server):
    conn, term = await connect(server.port, new_key())
    async with conn:
        await term.wait_for(r"1 · The neuron")
        assert term.raw.startswith(MOUSE_OFF)  # before the app: no mouse mode left from before
        assert term.screen.display[0].endswith("─")  # the pane's border reaches column 80
        assert len(server.apps()) == 1
        term.resize(100, 30)
        await term.wait_for(r"^─1 · The neuron( · pgup/pgdn)?─{10,}.{40,}─$")
        assert len(term.screen.display[0]) == 100 and term.screen.display[0][-1] == "─"
        assert "Lab · The neuron" in term.screen.display[0][40:]


async def test_a_second_visit_with_the_same_key_finds_the_first_ones_place(server):
    key = new_key()
    first_conn, first = await connect(server.port, key)
    await first.wait_for(r"1 · The neuron")
    first.press("]")
    await first.wait_for(r"2 · Activation")
    # The same key from another terminal: the same learner, so the first session is closed
    # (one app at a time writes their progress) and the second opens where the first was.
    second_conn, second = await connect(server.port, key, username="someone-else")
    async with first_conn, second_conn:
        said = await first.wait_closed()
        assert "you connected again from elsewhere" in said and "Your place is kept" in said
        await second.wait_for(r"2 · Activation")
        assert len(server.apps()) == 1


async def test_a_dropped_connection_leaves_no_process_behind_and_keeps_the_lab(server):
    conn, term = await connect(server.port, new_key(), command="lab")
    await term.wait_for(r"Cost over steps")
    # A colour answer nobody asked for: as keys it would be ] 1 1 ; r g b …: r runs, a
    # changes the activation. It is dropped; the keys after it arrive.
    term.press(b"\x1b]11;rgb:1a1a/1a1a/1a1a\x1b\\\x1b[?62;4c\x1b[5;10R")
    await asyncio.sleep(1.0)
    assert "σ(z) = 1 / (1 + e⁻ᶻ)" in term.text() and "step 0 ·" in term.text()
    term.press("ss")
    await term.wait_for(r"step 2 ·")
    pids = {pid for pid, _ in server.apps()}
    conn.abort()  # no goodbye: the line just goes
    await server.wait_for_no_apps()
    assert pids and not any(os.path.exists(f"/proc/{pid}") for pid in pids)
    kept = list(server.data.glob("learners/*/config/last-lab.json"))
    assert len(kept) == 1
    assert [s["steps"] for s in json.loads(kept[0].read_text())["history"]] == [0, 1, 2]


async def test_window_sizes_from_one_cell_to_ten_thousand(server):
    conn, term = await connect(server.port, new_key(), size=(1, 1), screen=(80, 24))
    async with conn:
        while b"\x1b[?1049h" not in term.raw:  # the app has started, in a 1×1 window
            await asyncio.sleep(0.05)
        term.resize(10_000, 10_000, screen=(500, 200))
        await term.wait_for(r"1 · The neuron")
        # Drawn at 500 × 200, the most an app is given: the key bar is on the last row.
        await term.wait_for(r"\^p palette$")
        assert term.screen.display[-1].endswith("^p palette")
        assert len(server.apps()) == 1
        term.resize(80, 24)
        await term.wait_for(r"^─1 · The neuron.{60,}─$")


async def test_garbage_and_a_stalled_handshake_harm_nobody(server):
    loop = asyncio.get_running_loop()
    silent = socket.create_connection(("127.0.0.1", server.port))  # never says a word
    noisy = socket.create_connection(("127.0.0.1", server.port))
    noisy.sendall(os.urandom(65536))
    noisy.settimeout(5)
    half = socket.create_connection(("127.0.0.1", server.port))  # stops after its version
    half.sendall(b"SSH-2.0-OpenSSH_9.2\r\n")
    try:
        conn, term = await connect(server.port, new_key())
        async with conn:
            await term.wait_for(r"1 · The neuron")  # a learner gets in meanwhile
        for sock in (noisy, silent, half):  # each is closed by the server
            sock.settimeout(6)
            assert await loop.run_in_executor(None, _read_to_end, sock) is not None
    finally:
        for sock in (noisy, silent, half):
            sock.close()
    assert server.proc.poll() is None


def _read_to_end(sock: socket.socket) -> bytes:
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return data


async def test_a_session_without_a_terminal_is_told_to_ask_for_one(server):
    conn, term = await connect(server.port, new_key(), command="resume", pty=False)
    async with conn:
        assert "needs a terminal: use ssh -t" in await term.wait_closed()
        assert term.status == 1
    conn, term = await connect(server.port, new_key(), command="load /etc/passwd")
    async with conn:
        assert "'load' is not something you can ask for" in await term.wait_closed()


async def test_only_authorized_keys_get_in_and_passwords_never(tmp_path):
    from tests.serve.conftest import Server

    known, stranger = new_key(), new_key()
    keys = tmp_path / "authorized_keys"
    keys.write_bytes(known.export_public_key())
    server = Server(tmp_path / "s", "--authorized-keys", str(keys))
    try:
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(server.port, stranger)
        with pytest.raises(asyncssh.PermissionDenied):
            await asyncssh.connect("127.0.0.1", server.port, username="ada", password="secret",
                                   known_hosts=None, client_keys=[], agent_path=None,
                                   config=None)
        async with await asyncssh.connect("127.0.0.1", server.port, username="ada",
                                          known_hosts=None, client_keys=[known],
                                          agent_path=None, config=None):
            pass  # in
        assert f"refused key {stranger.get_fingerprint()}" in server.log
    finally:
        server.stop()


async def test_open_mode_a_full_class_and_an_idle_learner(tmp_path):
    from tests.serve.conftest import Server

    server = Server(tmp_path / "s", "--open", "--max-learners", "1", "--idle-timeout", "0.05")
    try:
        crowd = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(18)]
        crowd[-1].settimeout(1.5)  # beyond 1 learner + 16 spare: closed at once
        loop = asyncio.get_running_loop()
        assert await loop.run_in_executor(None, _read_to_end, crowd[-1]) is not None
        assert "refused 127.0.0.1" in server.log and "17 connections open" in server.log
        for sock in crowd:
            sock.close()
        conn, ada = await connect(server.port, username="ada")
        async with conn:
            await server.wait_log("started ada")  # her seat is taken: the class is full
            refused_conn, bob = await connect(server.port, username="bob")
            async with refused_conn:
                assert "the class is full (1 learner is connected)" in await bob.wait_closed()
                assert bob.status == 1
            said = await ada.wait_closed(timeout=20)  # 3 s without a key
            assert "closed after 0.05 minutes without a key" in said
        conn, bad = await connect(server.port, username="../etc")
        async with conn:
            assert "known by the name you log in as" in await bad.wait_closed()
        assert {p.name for p in (server.data / "learners").iterdir()} == {"name-ada"}
        conn, cy = await connect(server.port, username="cy")
        async with conn:
            await server.wait_log("started cy")
            server.stop()  # as a service manager stops it, with a learner still there
            assert "the server is stopping. Your place is kept." in await cy.wait_closed()
        assert server.apps() == []
    finally:
        server.stop()


def _rss_kb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0])


async def test_a_flood_of_environment_variables_is_not_kept(server):
    """A client may send any number of `env` requests before its shell: the server keeps only
    a few small ones, so 40 MB of them cannot grow it by 40 MB."""
    before = _rss_kb(server.proc.pid)
    conn = await asyncssh.connect("127.0.0.1", server.port, username="ada", known_hosts=None,
                                  client_keys=[new_key()], agent_path=None, config=None,
                                  password=None)
    async with conn:
        flood = {f"X{i:05d}": "v" * 2048 for i in range(20_000)}
        flood["NO_COLOR"] = "1"
        _, term = await conn.create_session(lambda: Terminal(80, 24), None, encoding=None,
                                            term_type="xterm-256color", term_size=(80, 24),
                                            env=flood)
        await term.wait_for(r"1 · The neuron")
        grown_mb = (_rss_kb(server.proc.pid) - before) / 1024
    assert grown_mb < 12, f"the server grew by {grown_mb:.0f} MB"
