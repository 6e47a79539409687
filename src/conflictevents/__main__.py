"""Run the ``conflictevents`` command: ``python -m conflictevents``."""

from conflictevents.cli import main

raise SystemExit(main())
