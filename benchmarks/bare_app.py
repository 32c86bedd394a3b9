"""The baseline: a bare Textual app (Header, Static, Footer) where a key updates the Static."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class BareApp(App[None]):
    """What any Textual app costs: every neuron-tui figure is reported as a ratio to this."""

    BINDINGS = [("s", "step", "Step"), ("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        """Header, one Static and Footer."""
        yield Header()
        yield Static("steps: 0", id="count")
        yield Footer()

    def action_step(self) -> None:
        """Count a key press in the Static."""
        self.steps = getattr(self, "steps", 0) + 1
        self.query_one("#count", Static).update(f"steps: {self.steps}")


if __name__ == "__main__":
    BareApp().run()
