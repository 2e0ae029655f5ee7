# Helpers for guest test scripts (sourced: . /tests/lib.sh).
# Every check prints what it checked; a failed check exits the test non-zero.

# fail MSG: report and end this test as failed.
fail() {
	echo "FAIL: $*"
	exit 1
}

# ok MSG: report a passed check.
ok() {
	echo "ok: $*"
}

# forget_load_log: drop the kernel log so far, after loading the module.
# On the debug kernel its KUnit suites run at every load, and tzram_batch
# decodes corrupt pages on purpose ("corrupt object" lines); a test that
# looks for that line afterwards must see only what its own I/O caused.
forget_load_log() {
	dmesg -c >/dev/null
}

# stand_in_makefs: no systemd in the guest; zram-generator runs
# systemd-makefs from /lib/systemd (Debian 12's) or /usr/lib/systemd
# (sid's): a stand-in at both that makes swap with mkswap.
stand_in_makefs() {
	local dir
	for dir in /lib/systemd /usr/lib/systemd; do
		mkdir -p $dir
		printf '#!/bin/sh\n[ "$1" = swap ] && exec mkswap "$2"\nexit 1\n' >$dir/systemd-makefs
		chmod +x $dir/systemd-makefs
	done
}

# expect_eq WHAT GOT WANT
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
	ok "$1 = '$3'"
}

# expect_no_io_errors SYSFS-DIR [WHAT]: the device's io_stat counts no
# failed reads and no failed writes.
expect_no_io_errors() {
	local what=${2:+$2 }
	set -- $(cat "$1/io_stat")
	expect_eq "${what}failed reads" "$1" 0
	expect_eq "${what}failed writes" "$2" 0
}

# expect_fail WHAT CMD...: CMD must fail (non-zero exit).
expect_fail() {
	local what=$1
	shift
	if "$@" 2>/dev/null; then
		fail "$what: '$*' succeeded, must fail"
	fi
	ok "$what: refused"
}

# dmesg_has PATTERN: kernel log contains an extended-regex match.
dmesg_has() {
	dmesg | grep -Eq "$1"
}

# chosen_alg FILE: the algorithm a comp_algorithm-style FILE has in brackets.
chosen_alg() {
	sed -n 's/.*\[\([^]]*\)\].*/\1/p' "$1"
}

# kernel_at_least MAJOR MINOR: the running kernel is MAJOR.MINOR or later
# (for expectations that follow the kernel's own zram: kmod/compat.h).
kernel_at_least() {
	local v ma mi
	v=$(uname -r)
	ma=${v%%.*}
	v=${v#*.}
	mi=${v%%[!0-9]*}
	[ "$ma" -gt "$1" ] || { [ "$ma" -eq "$1" ] && [ "$mi" -ge "$2" ]; }
}

# tzram_version: the version the module under test reports.
tzram_version() {
	modinfo -F version /lib/modules/"$(uname -r)"/extra/tzram.ko
}
