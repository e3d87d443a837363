"""Entry point of the frozen app: the same command line as `python -m desktop`.

freeze_support() lets `Dossier annotate --jsonl -j 2` start its worker
processes from the frozen executable (spaCy's n_process uses multiprocessing).
"""

import multiprocessing
import sys

from desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
