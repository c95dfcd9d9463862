"""The console's generic modal dialogs and the help overlay."""
