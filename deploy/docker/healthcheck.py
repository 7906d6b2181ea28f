"""The image's HEALTHCHECK: 0 when HEALTHCHECK_URL (default: this container's /healthz) answers 200."""

import os
import sys
import urllib.request

url = os.environ.get("HEALTHCHECK_URL") or f"http://127.0.0.1:{os.environ.get('PORT', '8080')}/healthz"
try:
    with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 (a fixed local http URL)
        sys.exit(0 if answer.status == 200 else 1)
except OSError:
    sys.exit(1)
