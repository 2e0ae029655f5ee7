#!/bin/sh
# Install every Debian package listed in debian-packages.txt that is not
# installed yet. Idempotent and silent when everything is present.
set -e
list="$(dirname "$0")/debian-packages.txt"
missing=""
for p in $(sed 's/#.*//' "$list"); do
	st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$st" = installed ] || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing"
if [ "$(id -u)" != 0 ]; then
	echo "deps: need root to install packages (run 'sudo make deps')" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "deps: done"
