"""The interim PID 1 and session commands, until the multiplexer replaces them.

The seam: `__main__` calls `run_init`, `run_session` and `run_status`; the launch config
(`jackin_capsule._config`) and the session command line (`jackin_capsule._launch`) are
shared and stay. Sessions here run on the caller's terminal (`docker exec -it`), not in
capsule-owned PTYs (except the one headless session), and are tracked through
registration files instead of the control socket.
"""

from jackin_capsule._interim._init import run_init
from jackin_capsule._interim._session import run_session
from jackin_capsule._interim._status import run_status

__all__ = ["run_init", "run_session", "run_status"]
