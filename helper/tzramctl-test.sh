#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tzramctl-test.sh TZRAMCTL: tzramctl against a fake sysfs/proc tree
# (TZRAMCTL_SYSFS, TZRAMCTL_PROC): option parsing, size parsing, column
# output (human and --bytes, aligned and --raw), setup/find/reset writes,
# stat, top in batch mode, and one-line errors with a non-zero exit.
# Real devices: tests/vm/guest/tzramctl-real.sh (VM, against zramctl).
set -uo pipefail
bin=$(readlink -f "$1")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
chmod 755 "$T"
pass=0
fail() { echo "tzramctl-test: FAIL: $*"; exit 1; }
ok() { pass=$((pass + 1)); }

# fake tree: module (native naming), tzram0 in use as swap, tzram1 free.
mk() { mkdir -p "$(dirname "$1")"; printf '%s\n' "$2" >"$1"; }
mkdev() { # mkdev ROOT NAME DISKSIZE ALG MM_STAT
	local d=$1/block/$2
	mk "$d/disksize" "$3"
	mk "$d/initstate" "$([ "$3" = 0 ] && echo 0 || echo 1)"
	mk "$d/comp_algorithm" "$4"
	mk "$d/max_comp_streams" 2
	mk "$d/mm_stat" "$5"
	mk "$d/io_stat" "       1        2        0        7"
	mk "$d/debug_stat" "version: 1
       0        0"
	mk "$d/stat" "     100        0     2048       10      200        0     8192       20        0       30       30"
	mk "$d/reset" ""
}
S=$T/sys P=$T/proc
mk "$S/module/tzram/version" 0.1.0
mk "$S/module/tzram/parameters/zram_compat" N
mk "$S/module/tzram/parameters/simd_variant" avx2
mk "$S/kernel/tzram/crypto_stat" "algo comp_calls comp_in comp_out decomp_calls decomp_in decomp_out simd_calls scalar_calls errors
lz4 3 12288 100 0 0 0 3 0 0"
mkdev "$S" tzram0 67108864 "[lz4] zstd" "  1572864   524288   532480        0   540672      256        3        1        2"
mkdev "$S" tzram1 0 "[lz4] zstd" "0 0 0 0 0 0 0 0 0"
mkdev "$S" tzram10 0 "[lz4] zstd" "0 0 0 0 0 0 0 0 0"
mk "$S/class/tzram-control/hot_add" 2
mk "$S/class/tzram-control/hot_remove" ""
mk "$P/swaps" "Filename				Type		Size		Used		Priority
/dev/tzram0                             partition	65532		0		-2"
mk "$P/self/mounts" "/dev/tzram1 /mnt/t ext4 rw 0 0"
chmod -R a+rX "$T"
export TZRAMCTL_SYSFS=$S TZRAMCTL_PROC=$P

# run ARGS...: stdout in $out, stderr in $err, exit code in $rc
run() { out=$("$bin" "$@" 2>"$T/err"); rc=$?; err=$(cat "$T/err"); }
expect_out() { # expect_out WANT ARGS...
	local want=$1
	shift
	run "$@"
	[ $rc = 0 ] || fail "tzramctl $*: exit $rc ($err)"
	[ "$out" = "$want" ] || fail "tzramctl $*: got
$out
want
$want"
	ok
}
expect_err() { # expect_err PATTERN ARGS...: exit 1, one stderr line matching
	local pat=$1
	shift
	run "$@"
	[ $rc = 1 ] || fail "tzramctl $*: exit $rc, want 1 (out '$out' err '$err')"
	[ "$(printf '%s\n' "$err" | wc -l)" = 1 ] || fail "tzramctl $*: not one error line: $err"
	[[ "$err" == tzramctl:\ * ]] || fail "tzramctl $*: error without 'tzramctl: ' prefix: $err"
	printf '%s\n' "$err" | grep -Eq -- "$pat" || fail "tzramctl $*: error '$err' does not match '$pat'"
	[ -z "$out" ] || fail "tzramctl $*: printed '$out' on error"
	ok
}

# ---- listing: zramctl's default columns, alignment, human sizes
expect_out "NAME        ALGORITHM DISKSIZE  DATA COMPR TOTAL STREAMS MOUNTPOINT
/dev/tzram0 lz4            64M  1.5M  512K  520K       2 [SWAP]"
expect_out "/dev/tzram0 lz4 64M 1.5M 512K 520K 2 [SWAP]" --raw --noheadings
expect_out "NAME DISKSIZE DATA COMPR ALGORITHM STREAMS ZERO-PAGES TOTAL MEM-LIMIT MEM-USED MIGRATED MOUNTPOINT
/dev/tzram0 67108864 1572864 524288 lz4 2 256 532480 0 540672 3 [SWAP]" --output-all --bytes --raw
expect_out "/dev/tzram0 256 3B" -n --raw -o NAME,ZERO-PAGES,MIGRATED
expect_out "/dev/tzram1 0B lz4 /mnt/t" -o name,disksize,ALGORITHM,MOUNTPOINT --raw -n tzram1
expect_out "/dev/tzram10 lz4 0 0 0 0 2  0" -n --raw -o +ZERO-PAGES /dev/tzram10 --bytes
run -n --raw -o NAME,DISKSIZE /dev/tzram10
[ "$out" = "/dev/tzram10 0B" ] || fail "-o replaces: '$out'"
ok

# ---- human sizes: zramctl's rule (largest unit, one decimal, no .0)
hs() { # hs BYTES WANT
	mk "$S/block/tzram1/disksize" "$1"
	run -n --raw -o DISKSIZE tzram1
	[ "$out" = "$2" ] || fail "human size of $1: got '$out', want '$2'"
	ok
}
hs 0 0B; hs 512 512B; hs 1023 1023B; hs 1024 1K; hs 1536 1.5K; hs 1100 1.1K
hs 1048575 1024K; hs 1048576 1M; hs 1073741824 1G; hs 1610612736 1.5G
hs 1181116006 1.1G; hs 1288490188 1.2G; hs 17592186044416 16T; hs 1125899906842624 1P
hs 1152921504606846976 1E; hs 18446744073709551615 16E
mk "$S/block/tzram1/disksize" 0

# ---- setup: reset, algorithm, streams, size written, in bytes
sz() { # sz ARG WANT_BYTES
	run -s "$1" /dev/tzram1
	[ $rc = 0 ] || fail "-s $1: exit $rc ($err)"
	[ "$(cat "$S/block/tzram1/disksize")" = "$2" ] || fail "-s $1 wrote '$(cat "$S/block/tzram1/disksize")', want $2"
	ok
}
sz 512 512; sz 64M 67108864; sz 64m 67108864; sz 64MiB 67108864; sz 100KB 100000
sz 1.5G 1610612736; sz 2g 2147483648; sz 1T 1099511627776; sz 0.5K 512; sz 3E 3458764513820540928
run -s 1G -a zstd -t 4 tzram1
[ $rc = 0 ] && [ -z "$out" ] || fail "setup: rc $rc out '$out' err '$err'"
[ "$(cat "$S/block/tzram1/reset")" = 1 ] || fail "setup did not reset first"
[ "$(cat "$S/block/tzram1/comp_algorithm")" = zstd ] || fail "setup: algorithm not written"
[ "$(cat "$S/block/tzram1/max_comp_streams")" = 4 ] || fail "setup: streams not written"
[ "$(cat "$S/block/tzram1/disksize")" = 1073741824 ] || fail "setup: disksize not written"
ok
for bad in 0 abc 10X -5 "" 1.G 16E 99999999999999999999 12KiBs 1,5G " 5M" 0.0M; do
	expect_err "invalid size '$bad'" -s "$bad" /dev/tzram1
done
expect_err "too large" -s 20000000T /dev/tzram1

# ---- find: first free device, else hot_add (tzram1 set up above)
mkdev "$S" tzram2 0 "[lz4] zstd" "0 0 0 0 0 0 0 0 0"
mk "$S/block/tzram10/disksize" 4096
expect_out /dev/tzram2 --find --size 32M
[ "$(cat "$S/block/tzram2/disksize")" = 33554432 ] || fail "--find: size not set on tzram2"
mk "$S/block/tzram2/disksize" 4096
mk "$S/class/tzram-control/hot_add" 3
mkdev "$S" tzram3 0 "[lz4] zstd" "0 0 0 0 0 0 0 0 0"
expect_out /dev/tzram3 -f -s 16M -a lz4
[ "$(cat "$S/block/tzram3/comp_algorithm")" = lz4 ] || fail "--find -a: algorithm"
ok

# ---- reset: reset then hot_remove
expect_out "" --reset /dev/tzram3 tzram2
[ "$(cat "$S/block/tzram2/reset")" = 1 ] && [ "$(cat "$S/class/tzram-control/hot_remove")" = 2 ] ||
	fail "--reset: reset/hot_remove not written"
ok

# ---- argument and environment errors: one line, exit 1
expect_err "unknown column: FOO" -o NAME,FOO
expect_err "only one <device> at a time is allowed" tzram0 tzram1
expect_err "unknown option '--frobnicate'" --frobnicate
expect_err "unknown option '-x'" -x
expect_err "requires an argument" --size
expect_err "--reset needs a device" --reset
expect_err "--reset takes only devices" --reset -s 1G tzram1
expect_err "--find needs --size" --find
expect_err "--find takes no device" -f -s 1G tzram1
expect_err "--size needs one device" -s 1G
expect_err "go with --size" -a lz4 tzram1
expect_err "invalid number of streams" -s 1G -t x tzram1
expect_err "/dev/sda: not a tzram device" /dev/sda
expect_err "zram0: not a tzram device" zram0
expect_err "tzram9: no such device" /dev/tzram9
expect_err "tzram7: no such device" -s 1G tzram7
mk "$S/block/tzram1/comp_algorithm" "[lz4] zstd"
TZRAMCTL_SYSFS=$T/nothing expect_err "^tzramctl: the tzram module is not loaded \(modprobe tzram\)$"
mkdir -p "$T/stock/module/zram"
TZRAMCTL_SYSFS=$T/stock expect_err "not loaded \(stock zram is: use zramctl" -s 1G zram0
TZRAMCTL_SYSFS=$T/nothing expect_err "not loaded" stat
TZRAMCTL_SYSFS=$T/nothing expect_err "not loaded" top -n 1 -d 0.1
expect_err "top: invalid iteration count '0'" top -n 0
expect_err "top: invalid delay 'x'" top -d x
expect_err "stat: unknown option '-q'" stat -q
# no permission: the fake files are root's 0644, so an unprivileged user
# gets EACCES just as on /sys
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	out=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$bin" -s 1G tzram1 2>"$T/err"); rc=$?
	err=$(cat "$T/err")
	[ $rc = 1 ] && [ "$(echo "$err" | wc -l)" = 1 ] &&
		[[ "$err" == *"cannot set reset to 1: Permission denied (run as root)"* ]] ||
		fail "unprivileged setup: rc $rc err '$err'"
	ok
fi
run --help
[ $rc = 0 ] && [[ "$out" == *"--find"*"MOUNTPOINT"* ]] || fail "--help"
run -V
[ $rc = 0 ] && [[ "$out" == "tzramctl (tzram tools) "[0-9]* ]] || fail "-V: '$out'"
ok

# ---- zram_compat=1: zramN devices, zram-control
C=$T/csys
mk "$C/module/tzram/version" 0.1.0
mk "$C/module/tzram/parameters/zram_compat" Y
mk "$C/module/tzram/parameters/simd_variant" scalar
mkdev "$C" zram0 33554432 "lzo [lz4] zstd" "4096 100 8192 0 8192 0 0 0 0"
mk "$C/class/zram-control/hot_add" 1
mk "$P/swaps" "Filename Type Size Used Priority
/dev/zram0 partition 32764 0 100"
TZRAMCTL_SYSFS=$C expect_out "/dev/zram0 lz4 32M 4K 100B 8K 2 [SWAP]" --raw -n
mk "$P/swaps" "Filename Type Size Used Priority"
rm "$P/self/mounts"
TZRAMCTL_SYSFS=$C expect_out "/dev/zram0 lz4 32M 4K 100B 8K 2 " --raw -n
TZRAMCTL_SYSFS=$C expect_err "tzram0: not a tzram \(zram_compat\) device \(expected /dev/zramN\)" tzram0

# ---- stat: module, crypto_stat, each device's counters, gpu_stat
run stat
[ $rc = 0 ] || fail "stat: exit $rc ($err)"
for want in "  version            0.1.0" "  simd_variant       avx2" "  zram_compat        0" \
	"  lz4 3 12288 100 0 0 0 3 0 0" "device /dev/tzram0" "  orig_data_size     1572864" \
	"  huge_pages_since   2" "  ratio              2.95" "  notify_free        7" \
	"  read_bytes         1048576" "  written_bytes      4194304" "  gpu_stat: absent (No such file or directory)"; do
	printf '%s\n' "$out" | grep -qxF -- "$want" || fail "stat: no line '$want' in
$out"
	ok
done
mk "$S/block/tzram0/gpu_stat" "batches 4
pages 64
fallback_nohelper 2
fallback_timeout 1"
run stat tzram0
printf '%s\n' "$out" | grep -qxF "    fallback_timeout 1" || fail "stat: gpu_stat lines: $out"
[ "$(printf '%s\n' "$out" | grep -c '^device ')" = 1 ] || fail "stat DEVICE: other devices shown"
ok
printf '%s\n' "$out" | grep -qxF "  unit_max_pages: absent (No such file or directory)" ||
	fail "stat: unit_max_pages absence: $out"
ok
mk "$S/block/tzram0/unit_max_pages" "16"
mk "$S/block/tzram0/unit_stat" "      12      190       40      300      280        2"
run stat tzram0
for want in "  unit_max_pages     16" "  units_stored       12" "  pages_in_units     190" \
	"  unit_reads         40" "  partial_reads      300" "  partial_hits       280" \
	"  units_split        2"; do
	printf '%s\n' "$out" | grep -qxF -- "$want" || fail "stat: no line '$want' in
$out"
	ok
done

# ---- top, batch mode: N frames, one row per initialised device
run top -n 2 -d 0.1
[ $rc = 0 ] || fail "top: exit $rc ($err)"
[ "$(printf '%s\n' "$out" | grep -c '^tzramctl top - ')" = 2 ] || fail "top -n 2: frames: $out"
row=$(printf '%s\n' "$out" | grep '^/dev/tzram0' | tail -n 1 | tr -s ' ')
[ "$row" = "/dev/tzram0 lz4 64M 1.5M 512K 2.95 520K 0.0 0.0 3" ] || fail "top row: '$row'"
printf '%s\n' "$out" | grep -q $'\033' && fail "top batch output has escape codes"
ok
run top --iterations 1 --delay 0.2 --batch
[ $rc = 0 ] && [[ "$out" == *"variant avx2"*"interval 0."* ]] || fail "top long options: $out"
ok

echo "tzramctl-test: $pass checks passed"
