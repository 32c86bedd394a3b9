"""The book's prose: one Markdown file per chapter, shipped with the package."""
