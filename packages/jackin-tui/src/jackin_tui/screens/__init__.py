"""The console's screens (stages); each module owns one stage."""
