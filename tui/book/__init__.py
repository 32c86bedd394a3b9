"""The textbook: chapters of prose, each with a live lab and predict-then-check exercises."""
