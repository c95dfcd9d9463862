"""The capsule daemon: PID 1, sessions on PTYs, the socket and the multiplexer."""

from jackin_capsule.daemon._server import CLIENT_MODES, Daemon, DaemonOptions, run_daemon

__all__ = ["CLIENT_MODES", "Daemon", "DaemonOptions", "run_daemon"]
