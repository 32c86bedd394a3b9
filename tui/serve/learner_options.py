"""The neuron-tui options a learner may give as their ssh command: ``ssh -t HOST resume``.

OpenSSH reads words that start with ``-`` after the host as its own options, so the options
are taken with or without their dashes (``resume``, ``chapter 3``; ``-- --resume`` works too).

Only options that cannot name a file on the server are allowed: a learner chooses where the
book opens (or the lab, or the playground), a theme, or their kept lab, never a path.
neuron-tui checks the values itself and answers a bad one with its usual message.
"""

from __future__ import annotations

import re
import shlex

MAX_COMMAND = 4096
FLAGS = {"--lab", "--playground", "--resume", "--no-mouse"}
VALUED = {"--chapter": r"\d{1,3}", "--theme": r"[a-z0-9-]{1,40}", "--dataset": r"[a-z_]{1,20}",
          "--activation": r"[a-z_]{1,20}", "--seed": r"\d{1,10}",
          "--state": r"[A-Za-z0-9._=-]{1,4000}"}
ALLOWED = ", ".join([*(f[2:] for f in sorted(FLAGS)), *(f"{name[2:]} X" for name in VALUED)])


class OptionsRefused(ValueError):
    """The command holds something a learner may not ask for; the message says what."""


def learner_options(command: str | None) -> list[str]:
    """The neuron-tui arguments in the learner's ssh ``command`` (none for a plain ``ssh``)."""
    if not command:
        return []
    if len(command) > MAX_COMMAND:
        raise OptionsRefused("that command is too long")
    try:
        words = shlex.split(command)
    except ValueError as error:
        raise OptionsRefused(f"cannot read that command ({error})") from None
    if words and words[0] == "neuron-tui":
        words = words[1:]
    args: list[str] = []
    if "--" in words:
        words.remove("--")  # "ssh HOST -- --resume": the end of ssh's own options
    while words:
        typed = words.pop(0)
        name, eq, value = (typed if typed.startswith("--") else f"--{typed}").partition("=")
        if name in FLAGS and not eq:
            args.append(name)
        elif name in VALUED:
            if not eq:
                value = words.pop(0) if words else ""
            if not re.fullmatch(VALUED[name], value):
                raise OptionsRefused(f"{name[2:]} needs a value like {_example(name)}")
            args += [name, value]
        else:
            raise OptionsRefused(f"{typed[:40]!r} is not something you can ask for here "
                                 f"(you can ask for: {ALLOWED})")
    return args


def _example(name: str) -> str:
    return {"--chapter": "3", "--seed": "7", "--state": "nt1.…", "--theme": "ansi-dark",
            "--dataset": "xor", "--activation": "tanh"}[name]
