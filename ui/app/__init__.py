"""The PySide6 desktop app.

``launch.run_app`` starts it; ``main_window`` holds one open project and hands gestures to
``gestures``, menus to ``actions`` and file and model work to ``project_ops``, which see the window
only through the :class:`~ui.app.host.WindowHost` protocol. Widgets never keep their own copy of
the spans: they re-read the project when it signals a change. May import ``exports`` and
``annotator``; never ``ui.cli``.
"""
