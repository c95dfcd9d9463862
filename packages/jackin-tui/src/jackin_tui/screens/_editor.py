"""The workspace editor (B7, D2.7): `edit workspace · <name>` or `new workspace`.

Tabs General · Mounts · Roles · Environments · Auth over a `WorkspaceDraft`; every rule
and message is the SDK's (the same as `jackin workspace create/edit`), the save is the
CLI's save path. Deferred (plain text input instead): the file browser for mount sources,
the GitHub picker, 1Password pickers, per-role auth overrides (per-role env sections are
here: `+ Add role section` on Environments).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.binding import BindingType

from jackin_sdk.config import DraftError, OperatorConfig, WorkspaceDraft
from jackin_tui._keymap import Key, KeyMap
from jackin_tui._services import services
from jackin_tui.dialogs import ConfirmDialog, ListPicker
from jackin_tui.screens._rows import DraftStage, Row, add_row, auth_rows, env_rows, row_keys

__all__ = ["EditorScreen"]

OTHER_PATH = "\0other"

EDITOR_KEYMAP = row_keys(
    Key("enter", "activate", "edit", "↵", group=1, help="edit the row"),
    Key("space", "toggle_row", "toggle", "Space", group=1, help="switch the row on or off"),
    Key("a", "add", "add", "A", group=1, help="add a row to the tab"),
    Key("d", "delete", "remove", "D", group=1, help="remove the row"),
    Key("r", "readonly", "ro/rw", "R", group=1, help="mount read-only or read-write"),
    Key("i", "isolation", "isolation", "I", group=1, help="next isolation of the mount"),
    Key("asterisk", "default_role", "default", "*", group=1, help="make the role the default"),
    Key("m", "mask", "mask", "M", group=1, help="mask or show the value"),
) + KeyMap(
    Key("s,S", "save", "save", "S", group=2, help="save the workspace"),
    Key("escape", "back", "back", "Esc", group=2, help="back (asks to save changes)"),
)


def _on_off(value: bool, on: str = "enabled") -> str:
    return on if value else "disabled"


class EditorScreen(DraftStage):
    """Create (`name` None) or edit a saved workspace."""

    TABS: ClassVar[tuple[str, ...]] = ("General", "Mounts", "Roles", "Environments", "Auth")
    KEYMAP: ClassVar[KeyMap] = EDITOR_KEYMAP
    BINDINGS: ClassVar[list[BindingType]] = EDITOR_KEYMAP.bindings()

    def __init__(self, name: str | None, *, directory: Path | None = None) -> None:
        """`name` None creates a workspace: empty, or for `directory` (the Current
        directory row) mounted at its own path and named after it."""
        super().__init__()
        self.workspace_name = name
        self.directory = directory

    @property
    def label(self) -> str:
        name = self.workspace_name
        return f"edit workspace · {name}" if name is not None else "new workspace"

    @property
    def workspace(self) -> WorkspaceDraft:
        """The draft (once loaded)."""
        assert isinstance(self.draft, WorkspaceDraft)
        return self.draft

    def load_draft(self, config: OperatorConfig) -> WorkspaceDraft:
        found = services(self)
        home, cwd = found.home, found.cwd
        if self.workspace_name is None:
            return WorkspaceDraft.create(config, home=home, cwd=cwd, directory=self.directory)
        return WorkspaceDraft.edit(config, self.workspace_name, home=home, cwd=cwd)

    def saved(self) -> None:
        self.workspace_name = self.workspace.name
        self.refresh_label()

    def tab_actions(self, tab: str) -> frozenset[str]:
        return frozenset({"add"}) if tab in {"Mounts", "Roles", "Environments"} else frozenset()

    # ── rows ─────────────────────────────────────────────────────────────────────────────
    def rows_for(self, tab: str) -> list[Row]:
        draft = self.workspace
        if tab == "General":
            return self._general(draft)
        if tab == "Mounts":
            rows = [
                Row(
                    "mount",
                    m.dst,
                    f"{m.dst}  {m.mode}  {m.isolation.value}  ← {m.src}",
                    "mounts",
                    frozenset({"delete", "readonly", "isolation"}),
                )
                for m in draft.mount_rows()
            ]
            return [*rows, add_row("Add mount", "mount", "mounts")]
        if tab == "Roles":
            return self._roles(draft)
        if tab == "Environments":
            return env_rows(draft)
        return auth_rows(draft)

    @staticmethod
    def _general(draft: WorkspaceDraft) -> list[Row]:
        enter, space = frozenset({"activate"}), frozenset({"toggle_row"})
        return [
            Row("name", "name", f"Name         {draft.name or '(not set)'}", "name", enter),
            Row("workdir", "workdir", f"Working dir  {draft.workdir or '(not set)'}",
                "workdir", enter),
            Row("toggle", "keep_awake",
                f"Keep awake   {_on_off(draft.keep_awake, 'enabled (macOS only)')}",
                "keep_awake", space),
            Row("toggle", "git_pull", f"Git pull     {_on_off(draft.git_pull)}",
                "git_pull", space),
        ]  # fmt: skip

    @staticmethod
    def _roles(draft: WorkspaceDraft) -> list[Row]:
        rows = []
        for key in draft.role_choices():
            allowed = key in draft.allowed_roles
            mark = "[x]" if allowed else "[ ]"
            default = "  (default)" if key == draft.default_role else ""
            actions = {"toggle_row"} | ({"default_role"} if allowed else set())
            rows.append(Row("role", key, f"{mark} {key}{default}", "roles", frozenset(actions)))
        return [*rows, add_row("Add role", "role", "roles")]

    # ── keys ─────────────────────────────────────────────────────────────────────────────
    async def activate(self, row: Row) -> None:
        draft = self.workspace
        if row.kind == "name":
            name = await self.ask("Workspace name", draft.name)
            if name is not None:
                self.edit(lambda: draft.set_name(name))
        elif row.kind == "workdir":
            await self._pick_workdir()
        elif row.kind == "add":
            await self.add(self.tab_name)

    async def _pick_workdir(self) -> None:
        draft = self.workspace
        items = [(path, path) for path in draft.workdir_choices()]
        items.append((OTHER_PATH, "Other path…"))
        chosen = await self.app.push_screen_wait(
            ListPicker("Working directory", items, selected=draft.workdir or None)
        )
        if chosen == OTHER_PATH:
            chosen = await self.ask("Working directory (a container path)", draft.workdir)
        if isinstance(chosen, str):
            path = chosen
            self.edit(lambda: draft.set_workdir(path))

    async def add(self, tab: str) -> None:
        draft = self.workspace
        if tab == "Mounts":
            spec = await self.ask("Mount (src[:dst][:ro])")
            if spec is not None:
                await self._add_mount(spec)
        elif tab == "Roles":
            selector = await self.ask("Role (name or namespace/name)")
            if selector is not None:
                self.edit(lambda: draft.add_role(selector))

    async def _add_mount(self, spec: str) -> None:
        """Add a mount; like `jackin workspace edit`, ask before it subsumes others."""
        draft = self.workspace
        try:
            collapsed = draft.mount_collapses(spec)
        except DraftError as error:
            self.show_error(error)
            return
        if collapsed:
            listed = "\n".join(f"• {src}" for src in collapsed)
            count = len(collapsed)
            question = f"Adding this mount will subsume {count} existing mount(s). Proceed?"
            explanation = f"{listed}\nThese will be removed from the workspace."
            if not await self.app.push_screen_wait(ConfirmDialog(question, explanation)):
                return
        self.edit(lambda: draft.add_mount(spec))

    def toggle(self, row: Row) -> None:
        draft = self.workspace
        if row.ident == "keep_awake":
            self.edit(draft.toggle_keep_awake)
        elif row.ident == "git_pull":
            self.edit(draft.toggle_git_pull)
        elif row.kind == "role":
            self.edit(lambda: draft.toggle_role(row.ident))

    def delete(self, row: Row) -> None:
        if row.kind == "mount":
            draft = self.workspace
            self.edit(lambda: draft.remove_mount(row.ident))

    def action_isolation(self) -> None:
        self.edit_row(self.workspace.cycle_isolation)

    def action_default_role(self) -> None:
        self.edit_row(self.workspace.toggle_default_role)
