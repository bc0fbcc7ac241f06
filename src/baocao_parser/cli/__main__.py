"""``python -m baocao_parser.cli``: the ``baocao`` command without its console script."""

import sys

from . import main

sys.exit(main())
