#!/usr/bin/env bash
# The demo: set up (idempotent), then start the kiosk on the demo catalog with the embedded platform and simulated
# devices. Extra arguments go to `yunban demo` (e.g. --windowed, --screenshots DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export YUNBAN_HOME=${YUNBAN_HOME:-$PWD/.demo-home}
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "demo: no display found; starting on a virtual screen (Xvfb). Use --screenshots DIR to see it." >&2
  exec xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/yunban demo "$@"
fi
exec .venv/bin/yunban demo "$@"
