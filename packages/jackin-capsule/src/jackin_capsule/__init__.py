"""jackin-capsule: PID 1, sessions and multiplexer inside jackin containers.

Depends on the standard library and pyte only: it is installed offline into images.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
