"""Allow ``python -m tui``."""

from tui.app import main

main()
