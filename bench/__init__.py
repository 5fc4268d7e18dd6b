"""``make bench``: the app measured side by side with the framework's own limit, in one run.

``python -m bench`` (``make bench``) runs every part and writes ``bench/results.md``. Each part is
a module with ``run(...) -> Section``; ``bench.report`` prints the sections and the targets table.
"""
