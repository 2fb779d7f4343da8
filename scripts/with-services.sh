#!/usr/bin/env bash
# Run a command inside a private D-Bus session with an unlocked gnome-keyring (the real Secret Service), so keyring
# tests never prompt or block. PC/SC (pcscd + vpcd) is started by the tests themselves in a private network
# namespace, so nothing outside loopback can reach the virtual reader.
set -euo pipefail
if [ -n "${YUNBAN_IN_SERVICES:-}" ]; then exec "$@"; fi
export YUNBAN_IN_SERVICES=1
exec dbus-run-session -- bash -c '
  eval "$(printf "yunban-test\n" | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)" || true
  export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK
  "$@"
' yunban-services "$@"
