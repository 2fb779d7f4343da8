#!/usr/bin/env bash
# Install the yunban .deb into a clean Debian 12 root (mmdebstrap) with apt resolving its Depends, then run the
# command line there. Prints PASS/FAIL per step and the figures; exits non-zero if a step failed.
#
# Usage: packaging/test-install.sh [path/to/yunban_<version>_amd64.deb]   (without a path: build it first)
# Needs root (chroot). Touches nothing on the host but a temp dir (and installs mmdebstrap if missing).
#
# On the host, from the checkout's .venv (scripts/setup.sh): a reference platform and a virtual ESC/POS printer on
# 127.0.0.1 and an Xvfb display, all of which the root shares (same network namespace; the X socket bind-mounted).
# Inside the root, as a technician would: provision against that platform (the wrapper runs it as user yunban with
# the keyring passphrase from the systemd credential postinst made), the kiosk under Xvfb with a screenshot, a
# submission printed to the virtual printer and delivered, start-up time to READY=1, and purge (kept while records
# are undelivered, removed on "yes" once they are delivered).
# Screenshots, the printed receipt and figures land in $INSTALL_TEST_OUT (default dist/install-test/).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
MIRROR=${MIRROR:-http://deb.debian.org/debian}

if [[ $(id -u) -ne 0 ]]; then
    echo "test-install: run as root (chroot, mount)" >&2
    exit 2
fi
[[ -x $ROOT/.venv/bin/python ]] || "$ROOT/scripts/setup.sh" >/dev/null  # the host's platform, printer, bundle tools
# The USB update test needs the package to trust our update root: fresh test keys, built into the package here
# (with a package given on the command line: UPDATE_KEYS=DIR, the keys it was built with, else that test is skipped).
UPDATE_KEYS=${UPDATE_KEYS:-}
if [[ $# -ge 1 ]]; then
    DEB=$(realpath "$1")
else
    UPDATE_KEYS=$(mktemp -d /tmp/yunban-update-keys.XXXXXX)
    "$ROOT/.venv/bin/python" -m app.updates.publish init-keys --keys "$UPDATE_KEYS/keys" >/dev/null
    UPDATE_ROOT=$UPDATE_KEYS/keys/metadata/1.root.json "$HERE/build-deb.sh"
    VERSION=$(python3 -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' \
        "$ROOT/pyproject.toml")
    DEB=$ROOT/dist/yunban_${VERSION}_amd64.deb
fi
[[ -f $DEB ]] || { echo "test-install: no such package: $DEB" >&2; exit 2; }
command -v mmdebstrap >/dev/null || apt-get install -y mmdebstrap

WORK=$(mktemp -d /tmp/yunban-test-install.XXXXXX)
CH=$WORK/root
HOST_PIDS=()
cleanup() {
    for pid in "${HOST_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for m in "$CH/tmp/.X11-unix" "$CH/dev/pts" "$CH/proc" "$CH/sys"; do
        if mountpoint -q "$m"; then umount -l "$m"; fi
    done
    rm -rf --one-file-system "$WORK"
    if [[ -n $UPDATE_KEYS && $UPDATE_KEYS == /tmp/yunban-update-keys.* ]]; then rm -rf "$UPDATE_KEYS"; fi
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
step "shell completion installed: bash offers yunban's commands, zsh has its _yunban" \
    in_root bash -c 'source /usr/share/bash-completion/completions/yunban && COMP_LINE="yunban cat" COMP_POINT=10 \
        COMP_WORDS=(yunban cat) COMP_CWORD=1 && _python_argcomplete yunban && test "${COMPREPLY[*]}" = "catalog " \
        && test -s /usr/share/zsh/vendor-completions/_yunban'
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

# ---- On the host: the reference platform, the virtual printer and an X display the root shares.
OUT=${INSTALL_TEST_OUT:-$ROOT/dist/install-test}
rm -rf "$OUT" && mkdir -p "$OUT"
HOSTPY=$ROOT/.venv/bin/python
[[ -x $HOSTPY ]] || "$ROOT/scripts/setup.sh" >/dev/null
"$ROOT/.venv/bin/yunban" platform serve --port 0 --data "$WORK/platform" --json >"$WORK/platform.json" 2>"$WORK/platform.log" &
HOST_PIDS+=($!)
(cd "$ROOT" && "$HOSTPY" -c '
import sys, time
from pathlib import Path
from devices.emulators.virtual_printer import VirtualPrinter
with VirtualPrinter(out_dir=Path(sys.argv[1])) as vp:
    print(vp.uri, flush=True)
    while True:
        time.sleep(3600)
' "$OUT/printer") >"$WORK/printer.uri" 2>"$WORK/printer.log" &
HOST_PIDS+=($!)
DISPLAY_NO=$(( 90 + RANDOM % 100 ))
Xvfb ":$DISPLAY_NO" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
HOST_PIDS+=($!)
for _ in $(seq 100); do
    [[ -s $WORK/platform.json && -s $WORK/printer.uri && -S /tmp/.X11-unix/X$DISPLAY_NO ]] && break
    sleep 0.1
done
PLATFORM_URL=$("$HOSTPY" -c 'import json, sys; print(json.loads(open(sys.argv[1]).readline())["url"])' "$WORK/platform.json")
PRINTER_URI=$(head -n 1 "$WORK/printer.uri")
DIVISION=532524103205  # 云南省红河州建水县西庄镇团山村 (the real division table)
CODE=$("$ROOT/.venv/bin/yunban" platform enroll-code --division $DIVISION --data "$WORK/platform" --json \
    | "$HOSTPY" -c 'import json, sys; print(json.load(sys.stdin)["code"])')
mkdir -p "$CH/tmp/.X11-unix"
mount --bind /tmp/.X11-unix "$CH/tmp/.X11-unix"
echo "host: platform $PLATFORM_URL, printer $PRINTER_URI, display :$DISPLAY_NO"

# shellcheck disable=SC2016  # expanded inside the root
step "postinst made the keyring credential: root only, decrypts as root, unreadable by yunban" \
    in_root sh -c 'test "$(stat -c %a%U /etc/credstore.encrypted/yunban-keyring)" = 600root \
        && test -n "$(systemd-creds decrypt --name=yunban-keyring /etc/credstore.encrypted/yunban-keyring - 2>/dev/null)" \
        && ! setpriv --reuid=yunban --regid=yunban --init-groups cat /etc/credstore.encrypted/yunban-keyring 2>/dev/null'
step "yunban provision (as root: runs as yunban, passphrase from the credential)" \
    in_root yunban provision --division $DIVISION --platform "$PLATFORM_URL" --code "$CODE" \
        --technician-pin 246810 --json
# shellcheck disable=SC2016  # expanded inside the root
step "provisioned: enrollment, keystore and PIN are yunban's; config saved through the link" \
    in_root sh -c 'cd /var/lib/yunban && test "$(stat -c %U enrollment.json keystore.enc technician.json | sort -u)" = yunban \
        && test -L config.toml && grep -q "^division_code = \"532524103205\"" /etc/yunban/config.toml \
        && grep -q "^url = \"http://127.0.0.1:" /etc/yunban/config.toml'
step "the same code again is refused (exit 2, JSON error)" \
    in_root sh -c "yunban provision --platform '$PLATFORM_URL' --code '$CODE' --force --json; test \$? -eq 2"

shot() {  # shot NAME: a screenshot of the shared display into $OUT
    import -display ":$DISPLAY_NO" -window root "$OUT/$1.png"
}
kiosk_under_xvfb() {
    in_root env DISPLAY=":$DISPLAY_NO" QT_QPA_PLATFORM=xcb yunban kiosk >"$WORK/kiosk.log" 2>&1 &
    local pid=$!
    for _ in $(seq 60); do  # the kiosk logs "kiosk up" once its window is shown
        sleep 0.5
        grep -qs "kiosk up" "$CH"/var/lib/yunban/logs/* && break
        kill -0 $pid 2>/dev/null || break
    done
    sleep 3  # the first paint, the sync indicator
    shot kiosk-home
    local alive=0
    kill -0 $pid 2>/dev/null || alive=1
    pkill -TERM -f "/opt/yunban/venv/bin/yunban kiosk" || true
    wait $pid || true
    [[ $alive -eq 0 ]] || { tail -n 20 "$WORK/kiosk.log"; return 1; }
    grep -qs "kiosk up" "$CH"/var/lib/yunban/logs/* && test -s "$OUT/kiosk-home.png"
}
step "the installed kiosk under Xvfb (as yunban), screenshot kiosk-home.png" kiosk_under_xvfb

cat >"$CH/tmp/answers.json" <<'JSON'
{"phone": "13800138000", "reason": "expired", "delivery": "window"}
JSON
cat >"$CH/tmp/card.json" <<'JSON'
{"card_type": "resident_id", "name": "李明华", "gender": "女", "birth_date": "1949-12-31",
 "address": "云南省建水县西庄镇团山村12号", "id_number": "11010519491231002X", "valid_to": "2038-04-01"}
JSON
"$HOSTPY" -c 'import sys
from PIL import Image, ImageDraw
page = Image.new("RGB", (600, 800), "white")
ImageDraw.Draw(page).rectangle((40, 40, 560, 200), outline="black", width=4)
page.save(sys.argv[1], "JPEG", quality=80)' "$CH/tmp/scan.jpg"  # a real page: materials must decode
chmod 0644 "$CH"/tmp/answers.json "$CH"/tmp/card.json "$CH"/tmp/scan.jpg
submit() {
    in_root yunban submit --item 530000-GA-0001 --data /tmp/answers.json --card-json /tmp/card.json \
        --attach id_card=/tmp/scan.jpg --attach material.hukou=/tmp/scan.jpg --consent "$@" --json
}
printed() {
    submit --print "$PRINTER_URI" >"$WORK/submit.json" || { cat "$WORK/submit.json"; return 1; }
    cat "$WORK/submit.json"
    grep -q '"printed": true' "$WORK/submit.json"
    for _ in $(seq 50); do ls "$OUT"/printer/*.png >/dev/null 2>&1 && break; sleep 0.2; done
    cp "$(ls "$OUT"/printer/*.png | head -n 1)" "$OUT/receipt.png"
    grep -q "53252410320501" "$WORK/submit.json"  # the receipt number embeds the division and terminal 01
}
step "a submission printed to the virtual printer (receipt.png)" printed
step "yunban sync run delivers it to the platform" \
    in_root sh -c 'yunban sync run --json | grep -q "\"delivered\": 1"'
step "platform stats: one submission from this terminal" \
    sh -c "'$ROOT/.venv/bin/yunban' platform stats --data '$WORK/platform' --json | grep '\"submissions\": 1' >/dev/null"

# ---- A USB update and its rollback, on the real package: this .deb repacked as a newer version, signed into a bundle.
NEW_VERSION="$(dpkg-deb -f "$DEB" Version)+test1"
OLD_VERSION=$(dpkg-deb -f "$DEB" Version)
installed_version() { in_root dpkg-query -W -f='${Version}' yunban; }
make_bundle() {
    local x=$WORK/repack
    dpkg-deb -R "$DEB" "$x"
    sed -i "s/^Version: .*/Version: $NEW_VERSION/" "$x/DEBIAN/control"
    dpkg-deb --root-owner-group -Zzstd -b "$x" "$WORK/yunban_${NEW_VERSION}_amd64.deb" >/dev/null
    rm -rf "$x"
    mkdir -p "$CH/media/usb"
    "$ROOT/packaging/make-update-bundle.sh" --keys "$UPDATE_KEYS/keys" --deb "$WORK/yunban_${NEW_VERSION}_amd64.deb" \
        --out "$CH/media/usb" >/dev/null
    rm -f "$WORK/yunban_${NEW_VERSION}_amd64.deb"
}
update_apply() {
    local a0 a1
    in_root yunban update check /media/usb --json | grep "\"version\": \"$NEW_VERSION\"" >/dev/null
    a0=$(date +%s.%N)
    in_root yunban update apply /media/usb --json
    a1=$(date +%s.%N)
    awk "BEGIN{printf \"%.1f\", $a1 - $a0}" >"$WORK/apply-time"
    test "$(installed_version)" = "$NEW_VERSION" && in_root yunban --version >/dev/null \
        && in_root yunban sync status --json >/dev/null
}
update_refusals() {  # the same bundle again (not newer), and a tampered copy
    in_root sh -c 'yunban update apply /media/usb --json; test $? -eq 2' | grep '"code": "updates.already_installed"' >/dev/null || return 1
    cp -a "$CH/media/usb" "$CH/media/usb-tampered"
    local deb
    deb=$(ls "$CH"/media/usb-tampered/yunban-update/targets/*.deb)
    python3 -c 'import sys
with open(sys.argv[1], "r+b") as f:
    f.seek(5000); b = f.read(1); f.seek(5000); f.write(bytes([b[0] ^ 0xFF]))' "$deb"
    in_root sh -c 'yunban update check /media/usb-tampered --json; test $? -eq 2' | grep '"code": "updates.tampered"' >/dev/null
    rm -rf "$CH/media/usb-tampered"
}
update_rollback() {
    local r0 r1
    r0=$(date +%s.%N)
    in_root yunban update rollback --json
    r1=$(date +%s.%N)
    awk "BEGIN{printf \"%.1f\", $r1 - $r0}" >"$WORK/rollback-time"
    test "$(installed_version)" = "$OLD_VERSION" && in_root yunban --version >/dev/null
}
if [[ -n $UPDATE_KEYS ]]; then
    step "a newer package signed into a USB bundle (TUF)" make_bundle
    step "yunban update check + apply: $OLD_VERSION -> $NEW_VERSION, yunban still works" update_apply
    step "the same bundle again and a tampered copy are refused (exit 2)" update_refusals
    step "yunban update rollback: back to $OLD_VERSION" update_rollback
    rm -rf "$CH/media/usb"
else
    echo "SKIP  USB update and rollback: package given without UPDATE_KEYS (the keys it was built to trust)"
fi

start_times() {  # both enrolled with the host platform, so both start into the kiosk's home screen
    in_root env QT_QPA_PLATFORM=offscreen /usr/bin/python3 /tmp/measure-start.py --runs 5 -- yunban kiosk --windowed \
        | tee "$WORK/start-installed.json"
    local home=$WORK/checkout-home code
    code=$("$ROOT/.venv/bin/yunban" platform enroll-code --division $DIVISION --data "$WORK/platform" --json \
        | "$HOSTPY" -c 'import json, sys; print(json.load(sys.stdin)["code"])')
    mkdir -p "$home" && printf '[keyring]\nbackend = "file"\n' >"$home/config.toml"
    (cd "$ROOT" && export YUNBAN_HOME=$home YUNBAN_KEYRING_PASSPHRASE=install-test QT_QPA_PLATFORM=offscreen \
        && .venv/bin/yunban provision --division $DIVISION --platform "$PLATFORM_URL" --code "$code" >/dev/null \
        && python3 "$HERE/measure-start.py" --runs 5 -- .venv/bin/yunban kiosk --windowed) | tee "$WORK/start-checkout.json"
}
cp "$HERE/measure-start.py" "$CH/tmp/measure-start.py"
step "start-up to READY=1: installed kiosk and the checkout's" start_times

recover_from_the_disk() {  # the terminal dies with a record undelivered; its disk (here: the root) is read elsewhere
    local pass home=$WORK/recovered-home
    submit >/dev/null  # one record the platform has not got
    pass=$(chroot "$CH" systemd-creds decrypt --name=yunban-keyring /etc/credstore.encrypted/yunban-keyring -)
    cp -a "$CH/var/lib/yunban" "$home"
    cp --remove-destination "$CH/etc/yunban/config.toml" "$home/config.toml"  # the link pointed into that disk's /etc
    (cd "$ROOT" && YUNBAN_KEYRING_PASSPHRASE=$pass .venv/bin/yunban --home "$home" sync run --json) | tee "$WORK/recover.json"
    grep -q '"delivered": 1' "$WORK/recover.json"
    "$ROOT/.venv/bin/yunban" platform stats --data "$WORK/platform" --json | grep '"submissions": 2' >/dev/null
}
step "replacing a broken terminal: its disk's undelivered record is delivered from another machine" recover_from_the_disk
undelivered_purge_keeps() {
    echo "yunban yunban/purge-data boolean true" | in_root debconf-set-selections
    in_root env DEBIAN_FRONTEND=noninteractive dpkg --purge yunban
    test -f "$CH/var/lib/yunban/records.db" && test -f "$CH/etc/credstore.encrypted/yunban-keyring" \
        && ! test -e "$CH/opt/yunban" && ! test -e "$CH/usr/bin/yunban" \
        && test "$(cat "$CH/var/lib/yunban/.undelivered-at-removal")" = 1  # the terminal never heard it was delivered
}
step "purge, answered yes, keeps /var/lib/yunban while a record is undelivered" undelivered_purge_keeps
delivered_purge_removes() {
    in_root env DEBIAN_FRONTEND=noninteractive dpkg -i /tmp/yunban.deb >/dev/null
    in_root yunban sync run --json | grep '"duplicates": 1' >/dev/null  # the recovered record: stored once
    echo "yunban yunban/purge-data boolean true" | in_root debconf-set-selections
    in_root env DEBIAN_FRONTEND=noninteractive dpkg --purge yunban
    ! test -e "$CH/var/lib/yunban" && ! test -e "$CH/etc/credstore.encrypted/yunban-keyring" \
        && ! in_root getent passwd yunban >/dev/null
}
step "reinstall, sync (the platform has it: a duplicate), purge answered yes removes the data, the credential and the user" delivered_purge_removes

echo
echo "figures:"
echo "  .deb size:                 $(du -h "$DEB" | cut -f1) ($(stat -c %s "$DEB") bytes)"
printf '  clean root (mmdebstrap):   %s s\n' "$(awk "BEGIN{printf \"%.1f\", $t1 - $t0}")"
printf '  install into clean root:   %s s (apt-get install of the .deb and its Depends, after apt-get update)\n' \
    "$(awk "BEGIN{printf \"%.1f\", $t3 - $t2}")"
if [[ -s $WORK/start-installed.json ]]; then
    echo "  start-up to READY=1, installed: $(cat "$WORK/start-installed.json")"
    echo "  start-up to READY=1, checkout:  $(cat "$WORK/start-checkout.json")"
fi
if [[ -s $WORK/apply-time ]]; then
    echo "  USB update apply (verify, keep previous, dpkg -i): $(cat "$WORK/apply-time") s;" \
        "rollback: $(cat "$WORK/rollback-time" 2>/dev/null || echo -) s"
fi
echo "  screenshots and receipt:   $OUT"
if [[ $FAILED -ne 0 ]]; then
    echo "test-install: FAIL"
    exit 1
fi
echo "test-install: PASS"
