"""``make bench``: the app measured side by side with the framework's own limit, in one run.

``python -m bench`` (``make bench``) runs every part and writes ``bench/results.md``. Each part is
a module run as its own process (``python -m bench.<part> --out FILE.json``) that writes its
``bench.report.Section``s as JSON; ``bench.report`` prints them and the targets table.
"""
