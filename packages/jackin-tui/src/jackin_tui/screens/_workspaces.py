"""The workspace manager, the console's first screen (B3, B4, B10; D2.2–D2.4).

Left, the sidebar: Current directory, the saved workspaces, other directories with
instances, `+ New workspace`; a workspace with instances expands (`→`) into cyan
instance rows. Right, the detail pane: the workspace's blocks (General, Mounts, Global
mounts, Roles), or for an instance its session pane (the live tab/pane tree from the
capsule, `Tab` to choose a pane and `Enter` to attach to it).

Everything shown comes from `jackin_sdk.overview` on a worker thread: one refresh at a
time, every 500 ms while the capsule's socket answers, every 2.5 s once the `docker
exec` fallback is in use. A background error shows one error popup (the same message is
not shown again until a refresh succeeds). Keys that leave the console exit with an
`Outcome`; stop and purge run in place behind a status popup.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.screen import ModalScreen

from jackin_sdk.console import InstanceAction, InstanceVerb, Prewarm
from jackin_sdk.overview import (
    EntryKind,
    InstanceCommand,
    allowed_commands,
    first_eligible,
    no_eligible_message,
)
from jackin_tui._keymap import Key, KeyMap
from jackin_tui._services import services
from jackin_tui._theme import TEXT_MUTED
from jackin_tui.dialogs import ConfirmDialog, DebugRow, ErrorPopup, ReportDialog, StatusPopup
from jackin_tui.screens._base import StageScreen
from jackin_tui.screens._refresh import Refreshed, read_refresh
from jackin_tui.widgets._details import DetailPane, block_text, session_text
from jackin_tui.widgets._sidebar import Sidebar, SidebarRow

if TYPE_CHECKING:
    from jackin_sdk.config import OperatorConfig
    from jackin_sdk.overview import (
        DetailBlock,
        InstanceEntry,
        Overview,
        SessionTree,
    )

__all__ = ["REFRESH_EXEC", "REFRESH_SOCKET", "WorkspacesScreen"]

REFRESH_SOCKET = 0.5
"""Seconds between refreshes while the capsule's socket answers (B3)."""
REFRESH_EXEC = 2.5
"""Seconds between refreshes once the `docker exec` fallback is in use (B3)."""
PURGE_QUESTION = "Purge instance?"
PURGE_EXPLANATION = "This removes the container and its state."
DISCARD_QUESTION = "Discard isolated work?"


class WorkspacesScreen(StageScreen):
    """The List stage: the sidebar of workspaces and instances, and their details."""

    DEFAULT_CSS = """
    WorkspacesScreen #columns {
        width: 1fr;
        height: 1fr;
    }
    """

    LABEL: ClassVar[str] = "workspaces"
    KEYMAP: ClassVar[KeyMap] = KeyMap(
        Key("up,k", "cursor_up", "", "↑↓", help="previous row (or pane)"),
        Key("down,j", "cursor_down", "", "", help="next row (or pane)"),
        Key("enter", "launch", "launch", "↵", help="launch a role here"),
        Key("enter", "setup", "setup", "↵", help="set up a new workspace"),
        Key("enter", "reconnect", "reconnect", "↵", help="reconnect to the instance"),
        Key("enter", "restart", "restart", "↵", help="restart the instance and reconnect"),
        Key("enter", "attach_pane", "attach", "↵", help="attach to the chosen pane"),
        Key("e,E", "edit", "edit", "E", group=1),
        Key("w,W", "prewarm", "prewarm", "W", group=1, help="prewarm the workspace's image"),
        Key("n,N", "new_workspace", "new", "N", group=1, help="new workspace"),
        Key("n,N", "new_session", "new session", "N", group=1),
        Key("a,A", "agent_session", "agent", "A", group=1, help="new agent session"),
        Key("x,X", "shell", "shell", "X", group=1),
        Key("r,R", "recover", "reconnect", "R", group=1),
        Key("t,T", "stop", "stop", "T", group=1),
        Key("p,P", "purge", "purge", "P", group=1),
        Key("i,I", "inspect", "info", "I", group=1),
        Key("d,D", "delete", "delete", "D", group=1, help="delete the workspace"),
        Key("s,S", "settings", "settings", "S", group=1),
        Key("right", "expand", "expand", "→", group=1, help="show the instances"),
        Key("left", "collapse", "collapse", "←", group=1, help="hide the instances"),
        Key("tab", "focus_sessions", "sessions", "Tab", group=1, help="choose a pane"),
        Key(
            "escape,left,shift+tab",
            "leave_sessions",
            "back",
            "Esc",
            group=1,
            help="back to the list",
        ),
        # On a workspace-type row the instance keys act on its first eligible instance;
        # off the bar like B4's workspace-row footer (two lines at 80 columns), in the help.
        Key("a,A", "first_agent", "", "", help="new agent session in the first running instance"),
        Key("x,X", "first_shell", "", "", help="shell in the first running instance"),
        Key("r,R", "first_recover", "", "", help="reconnect the first recoverable instance"),
        Key("t,T", "first_stop", "", "", help="stop the first running instance"),
        Key("p,P", "first_purge", "", "", help="purge the first purgeable instance"),
        Key("i,I", "first_inspect", "", "", help="inspect the first instance"),
        # `q`/`Esc` quit at once (B4); off the bar like the spec's footers, in the help.
        Key("q,Q,escape", "quit", "quit", ""),
    )
    BINDINGS: ClassVar[list[BindingType]] = KEYMAP.bindings()

    def __init__(self) -> None:
        super().__init__()
        self.overview: Overview | None = None
        self.config: OperatorConfig | None = None
        self.details: dict[str, tuple[DetailBlock, ...]] = {}
        self.trees: dict[str, SessionTree] = {}
        self.preview = False
        self.pane_cursor = 0
        self.use_socket = True
        self.refreshes = 0
        """Refreshes applied so far (tests wait on it)."""
        self._selected: tuple[str, str | None] | None = None
        self._refreshing = False
        self._pending = False
        self._reload_config = True
        self._started = 0.0
        self._shown_error: str | None = None

    # ------------------------------------------------------------------ layout

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="columns"):
            yield Sidebar()
            yield DetailPane()

    @property
    def sidebar(self) -> Sidebar:
        return self.query_one(Sidebar)

    def on_mount(self) -> None:
        self.sidebar.focus()
        self.sidebar.add_class("-active")
        self._timer = self.set_interval(REFRESH_SOCKET, self._tick)
        self.request_refresh()

    def on_screen_suspend(self) -> None:
        if not isinstance(self.app.screen, ModalScreen):
            self._timer.pause()  # another stage is on top: nothing of this one is drawn

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self._reload_config = True  # the editor or Settings may have saved
        if hasattr(self, "_timer"):
            self._timer.resume()
        self.request_refresh()

    # ------------------------------------------------------------------ selection

    @property
    def rows(self) -> list[SidebarRow]:
        return self.sidebar.rows if self.is_mounted else []

    @property
    def current(self) -> SidebarRow | None:
        rows, cursor = self.rows, self.sidebar.cursor if self.is_mounted else 0
        return rows[cursor] if 0 <= cursor < len(rows) else None

    def _build_rows(self) -> list[SidebarRow]:
        rows: list[SidebarRow] = []
        for entry in self.overview.entries if self.overview else ():
            rows.append(SidebarRow(entry))
            if entry.key in self.sidebar.expanded:
                rows.extend(SidebarRow(entry, instance) for instance in entry.instances)
        return rows

    def _relayout(self) -> None:
        """Rebuild the rows after a refresh or an expansion, keeping the selection."""
        rows = self._build_rows()
        cursor = 0
        if self._selected is not None:
            key, container = self._selected
            for n, row in enumerate(rows):
                same_entry = row.entry.key == key
                if same_entry and container is None and row.instance is None:
                    cursor = n
                    break
                if same_entry and row.instance is not None and row.instance.container == container:
                    cursor = n
                    break
            else:
                parent = next((n for n, r in enumerate(rows) if r.entry.key == key), 0)
                cursor = parent
        self.sidebar.set_rows(rows, cursor)
        self._selection_changed(refresh=False)

    def on_sidebar_clicked(self, message: Sidebar.Clicked) -> None:
        self.select_index(message.index)

    def select_index(self, index: int) -> None:
        """Move the cursor to sidebar row `index`."""
        if not self.rows:
            return
        self.sidebar.cursor = max(0, min(index, len(self.rows) - 1))
        self.sidebar.refresh()
        self._selection_changed(refresh=True)

    def _selection_changed(self, *, refresh: bool) -> None:
        row = self.current
        previous = self._selected
        self._selected = None if row is None else (
            row.entry.key, row.instance.container if row.instance else None
        )  # fmt: skip
        if previous != self._selected:
            self.pane_cursor = 0
            if self.preview:
                self._set_preview(False)
        instance = row.instance if row is not None else None
        if refresh and instance is not None and instance.container not in self.trees:
            self.request_refresh()
        self._show_details()
        if self.is_current:  # under a modal the footer shows the modal's keys
            self.refresh_hints()

    def debug_rows(self) -> list[DebugRow]:
        """Debug info (B9) for a selected instance row: its container (copyable), role,
        agent, and the workspace it runs in (the saved name, else its folder)."""
        row = self.current
        if row is None or row.instance is None:
            return []
        instance, entry = row.instance, row.entry
        target = entry.name if entry.is_saved and entry.name else entry.directory or entry.label
        return [
            DebugRow("Container ID", instance.container, copyable=True),
            DebugRow("Role", instance.role_key),
            DebugRow("Agent", instance.agent),
            DebugRow("Target", str(target)),
        ]

    def _show_details(self) -> None:
        row = self.current
        pane = self.query_one(DetailPane)
        if row is None:
            pane.show("empty", [("Workspaces", Text("Reading workspaces…", style=TEXT_MUTED))])
            return
        if row.instance is None:
            blocks = self.details.get(row.entry.key, ())
            pane.show(row.entry.key, [(b.title, block_text(b)) for b in blocks])
            return
        instance = row.instance
        tree = self.trees.get(instance.container)
        body = session_text(instance, tree, self.pane_cursor if self.preview else None)
        pane.show(
            ("instance", instance.container),
            [(f"Instance: {instance.instance_id}", body)],
            active=self.preview,
        )

    def _tree(self) -> SessionTree | None:
        row = self.current
        if row is None or row.instance is None:
            return None
        return self.trees.get(row.instance.container)

    def _set_preview(self, on: bool) -> None:
        self.preview = on
        self.sidebar.set_class(not on, "-active")
        self.sidebar.refresh()
        self._show_details()
        self.refresh_hints()

    # ------------------------------------------------------------------ refresh

    @property
    def busy(self) -> bool:
        """Whether a background refresh is in flight."""
        return self._refreshing

    def _tick(self) -> None:
        interval = REFRESH_SOCKET if self.use_socket else REFRESH_EXEC
        if time.monotonic() - self._started >= interval - 0.05:
            self.request_refresh()

    def request_refresh(self, *, reload_config: bool = False) -> None:
        """Start a background refresh now, or right after the one in flight."""
        self._reload_config = self._reload_config or reload_config
        if self._refreshing:
            self._pending = True
            return
        self._refreshing, self._pending = True, False
        self._started = time.monotonic()
        row = self.current
        instance = row.instance if row is not None else None
        want_config, self._reload_config = self._reload_config or self.config is None, False
        work = self._refresh_work(want_config, instance, self.use_socket)
        self.run_worker(work, thread=True, group="refresh", exit_on_error=False)

    def _refresh_work(
        self, want_config: bool, instance: InstanceEntry | None, use_socket: bool
    ) -> Callable[[], None]:
        svc, config = services(self), self.config

        def work() -> None:
            found = read_refresh(svc, config, want_config, instance, use_socket=use_socket)
            self.app.call_from_thread(self._apply, found)

        return work

    def _apply(self, found: Refreshed) -> None:
        from jackin_sdk.overview import TreeSource  # noqa: PLC0415

        self._refreshing = False
        self.refreshes += 1
        if found.config is not None:
            self.config = found.config
        if found.overview is not None:
            self.overview = found.overview
            self.details = found.details
            live = {i.container for e in found.overview.entries for i in e.instances}
            self.trees = {c: t for c, t in self.trees.items() if c in live}
        if found.container is not None and found.tree is not None:
            self.trees[found.container] = found.tree
            if found.tree.source is TreeSource.EXEC:
                self.use_socket = False
            panes = len(found.tree.panes)
            self.pane_cursor = min(self.pane_cursor, max(0, panes - 1))
            if self.preview and not panes:
                self.preview = False
                self.sidebar.add_class("-active")
        self._relayout()
        self._report(found.errors)
        if self._pending:
            self.request_refresh()

    def _report(self, errors: list[str]) -> None:
        """One error popup per distinct background error, until a refresh succeeds."""
        if not errors:
            self._shown_error = None
            return
        message = "\n".join(dict.fromkeys(errors))
        if message == self._shown_error or self.app.screen is not self:
            return
        self._shown_error = message
        self.app.push_screen(ErrorPopup(message))

    # ------------------------------------------------------------------ gating

    def _target(self, command: InstanceCommand) -> InstanceEntry | None:
        """The instance a key acts on: the selected one, or the workspace's first eligible."""
        row = self.current
        if row is None:
            return None
        if row.instance is not None:
            return row.instance if command in allowed_commands(row.instance.status) else None
        return first_eligible(row.entry, command)

    def _eligible(self, command: InstanceCommand) -> InstanceEntry | None:
        """The instance `command` acts on; when there is none the error popup says so."""
        row, target = self.current, self._target(command)
        if target is None and row is not None:
            self.app.push_screen(ErrorPopup(no_eligible_message(row.entry, command)))
        return target

    def is_live(self, action: str) -> bool:  # noqa: PLR0911 - one table of rules
        row = self.current
        if self.preview:
            panes = len(t.panes) if (t := self._tree()) is not None else 0
            return action in {"cursor_up", "cursor_down", "leave_sessions"} or (
                action == "attach_pane" and panes > 0
            )
        if action in {"cursor_up", "cursor_down", "quit"}:
            return True
        if row is None:
            return False
        entry, instance = row.entry, row.instance
        if instance is None:
            has_instances = bool(entry.instances)
            expanded = entry.key in self.sidebar.expanded
            return {
                "launch": entry.launchable,
                "setup": entry.kind is EntryKind.NEW,
                "edit": entry.is_saved,
                "prewarm": entry.is_saved,
                "new_workspace": True,
                "first_agent": has_instances,
                "first_shell": has_instances,
                "first_recover": has_instances,
                "first_stop": has_instances,
                "first_purge": has_instances,
                "first_inspect": has_instances,
                "delete": entry.is_saved,
                "settings": True,
                "expand": has_instances and not expanded,
                "collapse": has_instances and expanded,
            }.get(action, False)
        allowed = allowed_commands(instance.status)
        command = {
            "reconnect": InstanceCommand.RECONNECT,
            "restart": InstanceCommand.RECONNECT,
            "recover": InstanceCommand.RECONNECT,
            "new_session": InstanceCommand.NEW_SESSION,
            "agent_session": InstanceCommand.NEW_SESSION,
            "shell": InstanceCommand.SHELL,
            "stop": InstanceCommand.STOP,
            "purge": InstanceCommand.PURGE,
            "inspect": InstanceCommand.INSPECT,
        }.get(action)
        if command is not None:
            if action == "reconnect":
                return command in allowed and instance.live
            if action == "restart":
                return command in allowed and not instance.live
            return command in allowed
        if action == "collapse":
            return True
        if action == "focus_sessions":
            tree = self.trees.get(instance.container)
            return tree is not None and bool(tree.panes)
        return False

    # ------------------------------------------------------------------ navigation

    def action_cursor_up(self) -> None:
        if self.preview:
            self.pane_cursor = max(0, self.pane_cursor - 1)
            self._show_details()
            return
        self.select_index(self.sidebar.cursor - 1)

    def action_cursor_down(self) -> None:
        if self.preview:
            tree = self._tree()
            last = len(tree.panes) - 1 if tree is not None else 0
            self.pane_cursor = min(max(0, last), self.pane_cursor + 1)
            self._show_details()
            return
        self.select_index(self.sidebar.cursor + 1)

    def action_expand(self) -> None:
        row = self.current
        if row is not None:
            self.sidebar.expanded.add(row.entry.key)
            self._relayout()

    def action_collapse(self) -> None:
        row = self.current
        if row is None:
            return
        self.sidebar.expanded.discard(row.entry.key)
        self._selected = (row.entry.key, None)
        self._relayout()

    def action_focus_sessions(self) -> None:
        self._set_preview(True)

    def action_leave_sessions(self) -> None:
        self._set_preview(False)

    # ------------------------------------------------------------------ leaving the console

    def _exit_with(
        self, command: InstanceCommand, verb: InstanceVerb, focus: str | None = None
    ) -> None:
        target = self._eligible(command)
        if target is not None:
            self.app.exit(InstanceAction(target.container, verb, focus=focus))

    def action_reconnect(self) -> None:
        self._exit_with(InstanceCommand.RECONNECT, InstanceVerb.RECONNECT)

    def action_restart(self) -> None:
        self._exit_with(InstanceCommand.RECONNECT, InstanceVerb.RECONNECT)

    def action_recover(self) -> None:
        self._exit_with(InstanceCommand.RECONNECT, InstanceVerb.RECONNECT)

    def action_attach_pane(self) -> None:
        tree = self._tree()
        if tree is None or not tree.panes:
            return
        pane = tree.panes[min(self.pane_cursor, len(tree.panes) - 1)]
        self._exit_with(InstanceCommand.RECONNECT, InstanceVerb.RECONNECT, str(pane.session_id))

    def action_agent_session(self) -> None:
        self._exit_with(InstanceCommand.NEW_SESSION, InstanceVerb.NEW_SESSION)

    def action_shell(self) -> None:
        self._exit_with(InstanceCommand.SHELL, InstanceVerb.SHELL)

    def action_prewarm(self) -> None:
        row = self.current
        if row is not None and row.entry.name is not None and row.entry.is_saved:
            self.app.exit(Prewarm(row.entry.name))

    def action_launch(self) -> None:
        row = self.current
        if row is None or not row.entry.launchable:
            return
        from jackin_tui.screens._launch import start_launch  # noqa: PLC0415

        start_launch(self, row.entry.name if row.entry.is_saved else None)

    def action_new_session(self) -> None:
        row = self.current
        if row is None or row.instance is None:
            return
        from jackin_tui.screens._launch import start_new_session  # noqa: PLC0415

        start_new_session(
            self,
            container=row.instance.container,
            workspace=row.entry.name if row.entry.is_saved else None,
            role=row.instance.role_key,
        )

    # ------------------------------------------------------------------ other stages

    def _push_stage(self, module: str, make: Callable[[Any], Any]) -> None:
        """Push a stage from a module another helper owns, or say it is not available."""
        import importlib  # noqa: PLC0415

        try:
            loaded = importlib.import_module(module)
        except ImportError:
            self.app.push_screen(ErrorPopup(f"not available yet ({module})"))
            return
        self.app.push_screen(make(loaded))

    def action_setup(self) -> None:
        self._push_stage("jackin_tui.screens._editor", lambda m: m.EditorScreen(None))

    def action_new_workspace(self) -> None:
        """A new workspace: filled in from the row's folder on Current directory (and on
        another directory with instances), else from an empty form."""
        row = self.current
        folder = row.entry.directory if row is not None else None
        if folder is None:
            self.action_setup()
            return
        directory = Path(folder)
        editor = "jackin_tui.screens._editor"
        self._push_stage(editor, lambda m: m.EditorScreen(None, directory=directory))

    def action_edit(self) -> None:
        row = self.current
        if row is not None and row.entry.is_saved:
            name = row.entry.name
            self._push_stage("jackin_tui.screens._editor", lambda m: m.EditorScreen(name))

    def action_settings(self) -> None:
        self._push_stage("jackin_tui.screens._settings", lambda m: m.SettingsScreen())

    # ------------------------------------------------------------------ in place

    def _close(self, popup: StatusPopup) -> None:
        """Take `popup` down once it is on top (a modal opened over it goes first)."""
        if self.app.screen is popup:
            popup.dismiss()
        elif popup in self.app.screen_stack:
            self.set_timer(0.1, lambda: self._close(popup))

    def _in_place(
        self,
        message: str,
        work: Callable[[], list[str] | None],
        *,
        config: bool,
        refused: Callable[[Exception], bool] | None = None,
    ) -> None:
        """Run `work` on a thread behind a status popup; its lines (if any) or its error
        are shown after (unless `refused` takes the error over); the list refreshes."""
        popup = StatusPopup(message)
        self.app.push_screen(popup)

        def run() -> None:
            try:
                lines, error = work(), None
            except Exception as exc:
                lines, error = None, exc
            self.app.call_from_thread(done, lines, error)

        def done(lines: list[str] | None, error: Exception | None) -> None:
            self._close(popup)
            if error is not None:
                if refused is None or not refused(error):
                    self.app.push_screen(ErrorPopup(str(error)))
            elif lines:
                self.app.push_screen(ReportDialog("\n".join(lines), "Warnings"))
            self.request_refresh(reload_config=config)

        self.run_worker(run, thread=True, group="in-place", exit_on_error=False)

    def action_stop(self) -> None:
        target = self._eligible(InstanceCommand.STOP)
        if target is None:
            return
        svc = services(self)

        def stop() -> None:
            from jackin_sdk.instances import InstanceStore  # noqa: PLC0415
            from jackin_sdk.lifecycle import eject  # noqa: PLC0415

            eject(svc.docker(), InstanceStore(svc.paths), target.container)

        self._in_place(f"Stopping {target.instance_id}…", stop, config=False)

    def action_purge(self) -> None:
        target = self._eligible(InstanceCommand.PURGE)
        if target is None:
            return
        svc = services(self)

        def purge(discard: bool) -> Callable[[], list[str]]:
            def run() -> list[str]:
                from jackin_sdk.instances import InstanceStore  # noqa: PLC0415
                from jackin_sdk.overview import purge_instance  # noqa: PLC0415

                store = InstanceStore(svc.paths)
                return purge_instance(
                    svc.docker(), store, target.container, discard_isolated=discard
                )

            return run

        def at_risk(error: Exception) -> bool:
            """Isolated work refused the purge: ask before discarding it (default No)."""
            from jackin_sdk.overview import purge_at_risk  # noqa: PLC0415

            risk = purge_at_risk(error)
            if risk is None:
                return False

            def discard(yes: bool | None) -> None:
                if yes:
                    self._in_place(f"Purging {target.instance_id}…", purge(True), config=False)

            question = ConfirmDialog(DISCARD_QUESTION, risk)
            self.app.push_screen(question, discard)
            return True

        def answered(yes: bool | None) -> None:
            if yes:
                message = f"Purging {target.instance_id}…"
                self._in_place(message, purge(False), config=False, refused=at_risk)

        self.app.push_screen(ConfirmDialog(PURGE_QUESTION, PURGE_EXPLANATION), answered)

    def action_inspect(self) -> None:
        target = self._eligible(InstanceCommand.INSPECT)
        if target is None:
            return
        svc = services(self)

        def report() -> list[str]:
            from jackin_sdk.instances import InstanceStore  # noqa: PLC0415
            from jackin_sdk.overview import inspect_report  # noqa: PLC0415

            try:
                docker = svc.docker()
            except Exception:
                docker = None
            return inspect_report(docker, InstanceStore(svc.paths), target.container)

        popup = StatusPopup(f"Inspecting {target.instance_id}…")
        self.app.push_screen(popup)

        def run() -> None:
            try:
                text, error = "\n".join(report()), None
            except Exception as exc:
                text, error = "", str(exc)
            self.app.call_from_thread(done, text, error)

        def done(text: str, error: str | None) -> None:
            self._close(popup)
            self.app.push_screen(
                ErrorPopup(error) if error else ReportDialog(text, f"Inspect {target.instance_id}")
            )

        self.run_worker(run, thread=True, group="in-place", exit_on_error=False)

    # A workspace row's instance keys: the same actions, on its first eligible instance.
    action_first_agent = action_agent_session
    action_first_shell = action_shell
    action_first_recover = action_recover
    action_first_stop = action_stop
    action_first_purge = action_purge
    action_first_inspect = action_inspect

    def action_delete(self) -> None:
        row = self.current
        if row is None or not row.entry.is_saved or row.entry.name is None:
            return
        name = row.entry.name
        svc = services(self)

        def delete() -> None:
            from jackin_sdk.overview import delete_workspace  # noqa: PLC0415

            delete_workspace(svc.paths, name)

        def answered(yes: bool | None) -> None:
            if yes:
                self._in_place(f'Deleting workspace "{row.entry.label}"…', delete, config=True)

        question = f'Delete workspace "{row.entry.label}"?'
        explanation = "Its saved definition goes; files on the host are untouched."
        self.app.push_screen(ConfirmDialog(question, explanation), answered)
