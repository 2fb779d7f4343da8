#!/usr/bin/env bash
# Build a signed USB update bundle (docs/updates.md) from a yunban .deb with the release keys:
#     packaging/make-update-bundle.sh --keys KEYS_DIR --deb dist/yunban_0.2.0_amd64.deb --out /media/usb \
#         [--catalog SNAPSHOT.json] [--expires-days 30]
# -> /media/usb/yunban-update/ (metadata/ and targets/). Keys: `python -m app.updates.publish init-keys --keys DIR`
# once (ship DIR/metadata/1.root.json as packaging/update-root.json), `rotate-root` to rotate them.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PY=${PYTHON:-$ROOT/.venv/bin/python}
cd "$ROOT"
exec "$PY" -m app.updates.publish build "$@"
