"""Answers to plain-English questions about report figures, each with the passage it rests on.

Layer: after analysis, before the interfaces. `Answerer(store, search, kb).ask(question)` returns an
`Answer` card; `open_answerer(store, db_path, mode)` wires one to a database's retriever.
"""

from sinoscope.answer.engine import Answer, Answerer, AnswerItem, Passage, Status
from sinoscope.answer.question import Question, UnitType, parse_question
from sinoscope.answer.service import open_answerer

__all__ = [
    "Answer",
    "AnswerItem",
    "Answerer",
    "Passage",
    "Question",
    "Status",
    "UnitType",
    "open_answerer",
    "parse_question",
]
