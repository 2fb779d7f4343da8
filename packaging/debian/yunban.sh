#!/bin/sh
# /usr/bin/yunban: the yunban command from the package's private virtualenv.
# The data home (which also holds config.toml, a symlink to /etc/yunban/config.toml) is /var/lib/yunban unless
# YUNBAN_HOME or --home says otherwise.
#
# Run by root on the packaged home (no --home DIR), every command except `update` (which installs packages with dpkg) runs as the
# system user yunban, so files it writes in /var/lib/yunban stay the kiosk's; the keyring passphrase is then taken
# from the systemd credential (/etc/credstore.encrypted/yunban-keyring, readable by root only) the way
# yunban-kiosk.service gets it, and handed to that one process in its environment.
: "${YUNBAN_HOME:=/var/lib/yunban}"
export YUNBAN_HOME
BIN=/opt/yunban/venv/bin/yunban
CRED=/etc/credstore.encrypted/yunban-keyring

if [ "$(id -u)" = 0 ] && [ "$YUNBAN_HOME" = /var/lib/yunban ] && [ -z "${YUNBAN_AS_ROOT:-}" ] \
    && getent passwd yunban >/dev/null; then
    for arg in "$@"; do  # another home named on the command line: run as the caller
        case "$arg" in --home|--home=*) exec "$BIN" "$@" ;; esac
    done
    for arg in "$@"; do
        case "$arg" in
            -*) ;;
            update) exec "$BIN" "$@" ;;
            *) break ;;
        esac
    done
    if [ -z "${YUNBAN_KEYRING_PASSPHRASE:-}" ] && [ -z "${CREDENTIALS_DIRECTORY:-}" ] && [ -r "$CRED" ] \
        && command -v systemd-creds >/dev/null; then
        YUNBAN_KEYRING_PASSPHRASE=$(systemd-creds decrypt --name=yunban-keyring "$CRED" - 2>/dev/null) || true
        [ -n "$YUNBAN_KEYRING_PASSPHRASE" ] && export YUNBAN_KEYRING_PASSPHRASE
    fi
    # The environment is kept (the passphrase never appears on a command line); HOME and USER become yunban's.
    HOME=/var/lib/yunban USER=yunban LOGNAME=yunban
    export HOME USER LOGNAME
    exec setpriv --reuid=yunban --regid=yunban --init-groups -- "$BIN" "$@"
fi
exec "$BIN" "$@"
