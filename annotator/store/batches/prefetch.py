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

    def offer(item: object) -> bool:
        """Hand ``item`` to the consumer; False once it has stopped taking items."""
        while not stop.is_set():
            try:
                items.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def run() -> None:
        try:
            for item in make():
                if not offer(item):
                    return
        except BaseException as exc:  # raised again on the consumer's thread
            failure.append(exc)
        finally:
            offer(_DONE)

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
