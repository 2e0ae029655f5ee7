#!/bin/sh
# Plant a WARN_ON(1) in module init (run inside the harness's source copy):
# the judge must fail the run on the kernel's WARNING.
set -e
sed -i 's/^\(\tpr_info("version %s loaded\\n", TZRAM_VERSION);\)$/\1\n\tWARN_ON(1);/' kmod/main.c
grep -q 'WARN_ON(1);' kmod/main.c || { echo "plant warn: pattern not found in kmod/main.c" >&2; exit 1; }
