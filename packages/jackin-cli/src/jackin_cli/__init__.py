"""jackin_cli."""
