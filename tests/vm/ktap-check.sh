#!/bin/bash
# ktap-check.sh LOG SUITE...: every named KUnit suite must have reported
# "ok" in the console log (KTAP); a "not ok", a crash mid-suite or a suite
# that never ran fails. Prints one line per suite and a summary.
log=$1
shift
clean=$(tr -d '\r' <"$log" | sed -E 's/^\[ *[0-9]+\.[0-9]+\] //')
rc=0
for s in "$@"; do
	line=$(grep -E "^ *(not ok|ok) [0-9]+ $s( |$)" <<<"$clean" | tail -n 1)
	# Case results are the indented ok/not ok lines between the suite's
	# "# Subtest:" header and its own result line; the suite runs at each
	# load, so only its last run counts.
	cases=$(awk -v s="$s" '
		$0 ~ "# Subtest: " s "$" { on = 1; buf = ""; next }
		on && $0 ~ "^ *(not ok|ok) [0-9]+ " s "( |$)" { on = 0; last = buf; done = 1; next }
		on && /^ +(not ok|ok) [0-9]+ / { buf = buf $0 "\n" }
		END { printf "%s", (on || !done) ? buf : last }' <<<"$clean")
	npass=$(grep -Ec '^ +ok [0-9]+ ' <<<"$cases")
	nfail=$(grep -Ec '^ +not ok [0-9]+ ' <<<"$cases")
	nskip=$(grep -Ec '# SKIP' <<<"$cases")
	if [ -z "$line" ]; then
		echo "kunit $s: MISSING (never ran or crashed mid-suite)"
		rc=1
	elif [[ $line == *"not ok"* ]] || [ "$nfail" -gt 0 ]; then
		echo "kunit $s: FAIL ($nfail of $((npass + nfail)) cases failed)"
		grep -E '^ +(not ok|# .*(Expected|EXPECTATION|ASSERTION))' <<<"$clean" | head -n 10
		rc=1
	elif [ $((npass + nfail)) -eq 0 ]; then
		echo "kunit $s: FAIL (no test cases reported)"
		rc=1
	else
		echo "kunit $s: ok ($npass cases, $nskip skipped)"
	fi
done
exit $rc
