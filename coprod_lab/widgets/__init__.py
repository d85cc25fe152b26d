"""ipywidgets views, one module per screen. Each takes a store; none keeps module state."""
