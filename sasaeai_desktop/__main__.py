"""``python -m sasaeai_desktop`` is the same as the ``sasaeai`` command."""

import sys

from sasaeai_desktop.cli.main import main

sys.exit(main())
