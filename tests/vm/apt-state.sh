#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Sourced by the harness's cache scripts (sid-kernel.sh, arm64-kernel.sh):
# apt with its own state under a cache directory, so that package lists of
# another release or architecture never mix with the host's apt.
#   apt_state_init DIR NATIVE_ARCH ARCHS SOURCE_LINE...
#       sets apt_opts (an array of apt-get/apt-cache options): DIR holds
#       sources.list, lists/, an empty dpkg status, caches and archives/.
#       Dates are not checked (sid's Release is past its Valid-Until on
#       these machines); signatures are, with Debian's archive keyring.
#   apt_state_update
#       apt-get update, at most once a day (DIR/updated); 1 if it failed.
apt_state_init() {
	apt_dir=$1
	local native=$2 archs=$3 line
	shift 3
	mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial" "$apt_dir/cache"
	for line in "$@"; do
		echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $line"
	done >"$apt_dir/sources.list"
	: >"$apt_dir/status"
	apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
		-o "Dir::State::Lists=$apt_dir/lists" -o "Dir::State::status=$apt_dir/status"
		-o "Dir::Cache=$apt_dir/cache" -o "Dir::Cache::Archives=$apt_dir/archives"
		-o "APT::Architecture=$native" -o "APT::Architectures=$archs"
		-o Acquire::Check-Valid-Until=false -o Debug::NoLocking=1)
}

apt_state_update() {
	[ -n "$(find "$apt_dir/updated" -mmin -1440 2>/dev/null)" ] && return 0
	if apt-get "${apt_opts[@]}" -qq update >"$apt_dir/update.log" 2>&1; then
		touch "$apt_dir/updated"
		return 0
	fi
	return 1
}
