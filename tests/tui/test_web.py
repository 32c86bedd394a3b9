"""The web extra: neuron-tui-web serves the app on loopback, and a browser session runs it."""

import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tui.web import parse_args


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, deadline: float) -> bytes:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


async def read_app_output(port: int, want: bytes, seconds: float) -> bytes:
    """Open the page's websocket, as the browser does, and read until ``want`` shows up."""
    import aiohttp

    seen = b""
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(f"ws://127.0.0.1:{port}/ws?width=100&height=30") as ws:
            deadline = time.monotonic() + seconds
            while want not in seen and time.monotonic() < deadline:
                try:
                    message = await ws.receive(timeout=max(deadline - time.monotonic(), 0.1))
                except TimeoutError:
                    break
                if message.type == aiohttp.WSMsgType.BINARY:
                    seen += message.data
                elif message.type != aiohttp.WSMsgType.TEXT:
                    break
            await ws.send_json(["stdin", "q"])
    return seen


async def test_web_command_serves_the_app_over_loopback():
    pytest.importorskip("textual_serve")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "tui.web", "--host", "127.0.0.1", "--port",
                               str(port), "--", "--lab"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        page = fetch(f"http://127.0.0.1:{port}/", time.monotonic() + 30).decode()
        assert "<title>neuron-tui</title>" in page and "textual.js" in page
        assert "googleapis" not in page and "fonts/RobotoMono" in page  # nothing from the internet
        font = fetch(f"http://127.0.0.1:{port}/static/fonts/RobotoMono-VariableFont_wght.ttf",
                     time.monotonic() + 5)
        assert len(font) > 10_000
        output = await read_app_output(port, b"Cost over steps", 60)
        assert b"Cost over steps" in output  # the lab itself, running behind the page
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_web_options_are_checked_before_serving():
    assert parse_args(["--port", "8123", "--", "--lab", "--dataset", "xor"]).app_args == \
        ["--lab", "--dataset", "xor"]
    for bad in (["--port", "0"], ["--", "--dataset", "iris"]):
        with pytest.raises(SystemExit) as info:
            parse_args(bad)
        assert info.value.code == 2
