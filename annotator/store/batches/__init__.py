"""Reading a project's articles in bounded batches for exporters: documents, span columns, packs.

``documents`` streams :class:`~annotator.model.Document` objects or column batches
(``article_batches``), read ahead on a thread (``prefetch``), with spans read as Arrow columns
(``span_columns_reader``) or from per-article packs (``span_packs``). Imports only the rest of
``store`` and the base modules.
"""
