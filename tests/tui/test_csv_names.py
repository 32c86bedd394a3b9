"""A CSV file named on the command line is shown by its file name, shortened in the middle
when it is long, never cut at its end and never with the whole path."""

import re

from tests.tui.conftest import screen_text
from tests.tui.readable import find_cuts
from tui.app import NeuronApp
from tui.cli import parse_args


async def test_a_200_character_csv_path_shows_as_its_files_ends_at_80x24(tmp_path):
    folder = tmp_path.joinpath(*[f"a_rather_long_folder_name_{i}" for i in range(5)])
    folder.mkdir(parents=True)
    path = folder / ("measurements_" * 9 + "tuesday_v2.csv")
    path.write_text("x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,1\n")
    assert len(str(path)) > 200
    app = NeuronApp(start="lab", lab_start=parse_args(["--csv", str(path)]).lab_start)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        cuts = find_cuts(app.screen)
        notice = " ".join(n.message for n in app._notifications)
    title = re.search(r"Neuron · ([^─ ]+)", text.splitlines()[0]).group(1)
    assert title.startswith("measurements") and title.endswith("_v2.csv")
    assert "…" in title and not [cut for cut in cuts if "title" in cut]
    assert re.search(r"4 rows from measurements_\S*…\S*_v2\.csv: inputs", notice)
    assert "a_rather_long_folder_name" not in text  # the folders are not echoed


def test_a_pane_with_no_room_yet_keeps_the_title_whole():
    """Before its layout (or while hidden on a phone) the neuron pane has no width: the name
    is not shortened to nothing, and a short name is never shortened."""
    from tui.lab.start import default_lab_state
    from tui.lab.titles import lab_titles

    state = default_lab_state("single", None, None, 0)
    for room in (None, -4, 0, 34):
        assert lab_titles(state, False, False, room=room)["#editor"][0] == "Neuron · single example"
