"""The article view: a read-only text view that paints spans over only the visible lines.

``article_view`` is the widget; ``span_painter`` draws section bands and entity boxes from
``span_index`` (spans by offset) over ``visible_lines``; ``offsets`` converts between Python code
points and Qt's UTF-16 positions. Imports the core; never the window or its other parts.
"""
