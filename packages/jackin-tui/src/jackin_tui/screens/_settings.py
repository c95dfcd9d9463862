"""Settings (B8, D2.7): config.toml's General toggles, global Mounts, Environments, Auth
and role Trust over a `SettingsDraft`, saved through the CLI's save path.

The Environments and Auth panels are the editor's (`_rows`). A global mount is added
(`A`), removed (`D`), made read-only (`R`), renamed (`N`) or given a new source (`1`),
destination (`2`) or scope (`3`). Environments has a section per configured role
(`[roles.<key>.env]`). Deferred: `O` open in GitHub, the 1Password picker, `h/l`
horizontal scroll.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import work
from textual.binding import BindingType

from jackin_sdk.config import GitFlag, GlobalMountRow, OperatorConfig, SettingsDraft
from jackin_tui._keymap import Key, KeyMap
from jackin_tui._services import services
from jackin_tui.dialogs import ChoiceDialog
from jackin_tui.screens._rows import DraftStage, Row, add_row, auth_rows, env_rows, row_keys

__all__ = ["SettingsScreen"]

SCOPES = ("All roles", "Specific role")

SETTINGS_KEYMAP = row_keys(
    Key("enter", "activate", "edit", "↵", group=1, help="edit the row"),
    Key("space", "toggle_row", "toggle", "Space", group=1, help="switch the row on or off"),
    Key("a", "add", "add", "A", group=1, help="add a row to the tab"),
    Key("d", "delete", "remove", "D", group=1, help="remove the row"),
    Key("r", "readonly", "ro/rw", "R", group=1, help="mount read-only or read-write"),
    Key("n", "rename_mount", "name", "N", group=1, help="rename the mount"),
    Key("1", "edit_source", "src", "1", group=1, help="edit the mount's source"),
    Key("2", "edit_destination", "dst", "2", group=1, help="edit the mount's destination"),
    Key("3", "edit_scope", "scope", "3", group=1, help="edit the mount's scope"),
    Key("m", "mask", "mask", "M", group=1, help="mask or show the value"),
) + KeyMap(
    Key("s,S", "save", "save", "S", group=2, help="save the settings"),
    Key("escape,q", "back", "back", "Esc", group=2, help="back (asks to save changes)"),
)

_MOUNT_KEYS = frozenset(
    {
        "delete",
        "readonly",
        "rename_mount",
        "edit_source",
        "edit_destination",
        "edit_scope",
    }
)

_FLAGS = (
    (GitFlag.COAUTHOR_TRAILER, "Co-author trailer"),
    (GitFlag.DCO, "DCO sign-off"),
)


class SettingsScreen(DraftStage):
    """The global settings stage."""

    LABEL: ClassVar[str] = "settings"
    TABS: ClassVar[tuple[str, ...]] = ("General", "Mounts", "Environments", "Auth", "Trust")
    KEYMAP: ClassVar[KeyMap] = SETTINGS_KEYMAP
    BINDINGS: ClassVar[list[BindingType]] = SETTINGS_KEYMAP.bindings()

    @property
    def settings(self) -> SettingsDraft:
        """The draft (once loaded)."""
        assert isinstance(self.draft, SettingsDraft)
        return self.draft

    def load_draft(self, config: OperatorConfig) -> SettingsDraft:
        found = services(self)
        return SettingsDraft(config, home=found.home, cwd=found.cwd)

    def tab_actions(self, tab: str) -> frozenset[str]:
        return frozenset({"add"}) if tab in {"Mounts", "Environments"} else frozenset()

    # ── rows ─────────────────────────────────────────────────────────────────────────────
    def rows_for(self, tab: str) -> list[Row]:
        draft = self.settings
        if tab == "General":
            return [
                Row(
                    "toggle",
                    flag.value,
                    f"{label:<18} {'enabled' if draft.git_flag(flag) else 'disabled'}",
                    f"git.{flag.value}",
                    frozenset({"toggle_row"}),
                )
                for flag, label in _FLAGS
            ]
        if tab == "Mounts":
            rows = [
                Row(
                    "mount",
                    m.key,
                    f"{m.name}  [{m.scope_label}]  {m.dst}  {m.mode}  ← {m.src}",
                    "mounts",
                    _MOUNT_KEYS,
                )
                for m in draft.mount_rows()
            ]
            return [*rows, add_row("Add mount", "mount", "mounts")]
        if tab == "Environments":
            return env_rows(draft)
        if tab == "Auth":
            return auth_rows(draft)
        return [
            Row(
                "trust",
                row.key,
                f"{row.key:<28} {'trusted' if row.trusted else 'untrusted'}"
                + ("  (built-in)" if row.builtin else "")
                + f"  {row.git}",
                f"trust.{row.key}",
                frozenset({"toggle_row"}),
            )
            for row in draft.trust_rows()
        ]

    # ── keys ─────────────────────────────────────────────────────────────────────────────
    async def activate(self, row: Row) -> None:
        if row.kind == "add":
            await self.add(self.tab_name)

    async def add(self, tab: str) -> None:
        if tab != "Mounts":
            return
        draft = self.settings
        name = await self.ask("Mount name")
        if name is None:
            return
        spec = await self.ask("Mount (src[:dst][:ro])")
        if spec is None:
            return
        scope = await self._ask_scope(None)
        if scope is not None:
            chosen = scope or None
            self.edit(lambda: draft.add_mount_spec(name, spec, scope=chosen))

    async def _ask_scope(self, current: str | None) -> str | None:
        """All roles (`""`) or a role scope; None when cancelled."""
        choice = await self.app.push_screen_wait(
            ChoiceDialog("Scope", SCOPES, default=0 if current is None else 1)
        )
        if choice is None:
            return None
        if choice == 0:
            return ""
        return await self.ask("Role scope (namespace/* or a role key)", current or "")

    def _edit_mount(self, change: Callable[[SettingsDraft], str]) -> None:
        """Apply one mount edit; the cursor follows the row to its new key."""
        draft = self.settings
        moved: list[str] = []
        if self.edit(lambda: moved.append(change(draft))):
            idents = [row.ident for row in self.rows]
            if moved and moved[0] in idents:
                self.cursor = idents.index(moved[0])
                self.redraw()

    def _cursor_mount(self) -> GlobalMountRow | None:
        """The global mount under the cursor (None off a mount row)."""
        row = self.row
        if row is None:
            return None
        return next(m for m in self.settings.mount_rows() if m.key == row.ident)

    @work(exclusive=True, group="flow")
    async def action_rename_mount(self) -> None:
        if (mount := self._cursor_mount()) is not None:
            key, name = mount.key, await self.ask("Mount name", mount.name)
            if name is not None:
                self._edit_mount(lambda d: d.edit_mount(key, name=name))

    @work(exclusive=True, group="flow")
    async def action_edit_source(self) -> None:
        if (mount := self._cursor_mount()) is not None:
            key, src = mount.key, await self.ask("Host path", mount.src)
            if src is not None:
                self._edit_mount(lambda d: d.edit_mount(key, src=src))

    @work(exclusive=True, group="flow")
    async def action_edit_destination(self) -> None:
        if (mount := self._cursor_mount()) is not None:
            key, dst = mount.key, await self.ask("Container path", mount.dst)
            if dst is not None:
                self._edit_mount(lambda d: d.edit_mount(key, dst=dst))

    @work(exclusive=True, group="flow")
    async def action_edit_scope(self) -> None:
        if (mount := self._cursor_mount()) is not None:
            key, scope = mount.key, await self._ask_scope(mount.scope)
            if scope == "":
                self._edit_mount(lambda d: d.edit_mount(key, unscoped=True))
            elif scope is not None:
                chosen = scope
                self._edit_mount(lambda d: d.edit_mount(key, scope=chosen))

    def toggle(self, row: Row) -> None:
        draft = self.settings
        if row.kind == "trust":
            self.edit(lambda: draft.toggle_trust(row.ident))
        elif row.kind == "toggle":
            self.edit(lambda: draft.toggle_git_flag(GitFlag(row.ident)))

    def delete(self, row: Row) -> None:
        if row.kind == "mount":
            draft = self.settings
            self.edit(lambda: draft.remove_mount(row.ident))
