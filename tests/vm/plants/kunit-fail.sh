#!/bin/sh
# Plant a failing KUnit expectation (run inside the harness's source copy):
# ktap-check must report the suite as failed.
set -e
sed -i 's/^\(\tKUNIT_EXPECT_EQ(test, v, 12ULL);\)$/\1\n\tKUNIT_EXPECT_EQ(test, v, 13ULL);/' tests/kunit/parse_test.c
grep -q '13ULL' tests/kunit/parse_test.c || { echo "plant kunit-fail: pattern not found" >&2; exit 1; }
