"""``python -m itadesk`` and the frozen program's entry point."""

import sys

from itadesk.app import main

if __name__ == "__main__":
    sys.exit(main())
