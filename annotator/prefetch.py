"""Running a generator ahead of its consumer on a thread of its own."""
from __future__ import annotations

import queue
import threading
from typing import Callable, Iterator, TypeVar

T = TypeVar("T")
_DONE = object()


def ahead(make: Callable[[], Iterator[T]], depth: int) -> Iterator[T]:
    """The items of ``make()``, produced on a thread up to ``depth`` items ahead.

    ``make`` is called on the thread (so it may open thread-bound resources there). An error on
    the thread is raised here; closing this generator early stops the thread.
    """
    items: queue.Queue[object] = queue.Queue(maxsize=depth)
    stop = threading.Event()
    failure: list[BaseException] = []

    def run() -> None:
        try:
            for item in make():
                while not stop.is_set():
                    try:
                        items.put(item, timeout=0.05)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
        except BaseException as exc:  # raised again on the consumer's thread
            failure.append(exc)
        finally:
            while not stop.is_set():
                try:
                    items.put(_DONE, timeout=0.05)
                    break
                except queue.Full:
                    continue

    thread = threading.Thread(target=run, name="prefetch", daemon=True)
    thread.start()
    try:
        while (item := items.get()) is not _DONE:
            yield item  # type: ignore[misc]
        if failure:
            raise failure[0]
    finally:
        stop.set()
        thread.join()
