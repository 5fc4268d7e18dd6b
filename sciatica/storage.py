"""Static files as production serves them: hashed names, gzip and brotli copies, and ES module
imports rewritten to the hashed names too.

Django's manifest storage rewrites ``import … from "./card.js"`` only when
``support_js_module_import_aggregation`` is on. With it, every module the player loads has a
hashed name, so whitenoise can send each one with ``Cache-Control: immutable`` for a year and a
new release can never mix an old ``card.js`` with a new ``player.js``.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    support_js_module_import_aggregation = True
