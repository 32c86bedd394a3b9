"""Sessions, state strings, your own CSV, exports and the command line, driven through the app."""

import csv

import numpy as np
import pytest

from core.neuron.train import plan_step
from tests.tui.conftest import screen_text
from tui.app import NeuronApp
from tui.cli import parse_args
from tui.lab.start import read_session_file
from tui.lab.screen import LabScreen
from tui.screens.path_prompt import PathPrompt

SIZE = (120, 40)


def lab(app) -> LabScreen:
    assert isinstance(app.screen, LabScreen)
    return app.screen


def lab_region_text(app) -> str:
    """The screen without the footer and notifications: what the lab itself shows."""
    return "\n".join(screen_text(app).splitlines()[:-1])


async def train_a_little(pilot):
    await pilot.press("d", "d", "d", "a")  # XOR, tanh
    await pilot.press("s", "s", "s", "l", "s", "s")  # a loss change in the middle of the history
    await pilot.pause()


def same_next_step(a, b):
    pa, pb = plan_step(a), plan_step(b)
    assert np.array_equal(pa.new.w, pb.new.w) and pa.new.b == pb.new.b


# ------------------------------------------------------------------ sessions

async def test_saved_session_restores_the_identical_screen_and_next_step(tmp_path):
    path = tmp_path / "mine.json"
    app = NeuronApp(start="lab")
    async with app.run_test(size=SIZE) as pilot:
        await train_a_little(pilot)
        await pilot.press("W")
        assert isinstance(app.screen, PathPrompt)
        app.screen.query_one("Input").value = str(path)
        await pilot.press("enter")
        await pilot.pause()
        saved_states = lab(app).history.states
        saved_screen = lab_region_text(app)
        await pilot.press("s")
        after_one_step = lab(app).history.current
    assert path.exists()
    restored = NeuronApp(start="lab", lab_start=read_session_file(path))
    async with restored.run_test(size=SIZE) as pilot:
        await pilot.pause()
        states = lab(restored).history.states
        assert len(states) == len(saved_states)
        assert lab_region_text(restored) == saved_screen
        await pilot.press("s")
        now = lab(restored).history.current
        assert np.array_equal(now.neuron.w, after_one_step.neuron.w) and now.neuron.b == after_one_step.neuron.b
        await pilot.press("u", "u")
        assert lab(restored).history.current.action == states[-2].action


async def test_saving_over_a_file_asks_first(tmp_path):
    path = tmp_path / "keep.json"
    path.write_text("precious")
    app = NeuronApp(start="lab")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        app.screen.query_one("Input").value = str(path)
        await pilot.press("enter")
        assert path.read_text() == "precious" and "exists: enter again" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert path.read_text().startswith('{"format":"neuron-tui session"')
        assert isinstance(app.screen, LabScreen)


async def test_a_bad_session_is_refused_in_the_dialog_and_the_lab_is_untouched(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "neuron-tui session", "version": 1, "datasets": [], "history": []}')
    app = NeuronApp(start="lab")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        before = lab(app).history.current
        await pilot.press("O")
        app.screen.query_one("Input").value = str(bad)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt) and "needs 1 to 2000 states" in screen_text(app)
        app.screen.query_one("Input").value = str(tmp_path / "absent.json")
        await pilot.press("enter")
        assert "No such file" in screen_text(app)
        await pilot.press("escape")
        assert lab(app).history.current is before


async def test_names_that_look_like_markup_or_name_nothing_are_refused_in_the_dialog(
        tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = NeuronApp(start="lab")

    def refusal() -> str:
        return str(app.screen.query_one("#pp-error").render())

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("O")
        for typed, says in [("a[/b].json", "a[/b].json: No such file"),
                            ("~no_such_user_here/s.json", "~no_such_user_here: no such user"),
                            ("n" * 300, "File name too long")]:
            app.screen.query_one("Input").value = typed
            await pilot.press("enter")
            await pilot.pause()
            assert app.is_running and isinstance(app.screen, PathPrompt)
            assert says in refusal() and refusal()[:20] in screen_text(app), typed
        await pilot.press("escape")
        await pilot.press("W")  # saving asks first when a file exists: asking must not fail
        app.screen.query_one("Input").value = "n" * 300
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt) and "File name too long" in refusal()


# ------------------------------------------------------------------ state strings

async def test_state_string_restores_the_identical_state_and_next_step():
    app = NeuronApp(start="lab")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await train_a_little(pilot)
        await pilot.press("y")
        await pilot.pause()
        text = app.clipboard
        assert text.startswith("nt1.") and f"--state {text}" in "".join(
            n.message for n in app._notifications)
        original = lab(app).history.current
    args = parse_args(["--state", text])
    assert args.lab_start is not None
    restored = NeuronApp(start="lab", lab_start=args.lab_start)
    async with restored.run_test(size=SIZE) as pilot:
        await pilot.pause()
        state = lab(restored).history.current
        assert np.array_equal(state.neuron.w, original.neuron.w) and state.neuron.b == original.neuron.b
        assert (state.data.name, state.loss, state.steps) == (original.data.name, original.loss, original.steps)
        same_next_step(state, original)
        assert f"step {original.steps}" in screen_text(restored)


# ------------------------------------------------------------------ your own data

def write_csv(path, rows):
    with open(path, "w", newline="") as f:
        csv.writer(f).writerows(rows)


async def test_csv_from_the_command_line_trains_in_the_lab(tmp_path):
    data = tmp_path / "height.csv"
    write_csv(data, [["a", "b", "c", "t"]] + [[i, i % 3, -i, i % 2] for i in range(12)])
    args = parse_args(["--csv", str(data), "--standardise", "--activation", "tanh"])
    app = NeuronApp(start="lab", lab_start=args.lab_start)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        st = lab(app).history.current
        assert st.data.n_inputs == 3 and st.neuron.activation.name == "tanh" and st.loss.name == "bce"
        assert abs(st.data.X[:, 0].mean()) < 1e-12
        assert "height.csv" in screen_text(app) and app.screen.query("#w-2")
        await pilot.press("s")
        assert lab(app).history.current.steps == 1
        await pilot.press("d")  # from your data on to the first built-in dataset
        assert lab(app).history.current.data.name == "and"


async def test_a_csv_whose_name_and_header_look_like_markup_is_shown_as_written(tmp_path):
    data = tmp_path / "[b]odd[i].csv"
    write_csv(data, [["x[/u]", "y [/b]"], [1, 0], [2, 1], [3, 0]])
    app = NeuronApp(start="lab", lab_start=parse_args(["--csv", str(data)]).lab_start)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert "Neuron · [b]odd[i].csv" in screen_text(app)  # the pane's title
        assert "inputs x[/u]; target y [/b]" in screen_text(app)  # what was read, in a notice
        await pilot.press("s")
        assert app.is_running and lab(app).history.current.steps == 1


async def test_eight_inputs_fit_at_80x24_by_scrolling_the_editor(tmp_path):
    data = tmp_path / "wide.csv"
    write_csv(data, [[f"x{i}" for i in range(8)] + ["t"]] + [[i + j for j in range(8)] + [i % 2]
                                                            for i in range(5)])
    app = NeuronApp(start="lab", lab_start=parse_args(["--csv", str(data)]).lab_start)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#w-7").focus()
        for _ in range(40):  # the editor scrolls to the focused field on a later refresh
            await pilot.pause(0.05)
            if "w₈" in screen_text(app):
                break
        assert "w₈" in screen_text(app)


async def test_csv_from_the_palette_reports_errors_in_the_dialog(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n1,2\n3,oops\n")
    good = tmp_path / "good.csv"
    write_csv(good, [["x", "y"], [1, 2], [2, 4], [3, 6]])
    app = NeuronApp(start="lab")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lab(app).open_csv()
        await pilot.pause()
        app.screen.query_one("Input").value = str(bad)
        await pilot.press("enter")
        assert "line 3, column 2 (y): 'oops' is not a number" in screen_text(app)
        app.screen.query_one("Input").value = str(good)
        await pilot.press("enter")
        await pilot.pause()
        st = lab(app).history.current
        assert st.data.y.tolist() == [2, 4, 6] and st.loss.name == "mse"


# ------------------------------------------------------------------ exports

async def test_history_export_and_screenshot_write_new_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = NeuronApp(start="lab")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "s", "E", "E")
        await pilot.pause()
        exports = sorted(tmp_path.glob("neuron-tui-history-*.csv"))
        assert len(exports) == 2  # the second never overwrites the first
        rows = list(csv.DictReader(exports[0].read_text().splitlines()))
        assert [r["steps"] for r in rows] == ["0", "1", "2"]
        await pilot.press("S")
        await pilot.pause()
        svg = list(tmp_path.glob("neuron-tui-*.svg"))
        assert len(svg) == 1 and svg[0].read_text().lstrip().startswith("<svg")


# ------------------------------------------------------------------ hostile files and strings

LONG_INTEGER = "7" * 4400  # past Python's 4,300-digit limit on reading integers


def _state_string_holding(text: str) -> str:
    import base64
    import zlib

    return "nt1." + base64.urlsafe_b64encode(zlib.compress(text.encode())).decode()


def test_a_4400_digit_integer_is_refused_with_the_argparse_message(tmp_path, capsys):
    bad = tmp_path / "long.json"
    bad.write_text('{"format": "neuron-tui session", "version": ' + LONG_INTEGER + "}")
    for argv in (["--load", str(bad)],
                 ["--state", _state_string_holding('{"data": ' + LONG_INTEGER + "}")]):
        with pytest.raises(SystemExit) as info:
            parse_args(argv)
        assert info.value.code == 2 and "4,400 digits" in capsys.readouterr().err


async def test_a_4400_digit_integer_is_refused_in_the_open_dialog(tmp_path):
    bad = tmp_path / "long.json"
    bad.write_text('{"format": "neuron-tui session", "version": 1, "datasets": [], '
                   '"history": [' + LONG_INTEGER + "]}")
    app = NeuronApp(start="lab")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("O")
        app.screen.query_one("Input").value = str(bad)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt) and "4,400 digits" in screen_text(app)


def test_a_session_file_with_a_byte_order_mark_is_read(tmp_path):
    from core.files.session import session_json
    from tui.lab.start import default_lab_state

    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + session_json([default_lab_state()]).encode())
    assert len(read_session_file(path)) == 1


def test_resume_names_the_kept_lab_it_cannot_read(private_config_dir, capsys):
    private_config_dir.mkdir()
    kept = private_config_dir / "last-lab.json"
    kept.write_text('{"format": "neuron-tui session", "version": 1, "datasets": [')
    with pytest.raises(SystemExit):
        parse_args(["--resume"])
    assert f"{kept}: not valid JSON" in capsys.readouterr().err


async def test_cross_entropy_is_refused_for_targets_outside_0_1():
    app = NeuronApp(start="lab")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("d", "d", "d")  # the noisy line: targets up to about 3
        assert lab(app).history.current.data.name == "line"
        await pilot.press("l")
        await pilot.pause()
        assert lab(app).history.current.loss.name == "mse"
        assert "Cross-entropy needs targets between 0 and 1" in screen_text(app)
