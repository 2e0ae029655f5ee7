#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
# gen-gpu-seeds.py: write the seeds of fuzz_gpu_reply (seeds-gpu-reply/)
# and fuzz_helper_batch (seeds-helper-batch/): well-formed and malformed
# RESULT and BATCH attribute streams (uapi/tzram_genl.h), each after its
# one-byte prefix (pages - 1). Needs the zstd command for one ZSTD page.
import os, struct, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
A_BATCH_ID, A_NPAGES, A_PAGE, A_RPAGE = 1, 2, 3, 4
PAGE = 4096

def attr(t, payload, declared=None):
    n = 4 + len(payload) if declared is None else declared
    pad = (4 - (4 + len(payload)) % 4) % 4
    return struct.pack('<HH', n, t) + payload + b'\0' * pad

def rpage(index, status, data=b''):
    return attr(A_RPAGE, struct.pack('<Ii', index, status) + data)

def page(index, alg, comp):
    return attr(A_PAGE, struct.pack('<IHBB', index, len(comp), alg, 0) + comp)

text = (b'tzram helper batch seed: a page of text-like bytes. ' * 100)[:PAGE]
# An LZ4 block of text's first 4 bytes repeated: 4 literals, a match of
# 4084 at offset 4, 8 literals (the format wants the last 5 as literals).
rep = (text[:4] * 1024)[:PAGE]
lz4 = bytes([0x4f]) + rep[:4] + struct.pack('<H', 4) + b'\xff' * 15 + bytes([4080 - 15 - 255 * 15]) \
    + bytes([0x80]) + rep[-8:]
zst = subprocess.run(['zstd', '-q', '-c', '-3'], input=text, capture_output=True, check=True).stdout
bid = attr(A_BATCH_ID, struct.pack('<Q', 7))

def write(d, name, prefix, body):
    os.makedirs(os.path.join(here, d), exist_ok=True)
    with open(os.path.join(here, d, name), 'wb') as f:
        f.write(bytes([prefix]) + body)

r = 'seeds-gpu-reply'
write(r, 'one-page', 0, bid + rpage(0, 0, text))
write(r, 'mixed', 3, bid + rpage(2, -22) + rpage(0, 0, text) + rpage(3, -5, bytes(PAGE)))
write(r, 'dup-index', 1, bid + rpage(1, 0, text) + rpage(1, 0, text))
write(r, 'index-range', 1, bid + rpage(2, 0, text))
write(r, 'short-served', 0, bid + rpage(0, 0))
write(r, 'bad-status', 0, bid + rpage(0, 5, text))
write(r, 'truncated', 0, bid + rpage(0, 0, text)[:2000])
write(r, 'len-past-end', 0, bid + attr(A_RPAGE, struct.pack('<Ii', 0, 0), declared=60000))

b = 'seeds-helper-batch'
npg = attr(A_NPAGES, struct.pack('<I', 2))
write(b, 'lz4-zstd', 255, bid + npg + page(0, 1, lz4) + page(1, 2, zst))
write(b, 'lz4-only', 0, bid + attr(A_NPAGES, struct.pack('<I', 1)) + page(0, 1, lz4))
write(b, 'over-max', 0, bid + npg + page(0, 1, lz4) + page(1, 1, lz4))
write(b, 'out-of-order', 255, bid + npg + page(1, 1, lz4) + page(0, 1, lz4))
write(b, 'clen-past-attr', 255, bid + attr(A_PAGE, struct.pack('<IHBB', 0, 3000, 1, 0) + lz4))
write(b, 'no-id', 255, npg + page(0, 1, lz4))
write(b, 'bad-alg', 255, bid + page(0, 9, lz4))
write(b, 'truncated-zstd', 255, bid + page(0, 2, zst[:len(zst) // 2]))
print('seeds written', file=sys.stderr)
