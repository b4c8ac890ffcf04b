"""Helpers for tests of two users editing at once (ADR 7)."""

import re
import threading

from django.db import connection


def hidden_value(response, name: str) -> str:
    """The value of a hidden input as the browser got it: what the form will send back."""
    match = re.search(
        rf'<input type="hidden" name="{re.escape(name)}" value="([^"]*)"', response.text
    )
    assert match, f"no hidden field {name!r} on the page"
    return match.group(1)


def run_at_once(functions) -> list:
    """Run each function in its own thread, released together; their results (or exceptions)."""
    barrier = threading.Barrier(len(functions))
    results: list = [None] * len(functions)

    def run(index, function):
        try:
            barrier.wait()
            results[index] = function()
        except Exception as error:  # noqa: BLE001 - reported to the test, which asserts on it
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def form_data(form, **changes) -> dict:
    """What the browser sends back for a form as it was shown, with `changes` typed in."""
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = form[name].value()
        if value is None or value is False:
            continue
        if isinstance(value, list | tuple):
            data[form.add_prefix(name)] = [str(v) for v in value]
        elif value is True:
            data[form.add_prefix(name)] = "on"
        else:
            data[form.add_prefix(name)] = str(value)
    data.update(changes)
    return data
