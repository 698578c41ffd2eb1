"""``python -m itadesk`` and the frozen program's entry point."""

import multiprocessing
import sys

from itadesk.app import main

if __name__ == "__main__":
    # The web bundle renders big documents in a spawned helper process; in the frozen
    # program that process is this executable again, and this call turns it into the helper.
    multiprocessing.freeze_support()
    sys.exit(main())
