# dev-zram-abi: stock zram and tzram side by side, the same writes to
# each: every attribute both have answers the same (accepted, or refused
# with the same errno) and reads back the same, for bad values, zram's
# size strings (memparse: "512KB", "1G", "0x1000", " 4096\n", ...) and
# what reset keeps or clears (algorithm, writeback limit, mem_limit,
# block statistics). Only attributes stock zram has on this kernel are
# compared (Debian's zram has no recompression: CONFIG_ZRAM_MULTI_COMP).
. /tests/lib.sh

modprobe zram num_devices=1 || fail "modprobe zram"
modprobe tzram || fail "modprobe tzram"
Z=/sys/block/zram0 T=/sys/block/tzram0
n=0

# put DIR ATTR VALUE: write VALUE (printf %b: \n allowed) and print "ok"
# or the shell's error text (the errno's strerror).
put() {
	if msg=$( (printf '%b' "$3" >"$1/$2") 2>&1); then echo ok; else echo "${msg##*: }"; fi
}
# same ATTR VALUE...: each VALUE written to both gets the same answer.
same() {
	a=$1
	shift
	[ -e $Z/$a ] || { echo "skip $a: stock zram has none"; return 0; }
	for v in "$@"; do
		rz=$(put $Z $a "$v") rt=$(put $T $a "$v")
		[ "$rz" = "$rt" ] || fail "$a '$v': zram '$rz', tzram '$rt'"
		n=$((n + 1))
	done
	ok "$a: $# values answered alike"
}
# read_same WHAT CMD: CMD with DIR=zram's and then tzram's prints the same.
read_same() {
	vz=$(D=$Z; eval "$2") vt=$(D=$T; eval "$2")
	expect_eq "$1 (zram '$vz')" "$vt" "$vz"
}
reset_both() { echo 1 >$Z/reset && echo 1 >$T/reset || fail "reset"; }

# ---- uninitialised ----
same comp_algorithm nosuch "" "lz4 x" LZ4 "lz4\n\n" \
	"$(printf '%0200d' 0)" zstd "lz4\n"
read_same "comp_algorithm chosen" 'chosen_alg $D/comp_algorithm'
same reset 0 x -1 1x 65536 " 1"
same mem_used_max 1 x -1 "" 0
same compact 1
same idle all 5 x -1
same writeback idle huge page_index=0 x
same writeback_limit x -1 "" 123 " 5" 18446744073709551616
read_same "writeback_limit" 'cat $D/writeback_limit'
same writeback_limit_enable x -1 2 1 0
read_same "writeback_limit_enable" 'cat $D/writeback_limit_enable'
same max_comp_streams x 0 4
same backing_dev /nonexistent /dev/null ""
same algorithm_params level "level=x" "priority=4 level=1" "priority=-1 level=1" \
	"algo=nosuch level=1" "priority=0 level=3" "foo=bar" "level=1 foo"
same mem_limit x "" " 1M" -5 1M 512KB 0x1000 "4096\n" 1.5G 12abc 0
read_same "mem_limit" 'awk "{print \$4}" $D/mm_stat'

# ---- size strings: the disksize they give, one per init ----
for v in 512KB 1G 0x1000 " 4096\n" "4096\n" 12abc 1.5G 010 1k x 0 "" 16E 3m; do
	rz=$(put $Z disksize "$v") rt=$(put $T disksize "$v")
	[ "$rz" = "$rt" ] || fail "disksize '$v': zram '$rz', tzram '$rt'"
	read_same "disksize after '$v' ($rz)" 'cat $D/disksize'
	reset_both
	n=$((n + 1))
done

# ---- initialised ----
echo 16M >$Z/disksize && echo 16M >$T/disksize || fail "disksize"
same disksize 32M x
same comp_algorithm lz4 nosuch
same compact 1
same idle x all 0 5
same writeback huge page_index=99999999 "page_index=x"
same backing_dev /dev/null
same algorithm_params "priority=0 level=3"
same mem_limit 8M x
read_same "mem_limit" 'awk "{print \$4}" $D/mm_stat'

# ---- reset: what it keeps and clears ----
reset_both
echo zstd >$Z/comp_algorithm && echo zstd >$T/comp_algorithm || fail "zstd"
for d in $Z $T; do
	echo 1 >$d/writeback_limit_enable && echo 77 >$d/writeback_limit &&
		echo 4M >$d/disksize && echo 2M >$d/mem_limit || fail "setup $d"
	dd if=/dev/urandom of=/dev/$(basename $d) bs=4096 count=16 oflag=direct 2>/dev/null || fail "write $d"
	dd if=/dev/$(basename $d) of=/dev/null bs=4096 count=16 iflag=direct 2>/dev/null || fail "read $d"
done
reset_both
read_same "algorithm after reset" 'chosen_alg $D/comp_algorithm'
read_same "writeback_limit after reset" 'cat $D/writeback_limit'
read_same "writeback_limit_enable after reset" 'cat $D/writeback_limit_enable'
read_same "mm_stat after reset" 'echo $(cat $D/mm_stat)'
read_same "block statistics after reset" 'echo $(cat $D/stat)'
read_same "initstate after reset" 'cat $D/initstate'

rmmod zram && rmmod tzram || fail "rmmod"
ok "$n writes answered alike by zram and tzram"
