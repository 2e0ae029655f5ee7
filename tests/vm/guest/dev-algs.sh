# dev-algs: every algorithm comp_algorithm lists (zram's on this kernel,
# served by ours or by the kernel's compressors, then tzram's own) and
# every other name this kernel's zram takes: the list is stock zram's plus
# "auto"; each algorithm round-trips under fio --verify (crc32c, random
# and pattern data, small region) and as swap under memory pressure
# confined to a cgroup (every byte verified by memfill).
. /tests/lib.sh

modprobe tzram || fail "modprobe tzram"
forget_load_log
modprobe zram num_devices=1 || fail "modprobe zram"
S=/sys/block/tzram0 Z=/sys/block/zram0
names() { echo $(tr -d '[]' <"$1"); }
list=$(names $S/comp_algorithm) zlist=$(names $Z/comp_algorithm)
expect_eq "comp_algorithm: stock zram's list, then auto" "$list" "$zlist auto"

# Names outside zram's list that it takes anyway (6.1: any crypto API
# compressor, shown in brackets only while chosen).
extra=
for a in deflate 842; do
	case " $zlist " in *" $a "*) continue ;; esac
	echo $a >$Z/comp_algorithm 2>/dev/null || continue
	want=$(cat $Z/comp_algorithm)
	echo $a >$S/comp_algorithm || fail "$a: zram takes it, tzram refused"
	expect_eq "comp_algorithm with $a chosen" "$(cat $S/comp_algorithm)" "${want% } auto "
	extra="$extra $a"
done
echo 1 >$Z/reset
rmmod zram

mkdir -p /sys/fs/cgroup
grep -q cgroup2 /proc/mounts || mount -t cgroup2 none /sys/fs/cgroup || fail "cgroup2"
echo +memory >/sys/fs/cgroup/cgroup.subtree_control 2>/dev/null
mkdir -p /sys/fs/cgroup/algs
echo 16M >/sys/fs/cgroup/algs/memory.max || fail "memory.max"

for a in $list $extra; do
	echo $a >$S/comp_algorithm || fail "$a: comp_algorithm"
	echo 64M >$S/disksize || fail "$a: disksize"
	case "$(cat $S/comp_algorithm)" in *"[$a]"*) ;; *) fail "$a: not chosen" ;; esac
	LD_PRELOAD= fio --thread --filename=/dev/tzram0 --direct=1 --ioengine=psync \
		--size=8M --bsrange=4k-16k --verify=crc32c --verify_fatal=1 \
		--rw=randwrite --do_verify=1 --group_reporting \
		--name=rand --offset=0 \
		--name=pat --offset=8M --verify_pattern=0x5a6b7c8d --verify_interval=512 \
		>/tmp/fio.out 2>&1 || { tail -n 20 /tmp/fio.out; fail "$a: fio"; }
	grep -qi verify /tmp/fio.out && { grep -i verify /tmp/fio.out | head; fail "$a: fio verify errors"; }
	set -- $(cat $S/mm_stat)
	[ "$1" -eq $((16 << 20)) ] && [ "$2" -lt $((14 << 20)) ] && [ "$8" -gt 0 ] ||
		fail "$a: mm_stat $*: not all stored, pattern not compressed or random not huge"
	ok "$a: fio write + verify of 16 MiB, compr_data_size $2, $8 huge pages"
	blkdiscard /dev/tzram0 2>/dev/null || dd if=/dev/zero of=/dev/tzram0 bs=1M count=16 status=none
	mkswap /dev/tzram0 >/dev/null || fail "$a: mkswap"
	swapon /dev/tzram0 || fail "$a: swapon"
	out0=$(awk '/^pswpout/ {print $2}' /proc/vmstat)
	in0=$(awk '/^pswpin/ {print $2}' /proc/vmstat)
	sh -c 'echo $$ >/sys/fs/cgroup/algs/cgroup.procs && exec /progs/memfill 32 1' ||
		fail "$a: memfill: data lost through swap"
	pout=$(($(awk '/^pswpout/ {print $2}' /proc/vmstat) - out0))
	pin=$(($(awk '/^pswpin/ {print $2}' /proc/vmstat) - in0))
	[ "$pout" -gt 1024 ] && [ "$pin" -gt 1024 ] || fail "$a: too little swapping ($pout out, $pin in)"
	ok "$a: swap under pressure, every byte verified ($pout pages out, $pin in)"
	swapoff /dev/tzram0 || fail "$a: swapoff"
	expect_no_io_errors $S "$a:"
	dmesg | grep -q 'tzram: .*corrupt object' && fail "$a: decoder reported a corrupt object"
	echo 1 >$S/reset || fail "$a: reset"
done
rmmod tzram || fail "rmmod"
ok "unloaded"
