"""Your own data from CSV: good files load, bad ones are refused naming the line and column."""

import os
from pathlib import Path

import numpy as np
import pytest

from core.data.csvdata import CSVError, load_csv, parse_csv


def test_a_good_file_loads_with_the_last_column_as_target():
    data, scaling = parse_csv("x1,x2,label\n0,0,0\n0,1,1\n1,0,1\n1,1,1\n", "gates.csv")
    assert data.X.shape == (4, 2) and data.y.tolist() == [0, 1, 1, 1]
    assert data.loss == "bce" and scaling is None and "gates.csv" in data.title


def test_real_valued_targets_use_squared_error_and_blank_lines_are_skipped():
    data, _ = parse_csv("h,w\n1.5,2e1\n\n-3,4\n\n")
    assert data.loss == "mse" and data.y.tolist() == [20.0, 4.0]


def test_standardisation_is_exact_and_described():
    data, s = parse_csv("a,b,t\n1,10,0\n2,10,1\n3,10,0\n", standardise=True)
    np.testing.assert_allclose(data.X[:, 0].mean(), 0, atol=1e-15)
    np.testing.assert_allclose(data.X[:, 0].std(), 1)
    assert np.all(data.X[:, 1] == 0)  # a constant column is only centred
    assert s.mean.tolist() == [2.0, 10.0] and "a: mean 2, sd 0.8165" in s.describe()


BAD_CSV = [
    ("", "line 1"),
    ("x,y\n", "line 2: no data rows"),
    ("only\n1\n2\n", "line 1: only one column"),
    ("a,b\n1,\n", "line 2, column 2 (b): missing value"),
    ("a,b\n1,2\n3,abc\n", "line 3, column 2 (b): 'abc' is not a number"),
    ("a,b\n1,2\nnan,1\n", "line 3, column 1 (a): 'nan' is not a finite number"),
    ("a,b\n1,2\n1,2,3\n", "line 3: 3 values, but the header has 2"),
    ("a,b\n1e999,1\n", "line 2, column 1 (a): '1e999' is not a finite number"),
    (",".join(f"x{i}" for i in range(10)) + "\n" + ",".join("1" * 10) + "\n", "at most 8"),
    ('a,b\n"1,2\n', "line"),
]
"""Ten kinds of bad CSV, each with the place its refusal names."""


@pytest.mark.parametrize("text, where", BAD_CSV)
def test_bad_files_name_the_place(text, where):
    with pytest.raises(CSVError) as info:
        parse_csv(text)
    assert where in str(info.value)


def test_files_from_disk(tmp_path):
    good = tmp_path / "d.csv"
    good.write_bytes("\ufeffx,y\r\n1,0\r\n2,1\r\n".encode())
    data, _ = load_csv(good)
    assert data.X.tolist() == [[1.0], [2.0]]
    bad = tmp_path / "bin.csv"
    bad.write_bytes(b"x,y\n\xff\xfe,1\n")
    with pytest.raises(CSVError, match="not UTF-8"):
        load_csv(bad)
    with pytest.raises(CSVError, match="No such file"):
        load_csv(tmp_path / "missing.csv")


def test_inputs_near_the_float_limit_are_refused_unless_standardised_then_scaled_safely():
    text = "big,small,t\n1e308,1,0\n-1e308,2,1\n1.5e308,3,0\n"
    with pytest.raises(CSVError, match=r"line 2, column 1 \(big\): 1e\+308 is out of range"):
        parse_csv(text)
    data, s = parse_csv(text, standardise=True)  # no overflow warning (they are errors here)
    assert np.all(np.isfinite(data.X)) and np.all(np.isfinite(s.mean)) and np.all(s.std > 0)
    np.testing.assert_allclose(data.X.mean(axis=0), 0, atol=1e-15)
    np.testing.assert_allclose(data.X.std(axis=0), 1)
    np.testing.assert_allclose(s.mean[0], np.mean([1.0, -1.0, 1.5]) * 1e308)
    assert "big: mean 5e+307" in s.describe()


def test_a_constant_column_is_said_to_be_centred_only():
    data, s = parse_csv("a,b,t\n1,10,0\n2,10,1\n", standardise=True)
    assert "b: constant 10, centred only" in s.describe() and "sd 1" not in s.describe()


@pytest.mark.parametrize("text, where", [
    ("a,t\n1,2e6\n", "line 2, column 2 (t): 2e+06 is out of range: the lab's targets"),
    ("a,t\n" + "1," * 6000 + "1\n", "line 2: longer than 10,000 characters"),
    ("a" * 10_001 + ",t\n1,2\n", "line 1: longer than 10,000 characters"),
])
def test_values_and_lines_out_of_bounds_are_refused(text, where):
    with pytest.raises(CSVError) as info:
        parse_csv(text, standardise=True)
    assert where in str(info.value)


def test_files_that_are_not_regular_or_too_long_are_refused_unread(tmp_path):
    fifo = tmp_path / "data.csv"
    os.mkfifo(fifo)  # reading it would wait for a writer forever
    with pytest.raises(CSVError, match="FIFO"):
        load_csv(fifo)
    if Path("/dev/zero").exists():  # endless: reading it would fill the memory
        with pytest.raises(CSVError, match="character device"):
            load_csv(Path("/dev/zero"))
    blank = tmp_path / "blank.csv"
    blank.write_bytes(b"a,b\n" + b"\n" * 300_000 + b"1,2\n")
    with pytest.raises(CSVError, match="more than 200,000 lines"):
        load_csv(blank)


LONG = "measurements_" * 9 + "tuesday_v2.csv"
"""A file name of 131 characters: too long for a title, and telling only at its end."""


@pytest.mark.parametrize("standardise", [False, True])
def test_a_long_file_name_is_shortened_in_the_middle_keeping_its_ends(standardise):
    data, _ = parse_csv("x,y\n1,0\n2,1\n", LONG, standardise)
    suffix = " (std.)" if standardise else ""
    assert len(data.title) <= 40 and data.title.endswith("tuesday_v2.csv" + suffix)
    name = data.title.removesuffix(suffix)
    head, tail = name.split("…")
    assert LONG.startswith(head) and LONG.endswith(tail) and len(head) >= 10
    said = data.description.split("rows from ")[1].split(":")[0]  # the notice names it so too
    assert said.startswith(head) and said.endswith(tail) and len(said) <= 40
    assert data.name == f"csv:{LONG}"  # what a session keeps: the name whole
    short, _ = parse_csv("x,y\n1,0\n", "gates.csv", standardise)
    assert short.title == "gates.csv" + suffix  # a name that fits is kept whole


def test_the_playgrounds_points_keep_a_long_names_ends(tmp_path):
    from core.data.planar_csv import read_points

    path = tmp_path / LONG
    path.write_text("a,b,label\n0,0,1\n1,1,0\n2,0,1\n0,3,0\n")
    title = read_points(path).title
    assert len(title) <= 40 and title.startswith("measurements_") and title.endswith("v2.csv")
