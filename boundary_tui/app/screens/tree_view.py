"""The whole tree at a glance, for supervision: every question, answer and outcome.

The outline (what each line says, which lines the current walk passed
through) comes from the core's render.tree_outline; this screen only turns it
into a collapsible Textual Tree. The path taken is marked with a ● and bold
text, never by colour alone, and is opened out; with no answers given yet the
whole tree is opened.

An answer and what it leads to share one line ("No -> Q2. Is it small?"):
as two lines each, every question sat two levels deeper than the one before,
and at 80 columns deep questions ran off the edge.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from boundary_tui.app.widgets.key_bar import KeyBar
from boundary_tui.app.widgets.title_bar import TitleBar
from boundary_tui.render import EXPECTED_MARK, OutlineNode, tree_outline
from boundary_tui.walk import Walk

PATH_MARK = "● "  # not ▶: Textual's Tree draws ▶ for a closed branch
POLICY_MARK = "◆ "


class TreeViewScreen(Screen[None]):
    CSS_PATH = "tree_view.tcss"
    AUTO_FOCUS = "#outline"
    BINDINGS = [
        Binding("escape,b,t", "close_tree", "Close", id="close_tree", tooltip="Back to where you were."),
        Binding("e", "expand_all", "Open all", id="expand_all", tooltip="Open every branch."),
    ]

    def __init__(self, walk: Walk, expected: str | None = None) -> None:
        """`expected`: in practice, the outcome the policy expects, labelled in the outline."""
        super().__init__()
        self.walk = walk
        self.expected = expected
        self.outline = tree_outline(walk.tree, walk, expected)
        self._parting: TreeNode | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar(self.app.title, f"{self.walk.tree.title} - the whole tree")
        if self.expected:
            note = f"{PATH_MARK}your answers   {POLICY_MARK}the policy's way"
        elif self.walk.steps:
            note = f"{PATH_MARK}the answers given so far"
        else:
            note = "Enter opens or closes a branch"
        note += "   (the picked line in full at the bottom)"
        yield Static(note, id="tree-note", markup=False)
        outline: Tree[None] = Tree(self._label(self.outline), id="outline")
        outline.guide_depth = 2
        outline.root.expand()
        for child in self.outline.children:
            self._add(outline.root, child)
        yield outline
        # Long lines run past the edge of a small screen: the highlighted one is always shown whole here.
        yield Static("", id="tree-line", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        outline = self.query_one(Tree)
        if not self.walk.steps:
            outline.root.expand_all()
        elif self.expected and self._parting is not None:
            # Open at the question where the walk left the policy's way, not at the top.
            self.call_after_refresh(outline.move_cursor, self._parting)

    @staticmethod
    def _label(node: OutlineNode) -> Text:
        if node.on_path:
            return Text(PATH_MARK + node.label, style="bold")
        if node.leads_to_expected and not node.label.startswith(EXPECTED_MARK):
            return Text(POLICY_MARK + node.label)  # the policy's way, where it leaves yours
        return Text("  " + node.label)

    @staticmethod
    def _joined(node: OutlineNode) -> OutlineNode:
        """'Yes ->' and the one line under it as one line, one level up."""
        if not node.label.endswith("->") or len(node.children) != 1:
            return node
        (child,) = node.children
        # The policy's answer keeps its words, after the answer; the ◆ goes at the front of the line.
        return OutlineNode(
            f"{node.label} {child.label.removeprefix(POLICY_MARK)}",
            node.on_path and child.on_path,
            child.children,
            node.leads_to_expected or child.leads_to_expected,
        )

    def _add(self, parent: TreeNode, node: OutlineNode) -> None:
        node = self._joined(node)
        if not node.children:
            parent.add_leaf(self._label(node))
            return
        branch = parent.add(self._label(node), expand=node.open)
        if node.on_path and node.leads_to_expected:
            self._parting = branch  # read top down, the last such line is where the two ways part
        for child in node.children:
            self._add(branch, child)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        self.query_one("#tree-line", Static).update(
            str(event.node.label).removeprefix(PATH_MARK).removeprefix(POLICY_MARK).strip()
        )

    def action_close_tree(self) -> None:
        self.dismiss()

    def action_expand_all(self) -> None:
        self.query_one(Tree).root.expand_all()
