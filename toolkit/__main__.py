"""`python -m toolkit …`: the same command line as `ita-report` (for machines where scripts are not on PATH)."""
import sys

from .cli import main

sys.exit(main())
