"""Extractors: one module per field family, each reading the zoned document.

``header`` (issuer, number, place and date, kind, subject), ``period``,
``references`` (cited documents and plans), ``conferences`` (meeting counts),
``sections`` (outline and the difficulties/achievements/tasks/proposals parts),
``closing`` (recipients and signatory).  ``dates`` and ``numbers`` are shared
helpers.
"""
