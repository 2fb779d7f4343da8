#!/usr/bin/env bash
# Install the yunban .deb into a clean Debian 12 root (mmdebstrap) with apt resolving its Depends, then run the
# command line there. Prints PASS/FAIL per step and the figures; exits non-zero if a step failed.
#
# Usage: packaging/test-install.sh [path/to/yunban_<version>_amd64.deb]   (without a path: build it first)
# Needs root (chroot). Touches nothing on the host but a temp dir (and installs mmdebstrap if missing).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
MIRROR=${MIRROR:-http://deb.debian.org/debian}

if [[ $(id -u) -ne 0 ]]; then
    echo "test-install: run as root (chroot, mount)" >&2
    exit 2
fi
if [[ $# -ge 1 ]]; then
    DEB=$(realpath "$1")
else
    "$HERE/build-deb.sh"
    VERSION=$(python3 -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' \
        "$ROOT/pyproject.toml")
    DEB=$ROOT/dist/yunban_${VERSION}_amd64.deb
fi
[[ -f $DEB ]] || { echo "test-install: no such package: $DEB" >&2; exit 2; }
command -v mmdebstrap >/dev/null || apt-get install -y mmdebstrap

WORK=$(mktemp -d /tmp/yunban-test-install.XXXXXX)
CH=$WORK/root
cleanup() {
    for m in "$CH/dev/pts" "$CH/proc" "$CH/sys"; do
        if mountpoint -q "$m"; then umount -l "$m"; fi
    done
    rm -rf --one-file-system "$WORK"
}
trap cleanup EXIT

FAILED=0
indent() { sed 's/^/      /'; }
step() {  # step NAME COMMAND...: run a command, print PASS/FAIL with its output on failure
    local name=$1 out rc=0
    shift
    out=$("$@" 2>&1) || rc=$?
    if [[ $rc -eq 0 ]]; then
        echo "PASS  $name"
        [[ -n $out ]] && printf '%s\n' "$out" | tail -n 8 | indent
    else
        echo "FAIL  $name (exit $rc)"
        printf '%s\n' "$out" | tail -n 30 | indent
        FAILED=1
    fi
    return 0
}
in_root() { chroot "$CH" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root "$@"; }

echo "test-install: $DEB"
t0=$(date +%s.%N)
mmdebstrap --quiet --variant=apt bookworm "$WORK/root.tar" "$MIRROR"
mkdir "$CH"
tar -C "$CH" -xf "$WORK/root.tar"
rm "$WORK/root.tar"
t1=$(date +%s.%N)
cp /etc/resolv.conf "$CH/etc/resolv.conf"
printf '#!/bin/sh\nexit 101\n' >"$CH/usr/sbin/policy-rc.d"  # start no daemons inside the root
chmod 0755 "$CH/usr/sbin/policy-rc.d"
mount -t proc proc "$CH/proc"
mount -t sysfs sysfs "$CH/sys"
mkdir -p "$CH/dev/pts"
mount -t devpts devpts "$CH/dev/pts"
cp "$DEB" "$CH/tmp/yunban.deb"

step "apt-get update" in_root apt-get update -q
t2=$(date +%s.%N)
step "apt-get install ./yunban.deb (Depends resolved by apt)" \
    in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends /tmp/yunban.deb
t3=$(date +%s.%N)
step "yunban --version" in_root yunban --version
step "yunban --home /tmp/h catalog stats --json" in_root yunban --home /tmp/h catalog stats --json
step "yunban check id 11010519491231002X --json" in_root yunban check id 11010519491231002X --json
step "as user yunban, default home /var/lib/yunban: catalog stats --json" \
    in_root runuser -u yunban -- yunban catalog stats --json
# shellcheck disable=SC2016  # expanded inside the root
step "/var/lib/yunban/config.toml -> /etc/yunban/config.toml" \
    in_root sh -c 'test "$(readlink /var/lib/yunban/config.toml)" = /etc/yunban/config.toml && test -s /etc/yunban/config.toml'
# Every shared library the Qt modules the application imports (and the platform plugins) need is on the system.
qt_ldd() {
    local qt=/opt/yunban/venv/lib/python3.11/site-packages/PySide6 missing m
    local files=("$qt"/Qt{Core,Gui,Widgets,Network,Multimedia,Pdf}.abi3.so)
    for m in Core Gui Widgets Network Multimedia Pdf WaylandClient XcbQpa DBus OpenGL; do
        files+=("$qt/Qt/lib/libQt6$m.so.6")
    done
    missing=$(in_root sh -c "ldd ${files[*]} $qt/Qt/plugins/platforms/*.so $qt/Qt/plugins/wayland-*/*.so \
        $qt/Qt/plugins/multimedia/*.so" | grep 'not found' | sort -u || true)
    if [[ -n $missing ]]; then
        echo "$missing"
        return 1
    fi
}
step "ldd: PySide6's Qt libraries and plugins find all their libraries" qt_ldd
step "kiosk starts (offscreen, still running after 15 s)" \
    in_root sh -c 'QT_QPA_PLATFORM=offscreen timeout 15 yunban --home /tmp/k kiosk; test $? -eq 124'
step "dpkg --purge yunban keeps /var/lib/yunban" \
    in_root sh -c 'dpkg --purge yunban && test -d /var/lib/yunban && ! test -e /opt/yunban && ! test -e /usr/bin/yunban'

echo
echo "figures:"
echo "  .deb size:                 $(du -h "$DEB" | cut -f1) ($(stat -c %s "$DEB") bytes)"
printf '  clean root (mmdebstrap):   %s s\n' "$(awk "BEGIN{printf \"%.1f\", $t1 - $t0}")"
printf '  install into clean root:   %s s (apt-get install of the .deb and its Depends, after apt-get update)\n' \
    "$(awk "BEGIN{printf \"%.1f\", $t3 - $t2}")"
if [[ $FAILED -ne 0 ]]; then
    echo "test-install: FAIL"
    exit 1
fi
echo "test-install: PASS"
