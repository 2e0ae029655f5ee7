#!/bin/bash
# judge.sh LOG: decide a guest run from its console log. Pass only if the
# guest printed "TZVM-RESULT: PASS" and the kernel reported nothing bad.
# Prints the reasons for a failure and the console tail; exit 0 on pass.
log=$1
# Lockdep reports open with "WARNING: ..." headings (circular/recursive
# locking, inconsistent lock state, suspicious RCU usage) or the patterns
# below; the boot banner "RCU lockdep checking is enabled" is not a report.
bad='BUG:|WARNING:|Oops|KASAN:|UBSAN:|Kernel panic|scheduling while atomic|possible recursive locking|circular locking|inconsistent lock state|DEBUG_LOCKS_WARN_ON|non-static key|bad unlock balance|general protection fault|kernel BUG at|Call Trace:|INFO: task .* blocked|stack-protector|refcount_t:|list_add corruption|list_del corruption'
reasons=()
# The kernel's own allocation-failure reports (warn_alloc: "page
# allocation failure", then a stack) are what memory pressure, which the
# swap tests create on purpose, makes the kernel print; so are its
# reports of an allocation stalled in reclaim ("page allocation stall for
# N secs": TCG on a loaded host). One is dropped unless its stack names
# tzram (then it is ours and counts).
kernel_log() {
	tr -d '\r' <"$log" | awk '
		/page allocation (failure|stall for [0-9]+ secs):/ { held = $0 "\n"; inrep = 1; next }
		inrep { held = held $0 "\n"
			if ($0 ~ /<\/TASK>/) { if (held ~ /tzram/) printf "%s", held; inrep = 0; held = "" }
			next }
		{ print }
		END { if (inrep) printf "%s", held }'
}
hits=$(kernel_log | grep -E "$bad" | grep -v 'TZVM-' | head -n 5)
[ -n "$hits" ] && reasons+=("kernel reported:" "$hits")
grep -q 'TZVM-RESULT: PASS' "$log" || {
	if grep -q 'TZVM-RESULT: FAIL' "$log"; then
		reasons+=("failed tests: $(grep -a 'TZVM-TEST .*: FAIL' "$log" | sed 's/TZVM-TEST //; s/: FAIL//' | tr '\n' ' ')")
	else
		reasons+=("no result marker: the guest hung, crashed or was killed")
	fi
}
[ ${#reasons[@]} -eq 0 ] && exit 0
printf '%s\n' "${reasons[@]}"
echo "---- console tail ($log) ----"
tr -d '\r' <"$log" | tail -n 40
exit 1
