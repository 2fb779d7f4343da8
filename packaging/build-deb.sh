#!/usr/bin/env bash
# Build dist/yunban_<version>_amd64.deb: the yunban wheel and its runtime dependencies in a private virtualenv
# (/opt/yunban/venv), made with this machine's /usr/bin/python3. Built on Debian 12, the package is for Debian 12
# (python3 3.11) and compatible systems only.
#
# Usage: packaging/build-deb.sh [--no-hardware]
#   DEB_COMPRESS=xz (default zstd): smaller .deb (188 MB instead of 255 MB), ~5 min to compress instead of ~10 s.
#   --no-hardware   leave out the `hardware` extra (pyscard, python-sane, pyusb), e.g. where libpcsclite-dev,
#                   libsane-dev and swig are not installed to build them.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
PY=/usr/bin/python3
PREFIX=/opt/yunban/venv
EXTRA="[hardware]"
if [[ ${1:-} == --no-hardware ]]; then
    EXTRA=""
elif [[ $# -gt 0 ]]; then
    echo "usage: $0 [--no-hardware]" >&2
    exit 2
fi

# Runtime packages only (test tools such as Xvfb, xdotool, vpcd or imagemagick never belong here).
# The Qt libraries are those the PySide6 wheels' Qt needs from the system on a minimal Debian 12
# (packaging/test-install.sh checks them with ldd in a clean root).
DEPENDS=(
    "python3 (>= 3.11)" "python3 (<< 3.12)" python3-venv adduser
    "fonts-noto-cjk | fonts-wqy-microhei"
    pcscd libpcsclite1 libsane1 cage systemd debconf
    dpkg-repack  # yunban update keeps the installed version as a .deb for rollback, also when apt did not cache it
    libegl1 libgl1 libopengl0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 libxkbcommon0
    libwayland-client0 libwayland-cursor0 libwayland-egl1
    libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
    libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1 libxrandr2
    libpulse0
)

for tool in dpkg-deb "$PY"; do
    command -v "$tool" >/dev/null || { echo "build-deb: $tool is missing" >&2; exit 1; }
done
"$PY" -c 'import ensurepip, venv' 2>/dev/null || { echo "build-deb: install python3-venv" >&2; exit 1; }

VERSION=$("$PY" -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' \
    "$ROOT/pyproject.toml")
WORK=$(mktemp -d /tmp/yunban-deb.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
PKG=$WORK/pkg
VENV=$PKG$PREFIX

echo "build-deb: yunban $VERSION in $WORK"

# 1. The source as the working tree has it (tracked and new files, nothing git ignores), so the build never
#    writes into the checkout.
mkdir -p "$WORK/src"
git -C "$ROOT" ls-files -z --cached --others --exclude-standard \
    | (cd "$ROOT" && tar --null --ignore-failed-read -T - -cf -) | tar -C "$WORK/src" -xf -

# 2. The virtualenv, the wheel and its runtime dependencies (no dev extra; no pip or setuptools left behind).
"$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --no-compile --upgrade pip
"$VENV/bin/python" -m pip wheel --quiet --no-deps -w "$WORK/wheel" "$WORK/src"
WHEEL=$(echo "$WORK"/wheel/yunban-*.whl)
"$VENV/bin/python" -m pip install --quiet --no-compile "$WHEEL$EXTRA"
"$VENV/bin/python" -m pip uninstall --quiet -y setuptools pip  # build tools, not runtime
"$VENV/bin/python" -c 'import app, PySide6.QtWidgets' # the venv imports before we move it

# 3. The default configuration, every key commented out with its default.
install -d "$PKG/etc/yunban"
"$VENV/bin/python" -c 'from app.config import config_template; print(config_template())' \
    >"$PKG/etc/yunban/config.toml"
# Shell completion (yunban completion bash|zsh): where bash-completion and zsh look for it.
install -d "$PKG/usr/share/bash-completion/completions" "$PKG/usr/share/zsh/vendor-completions"
for shell in bash zsh; do
    "$VENV/bin/python" -c 'import sys; from app.cli import main; sys.exit(main(["completion", sys.argv[1]]))' "$shell" \
        >"$WORK/completion.$shell"
done
install -m 0644 "$WORK/completion.bash" "$PKG/usr/share/bash-completion/completions/yunban"
install -m 0644 "$WORK/completion.zsh" "$PKG/usr/share/zsh/vendor-completions/_yunban"

# 4. Move the venv to its installed path: scripts' #! lines and activate files name the build directory.
for info in "$VENV"/lib/python3*/site-packages/yunban-*.dist-info; do  # it names the wheel in $WORK
    rm -f "$info/direct_url.json"
    sed -i '/direct_url.json/d' "$info/RECORD"
done
grep -rlI --null "$PKG" "$VENV" | xargs -0 -r sed -i "s#$PKG##g"
"$VENV/bin/python" -m compileall -q -j 0 -x "/android/recipes/" -s "$PKG" -p / "$VENV/lib"
if grep -rlI "$WORK" "$VENV" >/dev/null; then
    echo "build-deb: build paths left in the venv:" >&2
    grep -rlI "$WORK" "$VENV" >&2
    exit 1
fi

# 5. The rest of the package.
D=$HERE/debian
install -D -m 0755 "$D/yunban.sh" "$PKG/usr/bin/yunban"
install -D -m 0644 "$D/yunban-kiosk.service" "$PKG/lib/systemd/system/yunban-kiosk.service"
install -D -m 0755 "$D/yunban-update-recover" "$PKG/usr/lib/yunban/yunban-update-recover"
install -D -m 0644 "$D/yunban-update.service" "$PKG/lib/systemd/system/yunban-update.service"
install -D -m 0644 "$D/yunban-update.timer" "$PKG/lib/systemd/system/yunban-update.timer"
install -D -m 0644 "$D/yunban-update.path" "$PKG/lib/systemd/system/yunban-update.path"
install -D -m 0644 "$ROOT/docs/updates.md" "$PKG/usr/share/doc/yunban/updates.md"
# The update signing root the terminals trust first (docs/updates.md): UPDATE_ROOT=FILE, else packaging/update-root.json.
if [[ -f ${UPDATE_ROOT:-$HERE/update-root.json} ]]; then
    install -D -m 0644 "${UPDATE_ROOT:-$HERE/update-root.json}" "$PKG/usr/share/yunban/update-root.json"
else
    echo "build-deb: no update signing root (UPDATE_ROOT or packaging/update-root.json): USB updates will be refused"
fi
install -D -m 0644 "$D/70-yunban.rules" "$PKG/lib/udev/rules.d/70-yunban.rules"
install -D -m 0644 "$D/yunban.logrotate" "$PKG/etc/logrotate.d/yunban"
install -D -m 0644 "$ROOT/README.md" "$PKG/usr/share/doc/yunban/README.md"
install -D -m 0644 "$HERE/README.md" "$PKG/usr/share/doc/yunban/packaging.md"
# Online updates (packaging/apt/README.md): the archive key apt trusts for Yunban's repository, and the sources file
# as a template outside /etc (its URI is each site's platform) and outside /usr/share/doc (minimal images drop it).
install -D -m 0644 "$HERE/apt/yunban.sources" "$PKG/usr/share/yunban/apt/yunban.sources"
KEYRING=${YUNBAN_ARCHIVE_KEYRING:-$HERE/apt/yunban-archive-keyring.gpg}
if [[ -f $KEYRING ]]; then
    install -D -m 0644 "$KEYRING" "$PKG/usr/share/keyrings/yunban-archive-keyring.gpg"
else
    echo "build-deb: no archive keyring ($KEYRING): this package cannot verify online updates" >&2
fi
install -d "$PKG/DEBIAN"
install -m 0755 "$D/postinst" "$D/prerm" "$D/postrm" "$D/config" "$PKG/DEBIAN/"
install -m 0644 "$D/templates" "$PKG/DEBIAN/templates"
install -m 0644 "$D/conffiles" "$PKG/DEBIAN/conffiles"
depends=$(printf '%s, ' "${DEPENDS[@]}")
depends=${depends%, }
sed -e "s/@VERSION@/$VERSION/" \
    -e "s/@INSTALLED_SIZE@/$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)/" \
    -e "s/@DEPENDS@/$depends/" "$D/control.in" >"$PKG/DEBIAN/control"

# 6. Build.
mkdir -p "$ROOT/dist"
OUT=$ROOT/dist/yunban_${VERSION}_amd64.deb
dpkg-deb --root-owner-group -Z"${DEB_COMPRESS:-zstd}" --build "$PKG" "$OUT" >/dev/null
echo "build-deb: $OUT ($(du -h "$OUT" | cut -f1))"
if [[ -z $EXTRA ]]; then
    echo "build-deb: built without the hardware extra (pyscard, python-sane, pyusb)"
fi
