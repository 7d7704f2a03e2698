"""`python -m boundary_tui` runs the same command line as `boundary-check`."""

import sys

from boundary_tui.cli import main

sys.exit(main())
