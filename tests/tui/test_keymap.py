"""KeyMap: one table gives the bindings, the hint bar and the help (B2, B10)."""

from __future__ import annotations

from textual.binding import Binding

from jackin_tui._keymap import GLOBAL_KEYMAP, Key, KeyMap

WORKSPACE_ROW = KeyMap(
    Key("up,k", "cursor_up", "", "↑↓"),
    Key("down,j", "cursor_down", "", ""),
    Key("enter", "launch", "launch", "↵"),
    Key("e", "edit", "edit", "E", group=1),
    Key("w", "prewarm", "prewarm", "W", group=1),
    Key("n", "new", "new", "N", group=1),
    Key("d", "delete", "delete", "D", group=1),
    Key("o", "open_github", "open in GitHub", "O", group=1),
    Key("q,escape", "quit", "quit", "Q", group=2, priority=True),
)


def test_hints_list_the_live_keys_grouped_with_the_spec_separators() -> None:
    assert WORKSPACE_ROW.hints(lambda action: action != "open_github") == (
        "↑↓ · ↵ launch   E edit · W prewarm · N new · D delete   Q quit"
    )


def test_a_dead_key_is_not_in_the_hints_and_an_emptied_group_leaves_no_gap() -> None:
    live = {"cursor_up", "quit"}
    assert WORKSPACE_ROW.hints(live.__contains__) == "↑↓   Q quit"
    assert WORKSPACE_ROW.hints(lambda _action: False) == ""


def test_groups_are_ordered_by_number_whatever_the_table_order() -> None:
    keymap = KeyMap(Key("s", "settings", "settings", "S", group=2), Key("enter", "go", "go", "↵"))
    assert keymap.hints(lambda _a: True) == "↵ go   S settings"


def test_a_key_without_a_glyph_has_no_hint_but_is_bound() -> None:
    hints = WORKSPACE_ROW.hints(lambda _a: True)
    assert "cursor_down" not in hints
    assert hints.startswith("↑↓ · ")
    assert any(
        b.action == "cursor_down" for b in WORKSPACE_ROW.bindings() if isinstance(b, Binding)
    )


def test_bindings_carry_every_key_with_its_action_label_glyph_and_priority() -> None:
    bindings = WORKSPACE_ROW.bindings()
    assert len(bindings) == len(WORKSPACE_ROW)
    for key, binding in zip(WORKSPACE_ROW, bindings, strict=True):
        assert isinstance(binding, Binding)
        assert (binding.key, binding.action, binding.description) == (
            key.keys,
            key.action,
            key.label,
        )
        assert binding.priority is key.priority
        assert binding.key_display == (key.shown or None)
        assert binding.show is False  # the hint bar, not Textual's footer, shows keys
    assert {k for b in bindings if isinstance(b, Binding) for k in b.key.split(",")} == {
        "up", "k", "down", "j", "enter", "e", "w", "n", "d", "o", "q", "escape",
    }  # fmt: skip


def test_live_keeps_the_live_keys_in_table_order() -> None:
    live = WORKSPACE_ROW.live(lambda action: action in {"quit", "edit", "launch"})
    assert [k.action for k in live] == ["launch", "edit", "quit"]


def test_every_stage_footer_ends_with_ctrl_q_quit_and_help_and_ctrl_c_is_bound_unshown() -> None:
    assert GLOBAL_KEYMAP.hints(lambda _a: True) == "Ctrl-Q quit · ? help"
    keys = {b.key: b for b in GLOBAL_KEYMAP.bindings() if isinstance(b, Binding)}
    assert keys["ctrl+c"].action == "hard_quit"
    assert keys["ctrl+c"].priority
    assert keys["ctrl+q"].action == "request_quit"
    assert keys["ctrl+q"].priority
    assert keys["question_mark"].action == "help"


def test_keymaps_add_in_order() -> None:
    combined = KeyMap(Key("a", "one", "one", "A")) + KeyMap(Key("b", "two", "two", "B"))
    assert [k.action for k in combined] == ["one", "two"]
    assert combined.actions == frozenset({"one", "two"})


def _shipped_keymaps() -> list[tuple[str, KeyMap]]:
    """Every KeyMap the console defines: module constants and screen/modal tables."""
    import importlib  # noqa: PLC0415
    import pkgutil  # noqa: PLC0415

    import jackin_tui  # noqa: PLC0415

    found: dict[int, tuple[str, KeyMap]] = {}
    for info in pkgutil.walk_packages(jackin_tui.__path__, "jackin_tui."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            candidates = [(name, value)]
            if isinstance(value, type):
                candidates = [(f"{name}.KEYMAP", vars(value).get("KEYMAP"))]
            for where, keymap in candidates:
                if isinstance(keymap, KeyMap):
                    found[id(keymap)] = (f"{info.name}.{where}", keymap)
    return list(found.values())


def test_help_describes_a_key_by_its_help_then_its_label_then_what_its_keys_mean() -> None:
    assert Key("up", "cursor_up", "", "↑↓", help="move up").description == "move up"
    assert Key("e", "edit", "edit", "E").description == "edit"
    assert Key("down,j", "cursor_down", "", "").description == "move down"


def test_every_key_of_every_console_keymap_has_a_human_description() -> None:
    """No key in `?` help is named by its action (`cursor up`): each has words for people."""
    keymaps = _shipped_keymaps()
    assert len(keymaps) >= 8, keymaps  # the dialogs' and the stages' tables were found
    unnamed = [
        f"{where}: {key.keys}"
        for where, keymap in keymaps
        for key in keymap
        if key.description == key.action.replace("_", " ") and not (key.label or key.help)
    ]
    assert unnamed == []


def test_every_unlabelled_key_has_help_of_its_own() -> None:
    """An arrow or tab key without a label says what it does here (`previous tab`, `next
    row`), not the generic `move left` the help would otherwise fall back to."""
    bare = [
        f"{where}: {key.keys}"
        for where, keymap in _shipped_keymaps()
        for key in keymap
        if not key.label and not key.help
    ]
    assert bare == []
