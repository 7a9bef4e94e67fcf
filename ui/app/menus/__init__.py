"""The menu bar: every gesture as an action with its key (``actions``), View and Help (``view_menu``), the cheat sheet."""
