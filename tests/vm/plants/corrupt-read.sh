#!/bin/sh
# Plant silent data corruption on the read path (run inside the harness's
# source copy): one byte flipped in every 61st page the codec glue
# decompresses. The data tests must catch it, e.g.
#   tests/vm/run.sh --plant tests/vm/plants/corrupt-read.sh \
#     --label plant-corrupt --expect-fail 'failed tests: dev-fio' deb61 dev-fio
set -e
sed -i 's/^\(\tret = c->alg->decompress(v, src, len, page, PAGE_SIZE, s->dwork);\)$/\1\n\t{\n\t\tstatic unsigned int tz_plant_n;\n\n\t\tif (ret == PAGE_SIZE \&\& ++tz_plant_n % 61 == 7)\n\t\t\t((u8 *)page)[100] ^= 0x40;\n\t}/' kmod/comp.c
grep -q 'tz_plant_n % 61' kmod/comp.c || { echo "plant corrupt-read: pattern not found in kmod/comp.c" >&2; exit 1; }
