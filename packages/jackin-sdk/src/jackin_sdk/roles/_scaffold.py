"""`role create`: scaffold a new role repository that validates as written (§4.7)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from jackin_sdk.errors import JackinError
from jackin_sdk.roles._dockerfile import CONSTRUCT_REPOSITORY
from jackin_sdk.roles._manifest import MANIFEST_FILE, MANIFEST_SCHEMA, MANIFEST_VERSION
from jackin_sdk.tables import schema_hint
from jackin_sdk.vocab import RoleSelector

__all__ = ["PROJECTS_DIR_ENV", "SCAFFOLD_CONSTRUCT_TAG", "projects_default", "scaffold_role"]

# The reference scaffolds the long-stale `0.1-trixie`; we pin a current construct instead.
# Renovate (renovate.json in the scaffold) keeps it moving after that.
SCAFFOLD_CONSTRUCT_TAG = "0.35-trixie"
PROJECTS_DIR_ENV = "JACKIN_PROJECTS_DIR"
_REPO_PREFIX = "jackin-"


def projects_default(env: Mapping[str, str] | None = None) -> Path:
    """Where `role create` puts repositories: `$JACKIN_PROJECTS_DIR` (`jackin_sdk.settings`),
    else `~/Projects`; `~` is the `HOME` of `env`."""
    from jackin_sdk.settings import JackinSettings  # noqa: PLC0415 - only where it is read

    values = os.environ if env is None else env
    home = Path(values["HOME"]) if values.get("HOME") else Path.home()
    configured = JackinSettings.read(env).projects_dir
    if not configured:
        return home / "Projects"
    if configured == "~" or configured.startswith("~/"):
        return home / configured[2:]
    return Path(configured)


def _repo_name(selector: RoleSelector) -> str:
    return selector.name if selector.name.startswith(_REPO_PREFIX) else _REPO_PREFIX + selector.name


def _bare_name(selector: RoleSelector) -> str:
    """The name without a `jackin-` prefix: what `jackin load <ns>/<name>` takes."""
    return selector.name.removeprefix(_REPO_PREFIX) or selector.name


def _title(selector: RoleSelector) -> str:
    """`agent-smith` → `Agent Smith`; a `jackin-` prefix is not part of the display name."""
    return " ".join(part[:1].upper() + part[1:] for part in _bare_name(selector).split("-") if part)


def _manifest(selector: RoleSelector) -> str:
    return (
        f"{schema_hint(MANIFEST_SCHEMA)}\n"
        f'version = "{MANIFEST_VERSION}"\n'
        'dockerfile = "Dockerfile"\n'
        "\n"
        "[identity]\n"
        f"name = {json.dumps(_title(selector))}\n"
        "\n"
        "[claude]\n"
        "# Each entry is `plugin@marketplace`; `claude-plugins-official` is built in, any\n"
        "# other marketplace is declared in a [[claude.marketplaces]] table.\n"
        "plugins = []\n"
    )


def _dockerfile() -> str:
    return (
        "# The final stage must build on a pinned construct image: jackin role validate\n"
        "# refuses the floating `trixie` and `latest` tags. Renovate keeps the pin current.\n"
        f"FROM {CONSTRUCT_REPOSITORY}:{SCAFFOLD_CONSTRUCT_TAG}\n"
        "\n"
        "# The image runs as `agent` (home /home/agent) and has mise. For example:\n"
        "#\n"
        "# USER root\n"
        "# RUN apt-get update \\\n"
        "#     && apt-get install -y --no-install-recommends ripgrep \\\n"
        "#     && rm -rf /var/lib/apt/lists/*\n"
        "# USER agent\n"
        "# RUN mise use --global node@lts\n"
    )


def _readme(selector: RoleSelector) -> str:
    repo = _repo_name(selector)
    owner = selector.namespace or "<owner>"
    return f"""# {_title(selector)}

A [jackin](https://github.com/jackin-project/jackin) role: the image and Claude Code
plugins an agent gets when an operator loads it.

- `{MANIFEST_FILE}`: the role manifest (identity, agents, plugins, env, hooks).
- `Dockerfile`: builds on `{CONSTRUCT_REPOSITORY}`; the final stage must use a pinned
  `<version>-trixie` tag.

## Validate

With jackin installed:

```sh
jackin role validate .
```

Without it (this is what CI runs, see `.github/workflows/validate.yml`):

```sh
pip install jackin-role
jackin-role validate .
```

Add `--offline` to skip fetching the Claude plugin marketplaces.

## Load

Push this repository to GitHub as `{owner}/{repo}`, then:

```sh
jackin load {owner}/{_bare_name(selector)}
```

jackin asks you to trust the role the first time it loads it.
"""


_GITIGNORE = """\
# Editors and operating systems
.DS_Store
.idea/
.vscode/
*.swp
*~
"""

_DOCKERIGNORE = """\
.git
.github
README.md
"""


def _renovate() -> str:
    config = {
        "$schema": "https://docs.renovatebot.com/renovate-schema.json",
        "extends": ["config:recommended"],
        "customManagers": [
            {
                "customType": "regex",
                "description": f"Keep the {CONSTRUCT_REPOSITORY} base image pinned and current",
                "managerFilePatterns": ["/(^|/)Dockerfile$/"],
                "matchStrings": [
                    rf"FROM {CONSTRUCT_REPOSITORY}:(?<currentValue>\d+\.\d+-trixie)"
                    r"(?:@(?<currentDigest>sha256:[a-f0-9]+))?"
                ],
                "datasourceTemplate": "docker",
                "depNameTemplate": CONSTRUCT_REPOSITORY,
                "versioningTemplate": r"regex:^(?<major>\d+)\.(?<minor>\d+)-trixie$",
            }
        ],
        "packageRules": [
            {
                "description": "The regex manager above owns the construct image",
                "matchManagers": ["dockerfile"],
                "matchPackageNames": [CONSTRUCT_REPOSITORY],
                "enabled": False,
            }
        ],
    }
    return json.dumps(config, indent=2) + "\n"


_WORKFLOW = """\
name: validate

on:
  push:
    branches: [main]
  pull_request:
  workflow_dispatch:

permissions:
  contents: read

jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Install jackin-role
        run: python -m pip install jackin-role
      - name: Validate the role
        run: jackin-role validate --format github .
"""


def _files(selector: RoleSelector) -> dict[str, str]:
    return {
        MANIFEST_FILE: _manifest(selector),
        "Dockerfile": _dockerfile(),
        "README.md": _readme(selector),
        ".gitignore": _GITIGNORE,
        ".dockerignore": _DOCKERIGNORE,
        "renovate.json": _renovate(),
        ".github/workflows/validate.yml": _WORKFLOW,
    }


def scaffold_role(selector: RoleSelector, projects_dir: Path) -> Path:
    """Create `<projects_dir>/[<ns>/]jackin-<name>` with a minimal valid role; return it.

    The directory must not exist. On a write failure the new directory is removed again.
    """
    parent = projects_dir.expanduser()
    if selector.namespace is not None:
        parent = parent / selector.namespace
    target = (parent / _repo_name(selector)).absolute()
    if target.exists() or target.is_symlink():
        raise JackinError(f"{target} already exists")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        target.mkdir()
    except FileExistsError:
        raise JackinError(f"{target} already exists") from None
    except OSError as exc:
        raise JackinError(f"cannot create {target}: {exc.strerror or exc}") from None
    try:
        for relative, content in _files(selector).items():
            path = target / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8", newline="\n")
    except OSError as exc:
        shutil.rmtree(target, ignore_errors=True)
        raise JackinError(f"cannot write the role scaffold in {target}: {exc}") from None
    return target
