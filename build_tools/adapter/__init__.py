"""The MkDocs (and ProperDocs) adapter: the only code that knows the engine."""
