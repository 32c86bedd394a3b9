"""Your own data from CSV: good files load, bad ones are refused naming the line and column."""

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


@pytest.mark.parametrize("text, where", [
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
])
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
