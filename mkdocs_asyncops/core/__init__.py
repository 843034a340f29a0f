"""The vocabulary every stage shares: settings, kinds and their schemas, diagnostics and rules, the priority formula. Imports nothing else of the package."""
