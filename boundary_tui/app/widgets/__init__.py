"""Small reusable widgets. Each takes plain values from the core and shows them; none decides anything.

Import each from its own module (`boundary_tui.app.widgets.key_bar`): this package re-exports
nothing, so a screen depends only on the widgets it uses, one import layer deep.
"""
