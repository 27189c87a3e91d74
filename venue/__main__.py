"""`python -m venue` is the `venue` command."""

import sys

from venue.cli import main

sys.exit(main())
