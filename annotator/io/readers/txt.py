"""Plain text: one article per file, as scraped, boilerplate included."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from annotator.errors import InputError
from annotator.io.readers.text_file import read_utf8
from annotator.model import Article, Document, article_id, normalize_text


def read_txt(path: Path) -> Iterator[Document]:
    text = normalize_text(read_utf8(path)).text
    if not text.strip():
        raise InputError(str(path), "the file is empty")
    yield Document(Article(article_id(text), text, meta={"source": path.name}), source=str(path))
