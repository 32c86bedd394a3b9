"""Between a learner's terminal and their app: answers the app did not ask for are dropped,
keys are never lost, and sizes stay within what an app can draw."""

from tui.serve.terminal import MAX_COLS, MAX_ROWS, AppModes, ReplyFilter, clamp_size

OSC_REPLY = b"\x1b]11;rgb:1a1a/1a1a/1a1a\x1b\\"
SYNC_QUERY, SYNC_REPLY = b"\x1b[?2026$p", b"\x1b[?2026;2$y"


def _filter() -> tuple[AppModes, ReplyFilter]:
    modes = AppModes()
    return modes, ReplyFilter(modes)


def test_an_answer_nobody_asked_for_is_dropped_and_the_keys_around_it_kept():
    _, reply = _filter()
    assert reply.feed(b"a" + OSC_REPLY + b"\x1b[2;40R" + b"\x1b[?1;2c" + SYNC_REPLY + b"s",
                      now=0.0) == b"as"
    assert reply.dropped == 4


def test_an_answer_the_app_asked_for_passes_once():
    modes, reply = _filter()
    modes.saw_output(b"\x1b[?20", now=0.0)  # the question split across two reads
    modes.saw_output(b"26$p\x1b[?25l", now=0.0)
    assert reply.feed(SYNC_REPLY + SYNC_REPLY, now=1.0) == SYNC_REPLY  # asked once, passes once


def test_an_answer_arriving_after_the_wait_is_dropped():
    modes, reply = _filter()
    modes.saw_output(SYNC_QUERY, now=0.0)
    assert reply.feed(SYNC_REPLY, now=60.0) == b""


def test_an_answer_split_across_reads_is_held_then_judged_whole():
    _, reply = _filter()
    assert reply.feed(OSC_REPLY[:9], now=0.0) == b"" and reply.held
    assert reply.feed(OSC_REPLY[9:] + b"x", now=0.01) == b"x"


def test_a_held_start_that_never_completes_is_passed_on_as_keys():
    _, reply = _filter()
    assert reply.feed(b"\x1b", now=0.0) == b""  # escape, or the start of a sequence?
    assert reply.flush() == b"\x1b" and not reply.held


def test_keys_that_look_like_the_start_of_an_answer_pass():
    _, reply = _filter()
    keys = [b"\x1b]a", b"\x1bPx", b"\x1b[A", b"\x1b[1;5A", b"\x1b[3~", b"\x1b[97;5u", b"\x1b[1;2R",
            b"\x1b\x1b[A", b"\x1b]1\x03"]  # alt+], alt+P, arrows, kitty keys, shift+F3, ctrl+c
    for key in keys:
        assert reply.feed(key, now=0.0) + reply.flush() == key, key


def test_mouse_focus_and_resize_reports_pass_only_while_their_mode_is_on():
    modes, reply = _filter()
    reports = b"\x1b[<35;10;5M\x1b[M #!\x1b[I\x1b[48;30;100;600;1000t"
    assert reply.feed(reports, now=0.0) == b""
    modes.saw_output(b"\x1b[?1000h\x1b[?1006h\x1b[?1004h\x1b[?2048h")
    assert reply.feed(reports, now=0.0) == reports
    modes.saw_output(b"\x1b[?1000l\x1b[?1006l")
    assert reply.feed(b"\x1b[<35;10;5M\x1b[I", now=0.0) == b"\x1b[I"


def test_a_resize_report_is_clamped_to_a_drawable_size():
    modes, reply = _filter()
    modes.saw_output(b"\x1b[?2048h")
    out = reply.feed(b"\x1b[48;10000;10000;0;0t", now=0.0)
    assert out == b"\x1b[48;%d;%d;0;0t" % (MAX_ROWS, MAX_COLS)


def test_window_sizes_are_kept_drawable():
    assert clamp_size(10_000, 10_000) == (MAX_COLS, MAX_ROWS)
    assert clamp_size(1, 1) == (1, 1)
    assert clamp_size(0, 0) == (80, 24)  # 0: the client does not know


def test_restore_turns_off_only_what_the_app_left_on():
    modes = AppModes()
    modes.saw_output(b"\x1b[?1049h\x1b[?1000;1006h\x1b[>7u\x1b[?2004h\x1b[?2004l")
    restore = modes.restore()
    for seq in (b"\x1b[?1049l", b"\x1b[?1000l", b"\x1b[?1006l", b"\x1b[<u", b"\x1b[?25h"):
        assert seq in restore
    assert b"2004" not in restore
