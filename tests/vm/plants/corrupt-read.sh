#!/bin/sh
# Plant silent data corruption on the read path (run inside the harness's
# source copy): one byte flipped in every 61st page the device decompresses
# (one page a call or in batches: kmod/comp.c tz_comp_run). The data tests
# must catch it, e.g.
#   tests/vm/run.sh --plant tests/vm/plants/corrupt-read.sh \
#     --label plant-corrupt --expect-fail 'failed tests: dev-fio' deb61 dev-fio
set -e
sed -i 's/^\(\t\t\tfailed += j->ret < 0;\)$/\1\n\t\t\tif (!comp \&\& !j->ret) {\n\t\t\t\tstatic unsigned int tz_plant_n;\n\n\t\t\t\tif (++tz_plant_n % 61 == 7)\n\t\t\t\t\t((u8 *)j->dst)[100] ^= 0x40;\n\t\t\t}/' kmod/comp.c
grep -q 'tz_plant_n % 61' kmod/comp.c || { echo "plant corrupt-read: pattern not found in kmod/comp.c" >&2; exit 1; }
