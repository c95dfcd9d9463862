"""compose: the whole frame, the outer cursor, and an end-to-end encode/decode."""

from __future__ import annotations

from jackin_capsule.layout import Direction, PaneTree, Rect, ScreenLayout
from jackin_capsule.render import (
    ChromeState,
    DialogView,
    FrameEncoder,
    PaneRowCache,
    PaneView,
    TabChip,
    compose,
)
from tests.capsule.render.support import ScreenSource, Terminal

CHROME = ChromeState(
    tabs=[TabChip("claude", "idle", active=True)],
    hints=[("Ctrl-Q", "quit")],
    instance_id="jk-1",
)


def _two_panes(layout: ScreenLayout) -> tuple[PaneTree, dict[int, ScreenSource]]:
    tree = PaneTree.single(1)
    tree.split(1, 2, Direction.RIGHT)
    sources: dict[int, ScreenSource] = {}
    for session, box in tree.layout(layout.content).items():
        interior = PaneTree.interior(box)
        sources[session] = ScreenSource(interior.rows, interior.cols)
    return tree, sources


def _views(
    tree: PaneTree, layout: ScreenLayout, sources: dict[int, ScreenSource]
) -> list[PaneView]:
    return [
        PaneView(box, sources[session], f"pane {session}", session == tree.focused)
        for session, box in tree.layout(layout.content).items()
    ]


def test_cursor_is_translated_by_the_focused_interior() -> None:
    layout = ScreenLayout.for_size(24, 80)
    tree, sources = _two_panes(layout)
    assert tree.focused == 2
    sources[2].feed("abc")
    canvas, cursor = compose(layout, CHROME, _views(tree, layout, sources), cursor=(0, 3))
    box = tree.layout(layout.content)[2]
    assert cursor == (box.top + 1, box.left + 1 + 3)
    assert canvas.cell(box.top + 1, box.left + 1)[0] == "a"


def test_cursor_hidden_when_invisible_outside_or_dialog_open() -> None:
    layout = ScreenLayout.for_size(24, 80)
    tree, sources = _two_panes(layout)
    views = _views(tree, layout, sources)
    assert compose(layout, CHROME, views, cursor=(0, 0), cursor_visible=False)[1] is None
    assert compose(layout, CHROME, views, cursor=None)[1] is None
    assert compose(layout, CHROME, views, cursor=(99, 0))[1] is None
    dialog = DialogView("confirm", "Exit?", message=["sure?"])
    canvas, cursor = compose(layout, CHROME, views, dialog=dialog, cursor=(0, 0))
    assert cursor is None
    assert "Exit?" in "".join(canvas.lines())
    assert "pane 1" not in "".join(canvas.lines())


def test_pane_boxes_never_paint_over_the_chrome() -> None:
    layout = ScreenLayout.for_size(10, 30)
    source = ScreenSource(20, 28)
    source.feed("x" * 28 * 20)
    view = PaneView(Rect(0, 0, 30, 30), source, "big", True)
    canvas, _ = compose(layout, CHROME, [view])
    assert canvas.row_text(0).startswith(" jackin❯ ")
    assert canvas.row_text(layout.context_row).startswith(" ")
    assert canvas.cell(2, 0)[0] == "┌"


def test_tiny_terminal_composes() -> None:
    layout = ScreenLayout.for_size(5, 3)
    canvas, cursor = compose(layout, CHROME, [], cursor=(0, 0))
    assert (canvas.rows, canvas.cols) == (5, 3)
    assert cursor is None


def test_frames_decode_to_the_composed_screen() -> None:
    layout = ScreenLayout.for_size(24, 80)
    tree, sources = _two_panes(layout)
    caches = {session: PaneRowCache() for session in sources}
    encoder = FrameEncoder()
    terminal = Terminal(24, 80)
    outputs = [
        "\x1b[1;32muser@box\x1b[0m:~$ ls\r\nfile 世界 \x1b[38;2;255;94;122mred\x1b[0m\r\n",
        "\x1b[44m blue bg \x1b[0m and \x1b[7mreverse\x1b[0m\r\n" * 3,
        "".join(f"line {n}\r\n" for n in range(40)),  # scrolls
        "\x1b[H\x1b[2J\x1b[5;5Hcleared",
    ]
    for step, text in enumerate(outputs):
        target = 1 + step % 2
        dirty = {
            session: source.feed(text if session == target else "")
            for session, source in sources.items()
        }
        views = [
            PaneView(
                box,
                sources[session],
                f"pane {session}",
                session == tree.focused,
                dirty=dirty[session],
                cache=caches[session],
            )
            for session, box in tree.layout(layout.content).items()
        ]
        screen = sources[2].screen
        canvas, cursor = compose(layout, CHROME, views, cursor=(screen.cursor.y, screen.cursor.x))
        terminal.feed(encoder.encode(canvas, cursor, full=step == 0))
        assert terminal.mismatches(canvas) == []
        assert cursor is not None
        assert terminal.cursor == cursor
    box = tree.layout(layout.content)[2]
    assert "cleared" in terminal.screen.display[box.top + 5]
