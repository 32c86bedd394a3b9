"""The chapters' live labs: small panes over the core, one per chapter."""
