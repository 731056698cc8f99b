"""`python -m tiepdan_desktop` is the same as the `tiepdan` command."""

import sys

from tiepdan_desktop.cli import main

sys.exit(main())
