"""Normalisers: text-level repairs between the readers and the extractors.

``folding`` (tone-folded comparison keys), ``paragraphs`` (re-join hard-wrapped
lines), ``legacy_encoding`` (TCVN3/VNI to Unicode), ``ocr_repair`` (fix OCR's
mistakes in the fixed vocabulary of reports).
"""
