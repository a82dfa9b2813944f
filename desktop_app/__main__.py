"""`python -m desktop_app` behaves exactly as the `desktop-app` command."""

import sys

from desktop_app.main import main

sys.exit(main())
