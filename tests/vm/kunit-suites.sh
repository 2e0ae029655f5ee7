#!/bin/bash
# Print the KUnit suite names built into tzram.ko on a KUnit kernel: the
# ".name" of each suite in the sources tests/kunit/kunit.kbuild lists.
top=$(cd "$(dirname "$0")/../.." && pwd)
for o in $(grep -E '^tzram-y' "$top/tests/kunit/kunit.kbuild" | grep -oE 'tests/kunit/[A-Za-z0-9_]+\.o' | sort -u); do
	grep -oE '\.name *= *"tzram_[A-Za-z0-9_]+"' "$top/${o%.o}.c" | sed -E 's/.*"(.*)"/\1/'
done
