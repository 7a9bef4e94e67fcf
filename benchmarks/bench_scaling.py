"""Time against input size for the readers issue 17 found quadratic: ``make bench-scaling``.

``python -m benchmarks.bench_scaling [--records 10000,40000] [--pages 100000,2000000]`` prints one
row per size and the growth factor: 4x the input taking about 4x the time is linear, 16x
quadratic. Inputs are made here: Prodigy and doccano JSONL of news-like records (benchmarks'
corpus generator), and pages built from the real pages in ``../shared/data/html`` cycled to the
size asked for (main-content matching against trafilatura's extract of the same pages; then the
whole ``read_html``). The same script runs against an older checkout with ``PYTHONPATH=<it>``.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parents[1]  # this checkout (the code measured may come from PYTHONPATH)
PAGES = HERE.parent / "shared" / "data" / "html"


def records(path: Path, n: int, fmt: str) -> None:
    from benchmarks.corpus import Corpus

    with path.open("w", encoding="utf-8") as fh:
        for doc in Corpus(0).documents(n):
            text = doc.article.text
            spans = [{"start": s.start, "end": s.end, "label": s.label} for s in doc.entities]
            rec = ({"text": text, "spans": spans, "_input_hash": hash(text) & 0xFFFF, "answer": "accept"} if fmt == "prodigy"
                   else {"text": text, "label": [[s["start"], s["end"], s["label"]] for s in spans]})
            fh.write(json.dumps(rec) + "\n")


def page_material() -> list[tuple[list[str], str, str]]:
    """(visible lines, trafilatura's text, page source) of every shared page with an extract."""
    from annotator.io.readers import html

    out = []
    for page in sorted(PAGES.rglob("*.html")):
        src = html._decode(page.read_bytes(), page)
        extracted = html._trafilatura(src)
        if extracted is not None and (extracted.text or "").strip():
            out.append((html._visible_lines(html._parse(src, page)), extracted.text, src))
    return out


def cycled(material: list[tuple[list[str], str, str]], size: int) -> tuple[list[str], str, str]:
    lines: list[str] = []
    kept: list[str] = []
    bodies: list[str] = []
    chars = k = 0
    while chars < size:
        page_lines, text, src = material[k % len(material)]
        lines += page_lines
        kept.append(text)
        body = src.split("<body", 1)[-1].split(">", 1)[-1].rsplit("</body>", 1)[0]
        bodies.append(body)
        chars += sum(len(x) + 1 for x in page_lines)
        k += 1
    return lines, "\n".join(kept), "<html><body>" + "\n".join(bodies) + "</body></html>"


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """CPU seconds of this process (steady on a loaded machine) and wall seconds."""
    c0, t0 = time.process_time(), time.perf_counter()
    fn()
    return time.process_time() - c0, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_scaling", description=__doc__.split("\n")[0])
    p.add_argument("--records", default="10000,40000")
    p.add_argument("--pages", default="100000,2000000", help="visible characters of the pages")
    p.add_argument("--formats", default="prodigy,doccano")
    p.add_argument("--read-html", action="store_true", help="also time the whole read_html (trafilatura included)")
    args = p.parse_args(argv)
    import exports.all_formats  # noqa: F401
    from annotator.io.readers.html import main_content_ranges, read_html
    from exports.registry import FORMATS

    print(f"{'what':<72} {'size':>10} {'cpu s':>8} {'wall s':>8} {'x cpu / x size':>15}", flush=True)
    last: dict[str, tuple[int, float]] = {}

    def row(what: str, size: int, fn: Callable[[], object]) -> None:
        cpu, wall = timed(fn)
        growth = ""
        if what in last:
            n0, c0 = last[what]
            growth = f"{cpu / max(c0, 1e-9):.1f} / {size / n0:.0f}"
        last[what] = (size, cpu)
        print(f"{what:<72} {size:>10,} {cpu:>8.2f} {wall:>8.2f} {growth:>15}", flush=True)

    with tempfile.TemporaryDirectory(prefix="bench-scaling-") as tmp:
        for fmt in args.formats.split(","):
            for n in (int(x) for x in args.records.split(",")):
                path = Path(tmp) / f"{fmt}-{n}.jsonl"
                records(path, n, fmt)
                read = FORMATS[fmt].read
                row(f"{fmt} reader, records", n, lambda: sum(1 for _ in read(path)))  # type: ignore[misc]
        material = page_material()
        for size in (int(x) for x in args.pages.split(",")):
            lines, kept, source = cycled(material, size)
            row("main-content matching, page characters", size, lambda: main_content_ranges(lines, kept))
            if args.read_html:
                page = Path(tmp) / f"page-{size}.html"
                page.write_text(source, encoding="utf-8")
                row("read_html whole (parse + trafilatura + matching), page characters", size,
                    lambda: list(read_html(page)))


if __name__ == "__main__":
    main()
