#!/usr/bin/env bash
# Build or refresh Yunban's signed apt repository (dists/ layout), which terminals trust through `Signed-By:` only.
#
# Usage: packaging/apt/make-repo.sh --out DIR [--gnupghome DIR] [--key KEYID] [--valid-days N] [--suite NAME]
#                                   [--date DATE] [DEB...]
#   --out DIR         the repository (created if missing); publish it as a whole under the platform's /apt/
#   --gnupghome DIR   GnuPG home holding the signing key (default: $GNUPGHOME, else ~/.gnupg)
#   --key KEYID       key id or fingerprint to sign with (default: the home's only secret key)
#   --valid-days N    Valid-Until = Date + N days (default 30): terminals refuse the repository after that, so it
#                     must be re-signed before then (run this script again with no .deb)
#   --suite NAME      suite and codename (default bookworm: the packages are for Debian 12)
#   --date DATE       the Release's Date, anything `date -d` reads (default now; tests use it to make an expired
#                     repository)
#   DEB...            .deb files copied into pool/main/ (versions already there stay listed; with none, the
#                     repository is only re-indexed and re-signed, e.g. to push Valid-Until forward)
#
# Output: pool/main/*.deb, dists/SUITE/main/binary-amd64/Packages{,.gz}, dists/SUITE/Release (Date, Valid-Until,
# Architectures: amd64, Components: main, SHA256/SHA512 of the indexes), InRelease (`gpg --clearsign`),
# Release.gpg (`gpg -abs`), and yunban-archive-keyring.gpg (`gpg --export`, binary: what a terminal keeps in
# /usr/share/keyrings/ and names in Signed-By). Needs apt-ftparchive (apt-utils) and gpg.
set -euo pipefail
export LC_ALL=C

usage() {
    sed -n '4,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

OUT="" KEY="" VALID_DAYS=30 SUITE=bookworm DATE=now
GNUPGHOME=${GNUPGHOME:-$HOME/.gnupg}
DEBS=()
while [[ $# -gt 0 ]]; do
    case $1 in
        --out) OUT=${2:?}; shift 2 ;;
        --gnupghome) GNUPGHOME=${2:?}; shift 2 ;;
        --key) KEY=${2:?}; shift 2 ;;
        --valid-days) VALID_DAYS=${2:?}; shift 2 ;;
        --suite) SUITE=${2:?}; shift 2 ;;
        --date) DATE=${2:?}; shift 2 ;;
        -h | --help) usage ;;
        -*) echo "make-repo: unknown option $1" >&2; usage ;;
        *) DEBS+=("$1"); shift ;;
    esac
done
[[ -n $OUT ]] || usage
[[ $VALID_DAYS =~ ^[0-9]+$ && $VALID_DAYS -gt 0 ]] || { echo "make-repo: --valid-days must be a whole number > 0" >&2; exit 2; }
[[ $SUITE =~ ^[A-Za-z0-9._-]+$ ]] || { echo "make-repo: bad --suite $SUITE" >&2; exit 2; }
for tool in apt-ftparchive gpg dpkg-deb gzip; do
    command -v "$tool" >/dev/null || { echo "make-repo: $tool is missing (apt-ftparchive: apt-get install apt-utils)" >&2; exit 1; }
done
[[ -d $GNUPGHOME ]] || { echo "make-repo: GnuPG home $GNUPGHOME: no such directory" >&2; exit 1; }
GNUPGHOME=$(cd "$GNUPGHOME" && pwd)  # absolute: signing happens inside $OUT
export GNUPGHOME
GPG=(gpg --batch --quiet --no-tty)

# The signing key: the one asked for, or the home's only secret key.
if [[ -z $KEY ]]; then
    mapfile -t fprs < <("${GPG[@]}" --with-colons --list-secret-keys 2>/dev/null | awk -F: '$1 == "fpr" && prev == "sec" {print $10} {prev = $1}')
    if [[ ${#fprs[@]} -ne 1 ]]; then
        echo "make-repo: $GNUPGHOME holds ${#fprs[@]} secret keys; name one with --key" >&2
        exit 1
    fi
    KEY=${fprs[0]}
fi
FPR=$("${GPG[@]}" --with-colons --list-secret-keys "$KEY" 2>/dev/null | awk -F: '$1 == "fpr" {print $10; exit}') || true
[[ -n $FPR ]] || { echo "make-repo: no secret key $KEY in $GNUPGHOME" >&2; exit 1; }

for deb in "${DEBS[@]}"; do
    [[ -f $deb ]] || { echo "make-repo: $deb: no such file" >&2; exit 1; }
    arch=$(dpkg-deb -f "$deb" Architecture)
    [[ $arch == amd64 || $arch == all ]] || { echo "make-repo: $deb is for $arch, the repository is amd64 only" >&2; exit 1; }
done

DATE_R=$(date -u -R -d "$DATE")
UNTIL_R=$(date -u -R -d "@$(($(date -u -d "$DATE" +%s) + VALID_DAYS * 86400))")
DIST=dists/$SUITE
BIN=$DIST/main/binary-amd64
mkdir -p "$OUT/pool/main" "$OUT/$BIN"
for deb in "${DEBS[@]}"; do
    # Named by its control fields, as apt expects; a different file under the same name would break clients that
    # cached the old one, so that is refused.
    name="$(dpkg-deb -f "$deb" Package)_$(dpkg-deb -f "$deb" Version | sed 's/^[0-9]*://')_$(dpkg-deb -f "$deb" Architecture).deb"
    if [[ -e $OUT/pool/main/$name ]] && ! cmp -s "$deb" "$OUT/pool/main/$name"; then
        echo "make-repo: pool/main/$name already exists with other contents; bump the version" >&2
        exit 1
    fi
    cp -f "$deb" "$OUT/pool/main/$name"
done

cd "$OUT"
apt-ftparchive --arch amd64 -o APT::FTPArchive::Packages::MD5=false -o APT::FTPArchive::Packages::SHA1=false \
    packages pool/main >"$BIN/Packages"
gzip -9nkf "$BIN/Packages"
rm -f "$DIST/Release" "$DIST/InRelease" "$DIST/Release.gpg"
apt-ftparchive \
    -o APT::FTPArchive::Release::Origin=Yunban \
    -o APT::FTPArchive::Release::Label=Yunban \
    -o "APT::FTPArchive::Release::Suite=$SUITE" \
    -o "APT::FTPArchive::Release::Codename=$SUITE" \
    -o APT::FTPArchive::Release::Architectures=amd64 \
    -o APT::FTPArchive::Release::Components=main \
    -o "APT::FTPArchive::Release::Description=Yunban terminal updates" \
    -o "APT::FTPArchive::Release::Date=$DATE_R" \
    -o "APT::FTPArchive::Release::ValidTime=$((VALID_DAYS * 86400))" \
    -o "APT::FTPArchive::Release::Valid-Until=$UNTIL_R" \
    -o APT::FTPArchive::Release::MD5=false -o APT::FTPArchive::Release::SHA1=false \
    release "$DIST" >"$DIST/Release.new"
mv "$DIST/Release.new" "$DIST/Release"
"${GPG[@]}" --yes --local-user "$FPR" --digest-algo SHA512 --clearsign -o "$DIST/InRelease" "$DIST/Release"
"${GPG[@]}" --yes --local-user "$FPR" --digest-algo SHA512 -abs -o "$DIST/Release.gpg" "$DIST/Release"
"${GPG[@]}" --export "$FPR" >yunban-archive-keyring.gpg

echo "make-repo: $OUT ($SUITE, $(find pool/main -name '*.deb' | wc -l) package files), signed by $FPR, valid until $UNTIL_R"
