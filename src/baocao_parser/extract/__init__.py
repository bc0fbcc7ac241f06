"""Extractors: one module per field family, each a function ``ZonedDocument → its part``.

``header`` (issuer, number, place and date, kind, subject), ``period``,
``references`` (cited documents and plans), ``conferences`` (meeting counts),
``sections`` (outline and the difficulties/achievements/tasks/proposals parts),
``closing`` (recipients and signatory), ``infer`` (the issuer of a copy without
header).  Each separates finding (``find_*``, over lines or text) from the
extractor that reads the zoned document; ``numbers`` is a shared helper.  Line
kinds and the grammar of numbers and dates come from ``layout``.
"""
