"""``neuron-tui-serve``: the book for a whole class over SSH, one neuron-tui process per learner.

This package never imports the app (tui.app, textual or the screens): each learner's
neuron-tui runs as a process of its own on a pseudo-terminal of its own, started by
:mod:`tui.serve.app_process`. It needs the serve extra (asyncssh).
"""
