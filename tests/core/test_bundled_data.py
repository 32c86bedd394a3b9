"""The digits and the names ship inside the package, load on demand, and are read within bounds."""

import gzip
from importlib import resources

import numpy as np
import pytest

from core.data import bundled_files, digits, names
from core.data.bundled_files import BundledDataError, gunzip


def test_digits_are_the_uci_set_as_documented():
    d = digits.load_digits()
    assert d.pixels.shape == (1797, 64) and d.labels.shape == (1797,)
    assert d.pixels.min() == 0 and d.pixels.max() == 16
    assert np.array_equal(np.unique(d.labels), np.arange(10))
    assert np.bincount(d.labels).min() >= 170  # every digit about equally often
    assert d.inputs.max() == 1.0 and not d.pixels.flags.writeable


def test_digits_are_read_as_the_file_says_value_by_value():
    text = gzip.decompress((resources.files("core.data") / "bundled" / "digits.csv.gz")
                           .read_bytes()).decode("ascii")
    rows = [[int(v) for v in line.split(",")] for line in text.strip().split("\n")]
    d = digits.load_digits()
    assert d.pixels.tolist() == [row[:64] for row in rows]
    assert d.labels.tolist() == [row[64] for row in rows]


def test_the_inputs_are_the_pixels_over_16_as_floats_and_the_pixels_are_kept_a_byte_each():
    d = digits.load_digits()
    assert d.inputs.dtype == np.float64
    assert np.array_equal(d.inputs, np.array(d.pixels.tolist(), dtype=float) / 16.0)
    # kept for as long as the app runs: 8 bytes a pixel were 920 KB
    assert d.pixels.nbytes + d.labels.nbytes <= 1797 * 64 + 1797 * 8


def test_digits_hold_the_numbers_of_the_file_as_python_reads_them():
    text = gunzip(digits.FILE, bundled_files.read_bytes(digits.FILE, digits.MAX_COMPRESSED),
                  digits.MAX_TEXT).decode("ascii")
    rows = np.array([[int(v) for v in line.split(",")] for line in text.split()])
    d = digits.load_digits()
    assert np.array_equal(d.pixels, rows[:, :64]) and np.array_equal(d.labels, rows[:, 64])
    assert d.pixels.dtype == np.uint8 and d.labels.dtype == np.int64


def test_digits_are_read_once():
    assert digits.load_digits() is digits.load_digits()


def test_digit_parsing_refuses_a_damaged_file():
    good = "\n".join(",".join(["0"] * 64 + [str(i % 10)]) for i in range(1797))
    assert digits.parse_digits(good).pixels.shape == (1797, 64)
    bad = [
        ("lines", good.rsplit("\n", 1)[0]),
        ("values", good.replace("0,0,", "0,", 1)),
        ("not a whole number", good.replace("0", "x", 1)),
        ("not a whole number", good.replace("0,0,", "0,,", 1)),
        ("not a whole number", good.replace("0,", "-1,", 1)),
        ("outside", good.replace("0,", "17,", 1)),
        ("outside", good.replace("0,", "100,", 1)),
        # the right number of values in all, but one line short and the next one long
        ("65 values on every line", good.replace("0,0,", "0,", 1).replace("\n0,", "\n0,0,0,", 1)),
    ]
    for expected, text in bad:
        with pytest.raises(BundledDataError, match=expected):
            digits.parse_digits(text)


def test_reads_are_bounded(monkeypatch):
    with pytest.raises(BundledDataError, match="larger than 1,000 bytes"):
        bundled_files.read_bytes("digits.csv.gz", 1000)
    bomb = gzip.compress(b"0" * 2_000_000)
    with pytest.raises(BundledDataError, match="more than 1,000,000 bytes"):
        gunzip("x.gz", bomb, 1_000_000)
    with pytest.raises(BundledDataError, match="not a valid gzip"):
        gunzip("x.gz", b"not gzip at all", 1000)
    with pytest.raises(BundledDataError, match="cut short"):
        gunzip("x.gz", gzip.compress(b"12345" * 100)[:-12], 1000)
    with pytest.raises(BundledDataError, match="cannot be read"):
        bundled_files.read_bytes("no-such-file", 1000)


def test_names_are_at_least_5000_lower_case_and_unique():
    got = names.load_names()
    assert len(got) >= 5000 and len(set(got)) == len(got) and list(got) == sorted(got)
    assert all(n.isascii() and n.isalpha() and n.islower() for n in got)
    assert {"emma", "james", "mary"} <= set(got)


def test_name_parsing_refuses_what_is_not_a_name():
    assert names.parse_names("ann\nbob\n") == ("ann", "bob")
    for text, line in (("ann\nBob\n", 2), ("ann\n\nbob\n", 2), ("ann\nbo b\n", 2),
                       ("a" * 31 + "\n", 1), ("ann\nbob\nzoë\n", 3)):
        with pytest.raises(BundledDataError, match=f"line {line} is not a name"):
            names.parse_names(text)
    with pytest.raises(BundledDataError, match="0 names"):
        names.parse_names("")


def test_split_is_set_by_its_seed():
    train, test = digits.split(1797, 0, 100)
    again, _ = digits.split(1797, 0, 100)
    other, _ = digits.split(1797, 1, 100)
    assert np.array_equal(train, again) and not np.array_equal(train, other)
    assert train.size == 100 and test.size == 1697
    assert np.array_equal(np.sort(np.concatenate([train, test])), np.arange(1797))


def test_chapter_10s_split_written_out_is_the_one_numpy_random_draws():
    for got, drawn in zip(digits.split(1797, 0, 100), digits._drawn_split(1797, 0, 100)):
        assert got.dtype == drawn.dtype and np.array_equal(got, drawn)
