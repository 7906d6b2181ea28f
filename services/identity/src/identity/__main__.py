import sys

from identity.cli import main

sys.exit(main())
