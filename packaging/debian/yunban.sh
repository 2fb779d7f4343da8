#!/bin/sh
# /usr/bin/yunban: the yunban command from the package's private virtualenv.
# The data home (which also holds config.toml, a symlink to /etc/yunban/config.toml) is /var/lib/yunban unless
# YUNBAN_HOME or --home says otherwise.
: "${YUNBAN_HOME:=/var/lib/yunban}"
export YUNBAN_HOME
exec /opt/yunban/venv/bin/yunban "$@"
