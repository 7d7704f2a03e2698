"""Small reusable widgets. Each takes plain values from the core and shows them; none decides anything."""

from boundary_tui.app.widgets.answer_trail import AnswerTrail
from boundary_tui.app.widgets.item_list import ItemList
from boundary_tui.app.widgets.key_bar import KeyBar
from boundary_tui.app.widgets.section import Section
from boundary_tui.app.widgets.title_bar import TitleBar
from boundary_tui.app.widgets.topic_list import TopicList
from boundary_tui.app.widgets.undo_bar import UndoBar
from boundary_tui.app.widgets.verdict_banner import VerdictBanner

__all__ = ["AnswerTrail", "ItemList", "KeyBar", "Section", "TitleBar", "TopicList", "UndoBar", "VerdictBanner"]
