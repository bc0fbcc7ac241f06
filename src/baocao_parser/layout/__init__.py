"""Layout: from a reader's flat lines to zoned lines.

``columns`` splits lines where a text extraction put the two columns of the
header or closing side by side; ``zones`` labels every line header-left,
header-right, title, body, footer-left or footer-right.
"""

from .zones import assign_zones

__all__ = ["assign_zones"]
