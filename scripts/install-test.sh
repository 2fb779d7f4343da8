#!/usr/bin/env bash
# The installer test (packaging/test-install.sh: build the .deb, install it into a clean Debian 12 root, provision,
# kiosk under Xvfb, print, deliver, purge) when this machine allows it; otherwise say clearly that it was SKIPPED and
# why. scripts/test.sh runs it beside the Qt test folders (after the parallel phase).
# Exit: the test's result, or 0 when skipped.
#   YUNBAN_SKIP_INSTALL_TEST=1    skip on purpose (e.g. a quick local run)
#   YUNBAN_REQUIRE_INSTALL_TEST=1 a skip is a failure (a release machine)
set -uo pipefail
cd "$(dirname "$0")/.."
LOG=dist/install-test.log

skip() {
    echo "== install test: SKIPPED: $1"
    if [[ -n ${YUNBAN_REQUIRE_INSTALL_TEST:-} ]]; then
        echo "install test: YUNBAN_REQUIRE_INSTALL_TEST is set, so a skip fails" >&2
        exit 1
    fi
    exit 0
}

[[ -z ${YUNBAN_SKIP_INSTALL_TEST:-} ]] || skip "YUNBAN_SKIP_INSTALL_TEST is set"
[[ $(id -u) -eq 0 ]] || skip "not root (a clean root needs chroot and mounts)"
command -v mmdebstrap >/dev/null || apt-get install -y -q mmdebstrap >/dev/null 2>&1 \
    || skip "mmdebstrap is not installed and could not be installed"
MIRROR=${MIRROR:-http://deb.debian.org/debian}
probe=$(mktemp -d)
if ! mount -t tmpfs none "$probe" 2>/dev/null; then
    rmdir "$probe"
    skip "cannot mount (no CAP_SYS_ADMIN): /proc and /dev/pts cannot be given to the clean root"
fi
umount "$probe" && rmdir "$probe"
if ! timeout 20 python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "/dists/bookworm/Release", timeout=15)' "$MIRROR" 2>/dev/null; then
    skip "the Debian mirror $MIRROR is not reachable (mmdebstrap builds the clean root from it)"
fi

mkdir -p dist
echo "== install test (packaging/test-install.sh; full log: $LOG)"
started=$(date +%s)
packaging/test-install.sh >"$LOG" 2>&1
rc=$?
grep -E '^(PASS|FAIL|SKIP)  |^  [A-Za-z.]|^test-install: (PASS|FAIL)' "$LOG"
echo "install test: $(( $(date +%s) - started )) s"
if [[ $rc -ne 0 ]]; then
    echo "install test: FAILED (exit $rc); the last lines of $LOG:" >&2
    tail -n 40 "$LOG" >&2
fi
exit $rc
