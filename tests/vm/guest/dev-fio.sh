# dev-fio: fio random read/write with crc32c verification, 4 jobs at once
# on one tzram device: two jobs write random (incompressible: huge pages)
# data, two a pattern with a verify header every 512 bytes (compressible,
# every page distinct). Each job owns its own region, so verification is
# exact. A time-based mixed phase verifies continuously (verify_backlog);
# a size-based phase then rewrites every block and verifies all of it.
# fio must exit 0 and print no verify error; io_stat counts no failure.
# Then, units off, 64 KiB I/O through the codec's batch calls: debugfs
# batch_stat must count pages in batches of at most 8.
# tests/vm/plants/corrupt-read.sh shows that a flipped byte fails it.
# The debug kernel (KASAN: slow) gets a smaller region and a shorter run;
# it is told apart by its release (Debian's end in -amd64). That kernel
# has no SysV IPC, where fio keeps its job table: /progs/shmshim.so
# (LD_PRELOAD) puts it in a shared mapping instead.
. /tests/lib.sh

case "$(uname -r)" in
*-amd64) mb=${FIO_MB:-16} secs=${FIO_SECS:-30} ;;
*) mb=${FIO_MB:-8} secs=${FIO_SECS:-15} ;;
esac

modprobe tzram || fail "modprobe tzram"
forget_load_log
S=/sys/block/tzram0
shim=
[ -d /proc/sysvipc ] || shim=/progs/shmshim.so
echo $((mb * 4))M >$S/disksize || fail "disksize"

# Two job kinds, two jobs each, each job on its own mb-MiB region.
fio_jobs() {
	echo --name=rand --offset=0 --numjobs=2 --offset_increment=${mb}M
	echo --name=pat --offset=$((mb * 2))M --numjobs=2 --offset_increment=${mb}M \
		--verify_pattern=0x5a6b7c8d --verify_interval=512
}
run_fio() { # run_fio WHAT FIO-ARGS...: fio must pass with no verify error
	what=$1 rc=0
	shift
	LD_PRELOAD=$shim fio --thread --filename=/dev/tzram0 --direct=1 --ioengine=psync --size=${mb}M \
		--bsrange=4k-32k --verify=crc32c --verify_fatal=1 \
		--group_reporting "$@" $(fio_jobs) >/tmp/fio.out 2>&1 || rc=$?
	grep -E 'issued rwts|READ:|WRITE:|err=' /tmp/fio.out || true
	# A clean run never prints "verify"; errors read "verify: bad magic
	# header", "crc32c: verify failed at file ...".
	if [ $rc != 0 ] || grep -qi 'verify' /tmp/fio.out; then
		grep -E 'verify' /tmp/fio.out | head -20
		tail -n 20 /tmp/fio.out
		fail "$what: fio exit $rc or verify errors"
	fi
	ok "$what: fio exit 0, no verify errors"
}

run_fio "mixed random r/w ${secs}s, 4 jobs" --rw=randrw --rwmixread=50 \
	--time_based --runtime=$secs --verify_backlog=64
run_fio "random rewrite of every block then full verify, 4 jobs" \
	--rw=randwrite --do_verify=1

expect_no_io_errors $S
set -- $(cat $S/mm_stat)
echo "mm_stat: $*"
[ "$1" -eq $((mb * 4 << 20)) ] || fail "orig_data_size $1: not every block stored"
[ "$8" -gt 0 ] || fail "no huge pages from the random jobs"
[ "$2" -lt $((mb * 3 << 20)) ] || fail "compr_data_size $2: pattern jobs did not compress"
ok "all $((mb * 4)) MiB stored: $8 huge pages, compr_data_size $2"
dmesg | grep -q 'tzram: .*corrupt object' && fail "decoder reported a corrupt object"
echo 1 >$S/reset || fail "reset"

# Batch calls (issue 14): with units off, 64 KiB writes and reads of
# compressible data (the pattern jobs' kind: no page same-filled or huge)
# go through LZ4's batch calls, up to 8 pages a call;
# debugfs batch_stat (pages decompressed in batches, those calls, pages
# compressed in batches, those calls) must count them, and fio verifies
# every block read back.
B=/sys/kernel/debug/tzram/tzram0/batch_stat
echo 1 >$S/unit_max_pages || fail "unit_max_pages 1"
echo ${mb}M >$S/disksize || fail "disksize"
[ -r $B ] || fail "no $B"
LD_PRELOAD=$shim fio --thread --name=batch --filename=/dev/tzram0 --direct=1 \
	--ioengine=psync --size=${mb}M --bs=64k --rw=write --verify=crc32c \
	--verify_fatal=1 --do_verify=1 --verify_pattern=0x5a6b7c8d \
	--verify_interval=512 >/tmp/fio.out 2>&1 || { tail -n 20 /tmp/fio.out; fail "batch: fio"; }
grep -qi 'verify' /tmp/fio.out && { grep -i verify /tmp/fio.out | head; fail "batch: verify errors"; }
expect_no_io_errors $S "batch:"
set -- $(cat $B)
echo "batch_stat: $*"
[ "$1" -gt 0 ] && [ "$3" -gt 0 ] || fail "batch_stat $*: no page went through the batch calls"
[ "$1" -le $(($2 * 8)) ] && [ "$3" -le $(($4 * 8)) ] || fail "batch_stat $*: a call of more than 8 pages"
ok "batch calls: $1 pages decompressed in $2 calls, $3 compressed in $4"
echo 1 >$S/reset || fail "reset"
rmmod tzram || fail "rmmod"
ok "unloaded"
