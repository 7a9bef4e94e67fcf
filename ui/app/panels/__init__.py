"""The docked and bar widgets around the article view: article list, span panel, label bar, find bar.

Each takes the project (or the view) and re-reads on the project's signals; none imports the window.
"""
