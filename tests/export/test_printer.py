"""The printing thread: work submitted from elsewhere runs in that one thread, in order; errors come back."""
import threading

import pytest

from toolkit.export import printer


@pytest.fixture(autouse=True)
def ended():
    yield
    printer.finish()  # later tests print in their own thread again
    assert not printer.active()


def test_work_runs_in_the_printing_thread_in_order_and_errors_reach_the_caller():
    seen = []
    stopped = []
    printer.start(lambda: seen.append(("warm", threading.current_thread().name)), lambda: stopped.append(1))
    assert printer.active()  # this (main) thread hands its prints over
    names = [printer.submit(lambda i=i: (seen.append(i), threading.current_thread().name)[1]).result(timeout=10)
             for i in range(3)]
    assert set(names) == {"ita-printer"} and seen == [("warm", "ita-printer"), 0, 1, 2]
    assert printer.submit(lambda: printer.active()).result(timeout=10) is False  # it prints itself

    def boom():
        raise ValueError("no browser")

    with pytest.raises(ValueError, match="no browser"):
        printer.submit(boom).result(timeout=10)
    printer.finish()
    assert stopped == [1]
