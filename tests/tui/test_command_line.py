"""The command line: every option checked before any screen opens, each bad one refused with
a reason and exit status 2."""

import os
import subprocess
import sys

import pytest

from tui.cli import parse_args

GOOD = [
    (["--dataset", "xor", "--activation", "relu", "--seed", "9"], ("xor", "relu", 9)),
    (["--lab"], None),
    (["--chapter", "9"], None),
    (["--theme", "ansi-dark", "--no-mouse"], None),
]


@pytest.mark.parametrize("argv, lab_shape", GOOD)
def test_good_command_lines(argv, lab_shape):
    args = parse_args(argv)
    if lab_shape:
        st = args.lab_start[-1]
        assert (st.data.name, st.neuron.activation.name, st.seed) == lab_shape
    else:
        assert args.lab_start is None


BAD = [
    (["--dataset", "iris"], "invalid choice"),
    (["--activation", "swish"], "invalid choice"),
    (["--theme", "neon"], "invalid choice"),
    (["--seed", "-1"], "--seed must be"),
    (["--seed", "١٢"], "not a whole number written with the digits 0-9"),  # Arabic-Indic 12
    (["--chapter", "٣"], "not a whole number written with the digits 0-9"),
    (["--seed", "9" * 30], "not a whole number written with the digits 0-9"),
    (["--chapter", "0"], "--chapter must be"),
    (["--dataset", "xor", "--csv", "x.csv"], "not allowed with"),
    (["--load", "a.json", "--state", "nt1.x"], "not allowed with"),
    (["--state", "nt1.x", "--seed", "3"], "leave out --seed"),
    (["--state", "garbage"], "starts with 'nt1.'"),
    (["--standardise"], "only applies to --csv"),
    (["--chapter", "2", "--dataset", "or"], "leave out --chapter"),
    (["--csv", "/no/such.csv"], "No such file"),
    (["--load", "/no/such.json"], "No such file"),
    (["--frobnicate"], "unrecognized arguments"),
    (["--resume"], "no lab kept yet"),
    (["--resume", "--seed", "3"], "leave out --seed"),
    (["--resume", "--load", "a.json"], "not allowed with"),
]


@pytest.mark.parametrize("argv, message", BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_command_lines_exit_2_with_a_reason(argv, message, capsys):
    with pytest.raises(SystemExit) as info:
        parse_args(argv)
    assert info.value.code == 2 and message in capsys.readouterr().err


def test_bad_csv_on_the_command_line_names_line_and_column(tmp_path, capsys):
    bad = tmp_path / "d.csv"
    bad.write_text("x,y\n1,\n")
    with pytest.raises(SystemExit):
        parse_args(["--csv", str(bad)])
    assert "line 2, column 2 (y): missing value" in capsys.readouterr().err


def test_a_bad_argument_fails_before_any_screen_opens():
    out = subprocess.run([sys.executable, "-m", "tui", "--dataset", "iris"], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 2 and "invalid choice: 'iris'" in out.stderr
    assert "\x1b[" not in out.stdout + out.stderr  # no terminal takeover happened


BLAS_PROBE = """
import os, sys
from tui import cli
def probe(argv):  # in place of the options' checks, which import numpy
    import numpy
    print(os.environ.get("OPENBLAS_NUM_THREADS"), len(os.listdir("/proc/self/task")))
    sys.exit(0)
cli.parse_args = probe
cli.main([])
"""


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="counts threads in /proc")
def test_the_command_starts_numpy_with_one_blas_thread_unless_told_otherwise():
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    out = subprocess.run([sys.executable, "-c", BLAS_PROBE], capture_output=True, text=True,
                         timeout=60, env=env, check=True).stdout
    assert out.split() == ["1", "1"]  # no OpenBLAS thread besides Python's own
    env["OPENBLAS_NUM_THREADS"] = "2"
    out = subprocess.run([sys.executable, "-c", BLAS_PROBE], capture_output=True, text=True,
                         timeout=60, env=env, check=True).stdout
    assert out.split() == ["2", "2"]  # the reader's choice is kept
