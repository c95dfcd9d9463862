"""The console's shared widgets (header, hint bar)."""
