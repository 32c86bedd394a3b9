"""What a learner might type or paste into a number field: shared by tests and benchmarks."""

JUNK = [
    "", "   ", "abc", "nan", "NaN", "-nan", "inf", "-inf", "Infinity", "1e999", "-1e999",
    "1e400", "1e-400", "1,5", "1.2.3", "0x1F", "1e", "--1", "+-1", "½", "١٢", "1_000", "\x00",
    "💥", "9" * 200, "(1)", "1+1", "__import__('os')", "e5", ".", "+", "3 4", "1e5e5",
    "1/2", "2**10", "True", "None", "[]", "{}", "'1'", "1;2", "1.0.", "∞", "−−1", "0b101",
    "[/b]", "[b]1[/b]", "[@click=app.quit]1",
]
"""Text that is never a valid number for any field."""

SHORT_JUNK = ["[/b]abc", "nan", "1e999", "1,5", "", "💥", "9" * 200, "1e-400"]
"""A representative handful; the UI tests put the first (it would be markup, were the message
that quotes it read as markup) into every field of every screen."""
