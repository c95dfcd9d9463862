"""Rules for a manifest's `[env.*]` declarations and their `${env.NAME}` interpolation."""

from __future__ import annotations

import re
from collections.abc import Mapping

from jackin_sdk.env import is_reserved
from jackin_sdk.roles._manifest import EnvVarDecl

__all__ = ["env_problems", "env_warnings", "interpolate", "resolution_order"]

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PLACEHOLDER = re.compile(r"\$\{env\.([^}]*)\}")


def _references(decl: EnvVarDecl) -> list[str]:
    return [m for text in (decl.prompt, decl.default) if text for m in _PLACEHOLDER.findall(text)]


def _first_problem(  # noqa: PLR0911 - one return per rule, in the spec's order
    name: str, decl: EnvVarDecl, declared: Mapping[str, EnvVarDecl]
) -> str | None:
    """The first rule (1–7 of upstream-config.md §4.4) that `name` breaks, if any."""
    if not _NAME.fullmatch(name):
        return "name must match [A-Za-z_][A-Za-z0-9_]* (ASCII letters, digits, underscore)"
    if is_reserved(name):
        return "reserved for jackin runtime metadata and set automatically; use another name"
    if not decl.interactive and decl.default is None:
        return "non-interactive variable must have a default value"
    if not decl.interactive and decl.options:
        return "options requires interactive = true"
    if any("${env." in option for option in decl.options):
        return "options cannot contain interpolation placeholders"
    seen: set[str] = set()
    for entry in decl.depends_on:
        if not entry.startswith("env."):
            return f'depends_on entry "{entry}" must have the form env.NAME'
        target = entry.removeprefix("env.")
        if target == name:
            return "cannot depend on itself"
        if entry in seen:
            return f'duplicate depends_on entry "{entry}"'
        seen.add(entry)
        if not _NAME.fullmatch(target) or target not in declared:
            return f'depends on "{entry}", which is not declared in this manifest'
    for target in _references(decl):
        if target not in declared or f"env.{target}" not in decl.depends_on:
            return (
                f"${{env.{target}}} is used in prompt or default, so env.{target} must be "
                "declared and listed in depends_on"
            )
    return None


def _cycle(declared: Mapping[str, EnvVarDecl]) -> list[str] | None:
    graph = {
        name: [
            d.removeprefix("env.") for d in decl.depends_on if d.removeprefix("env.") in declared
        ]
        for name, decl in declared.items()
    }
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for child in graph[node]:
            if state.get(child) == 1:
                return [*stack[stack.index(child) :], child]
            if child not in state and (found := visit(child)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def env_problems(declared: Mapping[str, EnvVarDecl]) -> list[tuple[str | None, str]]:
    """(variable, message) for every broken declaration, then a dependency cycle if any."""
    problems: list[tuple[str | None, str]] = []
    for name, decl in declared.items():
        problem = _first_problem(name, decl, declared)
        if problem is not None:
            problems.append((name, f"env var {name}: {problem}"))
    if not problems:
        cycle = _cycle(declared)
        if cycle:
            problems.append((None, f"env var dependency cycle detected: {' -> '.join(cycle)}"))
    return problems


def env_warnings(declared: Mapping[str, EnvVarDecl]) -> list[tuple[str, str]]:
    """(variable, message) for settings that only matter with `interactive = true`."""
    warnings = []
    for name, decl in declared.items():
        if decl.interactive:
            continue
        if decl.prompt is not None:
            warnings.append((name, f"env var {name}: prompt is ignored without interactive = true"))
        if decl.skippable:
            warnings.append(
                (name, f"env var {name}: skippable is ignored without interactive = true")
            )
    return warnings


def resolution_order(declared: Mapping[str, EnvVarDecl]) -> list[str]:
    """Names in dependency order, ties alphabetical (declarations must be valid)."""
    remaining = {
        name: {d.removeprefix("env.") for d in decl.depends_on} for name, decl in declared.items()
    }
    order: list[str] = []
    while remaining:
        ready = sorted(n for n, deps in remaining.items() if deps <= set(order))
        if not ready:
            raise ValueError("env var dependency cycle detected")
        order.append(ready[0])
        del remaining[ready[0]]
    return order


def interpolate(text: str, values: Mapping[str, str]) -> str:
    """Replace `${env.NAME}` of resolved names in one left-to-right pass; leave the rest."""
    return _PLACEHOLDER.sub(lambda m: values.get(m[1], m[0]), text)
