"""The Textual front-end: screens and widgets over the core's walk.

Nothing here decides a route, a verdict word or who to tell - that is the
core's job (walk, model, render). This package only shows what the core says
and turns keys and clicks into `Walk.answer`, `Walk.back` and `Walk.restart`.
Import it only when the full-screen app is opened (see cli._open_app).
"""
