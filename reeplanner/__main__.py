"""``python -m reeplanner``: the desktop app, as the ``reeplanner`` launcher."""

import sys

from reeplanner.app import main

sys.exit(main())
