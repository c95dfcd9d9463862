"""What the workspace editor and Settings share (B7, B8): rows, the tab strip, the panel,
and the Environments and Auth panels with their flows, so equivalent panels behave the
same in both.

A stage built on `DraftStage` holds one SDK draft (`WorkspaceDraft` or `SettingsDraft`).
Each tab is a list of `Row`s; a row says which of the row keys do something on it, so
the hint bar lists exactly those. Every edit goes through the draft; a refused edit
shows the SDK's message in red under the row of the field it concerns, and changes
nothing. `S` saves through the draft (the CLI's save path); `Esc` with unsaved changes
asks Save / Discard / Cancel.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.widgets import Static

from jackin_sdk.config import DraftError, sensitive_declined
from jackin_sdk.errors import JackinError
from jackin_tui._keymap import Key, KeyMap
from jackin_tui._services import services
from jackin_tui._theme import TEXT_MUTED
from jackin_tui.dialogs import (
    ChoiceDialog,
    ConfirmDialog,
    ErrorPopup,
    ListPicker,
    StatusPopup,
    TextInputDialog,
)
from jackin_tui.screens._base import StageScreen
from jackin_tui.widgets._panel import RowPanel, TabStrip

if TYPE_CHECKING:
    from jackin_sdk.config import OperatorConfig, SettingsDraft, WorkspaceDraft

    Draft = WorkspaceDraft | SettingsDraft

__all__ = [
    "ROW_ACTIONS",
    "DraftStage",
    "Row",
    "add_row",
    "auth_rows",
    "env_rows",
]

#: Row keys: the actions a row may enable.
ROW_ACTIONS = frozenset(
    {"activate", "toggle_row", "delete", "readonly", "isolation", "default_role", "mask"}
)
SAVE_CHOICES = ("Save", "Discard", "Cancel")
INHERIT = "inherit"


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a panel: what it shows, the data it stands for and the keys it takes."""

    kind: str
    """`name`, `workdir`, `toggle`, `mount`, `role`, `env`, `auth`, `trust`, `add`, …"""
    ident: str
    """The data key: a mount destination, a role key, an env key, an agent."""
    text: str
    field: str
    """The `DraftError.field` whose message shows under this row."""
    actions: frozenset[str] = frozenset()
    accent: bool = False
    """An `+ Add …` row (the action accent colour)."""
    scope: str | None = None
    """The role of a per-role env row or section (None: the layer's own)."""
    header: bool = False
    """A section header (the disclosure colour)."""


def add_row(text: str, ident: str, field: str) -> Row:
    """A `+ Add …` row: `↵` runs the tab's add flow."""
    return Row("add", ident, f"+ {text}", field, frozenset({"activate"}), accent=True)


def env_rows(draft: Draft) -> list[Row]:
    """The Environments panel: the layer's variables, then a section per role (header,
    variables, `+ Add variable for <role>`), then `+ Add role section`."""
    rows: list[Row] = []
    for role in (None, *draft.env_sections()):
        if role is not None:
            rows.append(Row("section", role, f"▾ Role {role}", f"env[{role}]", scope=role,
                            header=True))  # fmt: skip
        indent = "" if role is None else "  "
        rows += [
            Row(
                "env",
                row.key,
                f"{indent}{row.key} = {row.shown}",
                draft.env_field(row.key, role),
                frozenset({"activate", "delete", "mask"}),
                scope=role,
            )
            for row in draft.env_rows(role)
        ]
        label = "Add environment variable" if role is None else f"Add variable for {role}"
        add = add_row(label, "env", draft.env_field("", role))
        rows.append(Row(add.kind, add.ident, indent + add.text, add.field, add.actions,
                        accent=True, scope=role))  # fmt: skip
    return [*rows, add_row("Add role section", "env-role", "env-roles")]


def auth_rows(draft: Draft) -> list[Row]:
    """The Auth panel: one row per agent and the GitHub CLI."""
    rows = []
    for row in draft.auth_rows():
        actions = {"activate"} | ({"delete"} if row.mode is not None else set())
        text = f"{row.label:<12} {row.shown}"
        rows.append(Row("auth", row.target, text, f"auth.{row.target}", frozenset(actions)))
    return rows


_NAV = KeyMap(
    Key("left", "tab_prev", "", "←→", help="previous tab"),
    Key("right", "tab_next", "", "", help="next tab"),
    Key("shift+tab", "tab_prev", "", "", help="previous tab"),
    Key("tab,down,j", "enter_content", "rows", "Tab", help="into the tab's rows"),
    Key("up,k", "row_up", "", "↑↓", help="previous row"),
    Key("down,j", "row_down", "", "", help="next row"),
    Key("tab", "next_tab", "next tab", "Tab"),
    Key("shift+tab", "to_strip", "tabs", "⇧Tab", help="back to the tabs"),
)


_STRIP_ACTIONS = frozenset({"tab_prev", "tab_next", "enter_content"})
_CONTENT_ACTIONS = frozenset({"row_up", "row_down", "next_tab", "to_strip"})


def row_keys(*extra: Key) -> KeyMap:
    """The navigation keys, the row keys of a stage (`extra`), then save and back."""
    return _NAV + KeyMap(*extra)


class DraftStage(StageScreen):
    """A tabbed stage editing one draft (the editor and Settings)."""

    DEFAULT_CSS = f"""
    DraftStage #body {{
        padding: 0 2;
    }}
    DraftStage #changes {{
        width: 1fr;
        height: 1;
        margin-top: 1;
        color: {TEXT_MUTED};
        text-align: right;
    }}
    DraftStage #loading {{
        color: {TEXT_MUTED};
    }}
    """

    TABS: ClassVar[tuple[str, ...]] = ()
    ALWAYS_LIVE: ClassVar[frozenset[str]] = frozenset({"back"})

    def __init__(self) -> None:
        super().__init__()
        self.draft: Draft | None = None
        self.tab = 0
        self.cursor = 0
        self.in_content = False
        self.error: DraftError | None = None
        self.rows: list[Row] = []

    # ── to implement ─────────────────────────────────────────────────────────────────────
    def load_draft(self, config: OperatorConfig) -> Draft:
        """Make the draft from the config (runs in a worker thread)."""
        raise NotImplementedError

    def rows_for(self, tab: str) -> list[Row]:
        """The rows of `tab`."""
        raise NotImplementedError

    def tab_actions(self, tab: str) -> frozenset[str]:
        """Keys live anywhere on `tab` (`add`)."""
        return frozenset()

    async def activate(self, row: Row) -> None:
        """`↵` on a row this stage owns (env and auth rows are handled here)."""

    async def add(self, tab: str) -> None:
        """`A` on a tab this stage owns (Environments is handled here)."""

    def toggle(self, row: Row) -> None:
        """`Space` on a toggle row."""

    def delete(self, row: Row) -> None:
        """`D` on a row this stage owns."""

    # ── frame ────────────────────────────────────────────────────────────────────────────
    def compose_body(self) -> ComposeResult:
        yield TabStrip(self.TABS)
        yield Static("Loading…", id="loading")
        yield RowPanel()
        yield Static("", id="changes")

    def on_mount(self) -> None:
        self.query_one(RowPanel).display = False
        self.query_one(TabStrip).show(self.tab, focused=True)
        self.run_worker(self._load, thread=True, group="load", exit_on_error=False)

    def _load(self) -> None:
        try:
            draft = self.load_draft(services(self).config())
        except JackinError as error:
            self.app.call_from_thread(self._load_failed, error)
            return
        self.app.call_from_thread(self._loaded, draft)

    def _loaded(self, draft: Draft) -> None:
        self.draft = draft
        self.query_one("#loading").display = False
        self.query_one(RowPanel).display = True
        self.redraw()

    def _load_failed(self, error: JackinError) -> None:
        self.app.push_screen(ErrorPopup(str(error)), lambda _: self.action_back_now())

    @property
    def tab_name(self) -> str:
        """The active tab's name."""
        return self.TABS[self.tab]

    @property
    def row(self) -> Row | None:
        """The cursor row (while the content has focus)."""
        if not self.in_content or not self.rows:
            return None
        return self.rows[min(self.cursor, len(self.rows) - 1)]

    def redraw(self) -> None:
        """Rebuild the active tab's rows and redraw everything that shows state."""
        if self.draft is None:
            return
        self.rows = self.rows_for(self.tab_name)
        self.cursor = max(0, min(self.cursor, len(self.rows) - 1))
        self.query_one(TabStrip).show(self.tab, focused=not self.in_content)
        panel = self.query_one(RowPanel)
        panel.set_class(self.in_content, "-focused")
        panel.show(self.rows, self.cursor, focused=self.in_content, error=self._error_place())
        count = self.draft.changes
        text = f"{count} unsaved change{'s' if count != 1 else ''}" if count else ""
        self.query_one("#changes", Static).update(text)
        self.refresh_hints()

    def _error_place(self) -> tuple[int, str] | None:
        if self.error is None:
            return None
        fields = [row.field for row in self.rows]
        wanted = self.error.field
        here = self.row
        if here is not None and here.field == wanted:
            return self.cursor, str(self.error)
        for candidate in (wanted, wanted.split(".")[0]):
            if candidate in fields:
                return fields.index(candidate), str(self.error)
        return -1, str(self.error)

    def show_error(self, error: DraftError) -> None:
        """Show a refused edit under its row, on the tab that holds its field."""
        self.error = error
        if self.draft is not None:
            for index, tab in enumerate(self.TABS):
                fields = {row.field for row in self.rows_for(tab)}
                if error.field in fields or error.field.split(".")[0] in fields:
                    if index != self.tab:
                        self.tab, self.cursor = index, 0
                    break
        self.redraw()

    def edit(self, change: Callable[[], object]) -> bool:
        """Run one draft edit; a refusal is shown inline. True when it was applied."""
        try:
            change()
        except DraftError as error:
            self.show_error(error)
            return False
        self.error = None
        self.redraw()
        return True

    # ── keys ─────────────────────────────────────────────────────────────────────────────
    def is_live(self, action: str) -> bool:
        if action in self.ALWAYS_LIVE:
            return True
        if self.draft is None:
            return False
        if action in _STRIP_ACTIONS or action in _CONTENT_ACTIONS:
            return self.in_content == (action in _CONTENT_ACTIONS)
        if action == "save":
            return self.draft.changes > 0
        row = self.row
        in_row = row is not None and action in row.actions
        return in_row or action in self.tab_actions(self.tab_name)

    def _move_tab(self, step: int) -> None:
        self.tab = (self.tab + step) % len(self.TABS)
        self.cursor = 0
        self.redraw()

    def action_tab_prev(self) -> None:
        self._move_tab(-1)

    def action_tab_next(self) -> None:
        self._move_tab(1)

    def action_next_tab(self) -> None:
        self._move_tab(1)

    def action_enter_content(self) -> None:
        self.in_content = True
        self.cursor = 0
        self.redraw()

    def action_to_strip(self) -> None:
        self.in_content = False
        self.redraw()

    def action_row_up(self) -> None:
        self.cursor = max(0, self.cursor - 1)
        self.redraw()

    def action_row_down(self) -> None:
        self.cursor = min(len(self.rows) - 1, self.cursor + 1)
        self.redraw()

    def action_activate(self) -> None:
        self._activate_flow()

    @work(exclusive=True, group="flow")
    async def _activate_flow(self) -> None:
        row = self.row
        if row is None:
            return
        if row.kind == "env":
            await self._edit_env(row.ident, row.scope)
        elif row.kind == "auth":
            await self._choose_auth(row.ident)
        elif row.kind == "add" and row.ident == "env":
            await self._add_env(row.scope)
        elif row.kind == "add" and row.ident == "env-role":
            await self._add_env_section()
        else:
            await self.activate(row)

    def action_add(self) -> None:
        self._add_flow()

    @work(exclusive=True, group="flow")
    async def _add_flow(self) -> None:
        if self.tab_name == "Environments":
            row = self.row
            await self._add_env(row.scope if row is not None else None)
        else:
            await self.add(self.tab_name)

    def action_toggle_row(self) -> None:
        row = self.row
        if row is not None:
            self.toggle(row)

    def action_delete(self) -> None:
        row = self.row
        if row is None or self.draft is None:
            return
        draft = self.draft
        if row.kind == "env":
            self.edit(lambda: draft.unset_env(row.ident, row.scope))
        elif row.kind == "auth":
            self.edit(lambda: draft.set_auth(row.ident, None))
        else:
            self.delete(row)

    def edit_row(self, change: Callable[[str], object]) -> None:
        """Apply one draft edit to the cursor row's data key (nothing off a row)."""
        row = self.row
        if row is not None:
            ident = row.ident
            self.edit(lambda: change(ident))

    def action_readonly(self) -> None:
        draft = self.draft
        if draft is not None:
            self.edit_row(draft.toggle_readonly)

    def action_mask(self) -> None:
        row = self.row
        if row is not None and self.draft is not None:
            draft = self.draft
            self.edit(lambda: draft.toggle_mask(row.ident, row.scope))

    def action_save(self) -> None:
        self._save_flow()

    @work(exclusive=True, group="flow")
    async def _save_flow(self) -> None:
        await self.save()

    def action_back(self) -> None:
        self._back_flow()

    @work(exclusive=True, group="flow")
    async def _back_flow(self) -> None:
        if self.draft is None or self.draft.changes == 0:
            self.action_back_now()
            return
        count = self.draft.changes
        choice = await self.app.push_screen_wait(
            ChoiceDialog(
                "Unsaved changes",
                SAVE_CHOICES,
                question=f"Save {count} change{'s' if count != 1 else ''}?",
            )
        )
        if choice == 0:
            if await self.save():
                self.action_back_now()
        elif choice == 1:
            self.draft.discard()
            self.action_back_now()

    def action_back_now(self) -> None:
        """Leave the stage (back to the one below, or quit when it is the first)."""
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)
        else:
            self.app.exit(None)

    # ── saving ───────────────────────────────────────────────────────────────────────────
    async def save(self) -> bool:
        """Confirm new sensitive mounts, then save through the draft. True when saved."""
        draft = self.draft
        if draft is None:
            return False
        hits = draft.sensitive()
        if hits:
            listed = "\n".join(f"{hit.mount.src} — {hit.reason}" for hit in hits)
            confirmed = await self.app.push_screen_wait(
                ConfirmDialog("Mount these sensitive host paths?", listed)
            )
            if not confirmed:
                self.show_error(sensitive_declined())
                return False
        popup = StatusPopup("Saving…")
        await self.app.push_screen(popup)
        try:
            await asyncio.to_thread(draft.save, confirmed_sensitive=bool(hits))
        except DraftError as error:
            await popup.dismiss()
            self.show_error(error)
            return False
        except JackinError as error:
            await popup.dismiss()
            await self.app.push_screen_wait(ErrorPopup(str(error)))
            return False
        await popup.dismiss()
        self.error = None
        self.saved()
        self.redraw()
        return True

    def saved(self) -> None:
        """After a save (the editor's label may change)."""

    # ── shared flows: Environments and Auth ──────────────────────────────────────────────
    async def ask(self, label: str, default: str = "", *, password: bool = False) -> str | None:
        """One line of text, or None on Esc."""
        result: Any = await self.app.push_screen_wait(
            TextInputDialog(label, default, password=password)
        )
        return result if isinstance(result, str) else None

    async def _add_env(self, role: str | None) -> None:
        if self.draft is None:
            return
        label = "Variable name" if role is None else f"Variable name (role {role})"
        key = await self.ask(label)
        if key is None:
            return
        key = key.strip()
        draft = self.draft
        # Check the key (the CLI's rules) before asking for its value.
        if not self.edit(lambda: draft.check_env_key(key, role)):
            return
        value = await self.ask(f"Value of {key}", password=True)
        if value is not None:
            self.edit(lambda: draft.set_env(key, value, secret=True, role=role))

    async def _add_env_section(self) -> None:
        draft = self.draft
        if draft is None:
            return
        selector = await self.ask("Role (name or namespace/name)")
        if selector is not None:
            self.edit(lambda: draft.add_env_section(selector))

    async def _edit_env(self, key: str, role: str | None) -> None:
        draft = self.draft
        if draft is None:
            return
        current = draft.env_value(key, role)
        rows = draft.env_rows(role)
        masked = next((row.masked for row in rows if row.key == key), True)
        default = current if isinstance(current, str) else ""
        value = await self.ask(f"Value of {key}", default, password=masked)
        if value is not None:
            self.edit(lambda: draft.set_env(key, value, secret=masked, role=role))

    async def _choose_auth(self, target: str) -> None:
        draft = self.draft
        if draft is None:
            return
        row = next(r for r in draft.auth_rows() if r.target == target)
        items = [(mode, mode) for mode in row.modes]
        items.append((INHERIT, f"{INHERIT} ({row.inherited})"))
        chosen = await self.app.push_screen_wait(
            ListPicker(f"Auth · {row.label}", items, selected=row.mode or INHERIT)
        )
        if isinstance(chosen, str):
            self.edit(lambda: draft.set_auth(target, None if chosen == INHERIT else chosen))
