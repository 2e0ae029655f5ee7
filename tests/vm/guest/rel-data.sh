# rel-data: data under everything at once (issue 18): a verifying fio
# randrw job, and discards of a second region, while idle marking,
# writeback, recompress and compact passes run over the whole device again
# and again; then the discarded region must read zeroes, a third region
# of corpus pages must be intact, and the backing device hold no block of
# a discarded page; then O_DIRECT I/O from 512-byte aligned memory (each
# block straddles two pages), verified, and unaligned device offsets
# refused.
. /tests/lib.sh
. /tests/adv-lib.sh

S=/sys/block/tzram0
modprobe tzram || fail "modprobe tzram"
truncate -s 64M /tmp/bd.img || fail "backing file"
modprobe loop 2>/dev/null
LOOP=$(losetup -f) && losetup $LOOP /tmp/bd.img || fail "losetup"
echo $LOOP >$S/backing_dev || fail "backing_dev"
echo algo=zstd >$S/recomp_algorithm || fail "recomp_algorithm"
echo 64M >$S/disksize || fail "disksize"
adv_data 11
dd if=/tmp/data of=/dev/tzram0 bs=64K seek=512 oflag=direct status=none || fail "corpus region at 32M"
dd if=/tmp/data of=/dev/tzram0 bs=64K seek=256 count=128 oflag=direct status=none ||
	fail "region to discard at 16M"

# Post-processing passes over the whole device until /tmp/stop.
rm -f /tmp/stop
(
	set +e	# a pass may find another running (-EAGAIN): go on
	n=0
	while [ ! -e /tmp/stop ]; do
		echo all >$S/idle
		echo idle >$S/writeback
		echo all >$S/idle
		echo type=idle >$S/recompress
		echo 1 >$S/compact
		echo huge >$S/writeback
		n=$((n + 1))
	done
	echo $n >/tmp/passes
) &
pp=$!
# Discards of 16M..24M, 64 KiB each, in a scattered order, twice.
(
	set +e
	for round in 1 2; do
		i=0
		while [ $i -lt 128 ]; do
			blkdiscard -o $(((16 << 20) + ((i * 37) % 128) * 65536)) -l 65536 /dev/tzram0
			i=$((i + 1))
		done
	done
) &
dp=$!
rc=0
LD_PRELOAD=$adv_shim fio --thread --name=rel --filename=/dev/tzram0 --direct=1 \
	--ioengine=psync --bs=4k --offset=0 --size=${adv_mb}M --rw=randrw --rwmixread=30 \
	--verify=crc32c --verify_backlog=64 --verify_fatal=1 --loops=3 \
	--buffer_compress_percentage=60 --buffer_compress_chunk=512 --refill_buffers \
	>/tmp/fio.rel 2>&1 || rc=$?
wait $dp || true
touch /tmp/stop
wait $pp || true
if [ $rc != 0 ] || grep -Eq 'verify:|verify failed|bad magic' /tmp/fio.rel; then
	grep -E 'verify|err|trim' /tmp/fio.rel | head -20
	fail "fio under post-processing: exit $rc or verify errors"
fi
set -- $(cat $S/bd_stat)
echo "  $(cat /tmp/passes) rounds of idle/writeback/recompress/compact; bd_stat $*"
[ "$(cat /tmp/passes)" -ge 2 ] || fail "the passes did not overlap the fio job"
[ "$3" -gt 0 ] || fail "nothing was written back during the job"
ok "fio randrw verified under overlapping post-processing and discards"
dd if=/dev/tzram0 of=/tmp/back bs=64K skip=256 count=128 iflag=direct status=none ||
	fail "read discarded region"
head -c $((8 << 20)) /dev/zero | cmp -s - /tmp/back || fail "discarded region does not read zeroes"
ok "discarded region reads zeroes"
dd if=/dev/tzram0 of=/tmp/back bs=64K skip=512 count=$(($(wc -c </tmp/data) / 65536)) \
	iflag=direct status=none || fail "read corpus region"
cmp -s /tmp/data /tmp/back || fail "corpus region changed under post-processing"
ok "corpus region intact"
# Every block the backing device holds belongs to a page still written
# back: discarding all but the two regions must leave none of theirs.
blkdiscard -o $((8 << 20)) -l $((8 << 20)) /dev/tzram0 || fail "blkdiscard 8M..16M"
blkdiscard -o $((24 << 20)) -l $((8 << 20)) /dev/tzram0 || fail "blkdiscard 24M..32M"
blkdiscard -o 0 -l $((8 << 20)) /dev/tzram0 || fail "blkdiscard fio region"
blkdiscard -o $((32 << 20)) -l $((32 << 20)) /dev/tzram0 || fail "blkdiscard corpus region"
expect_eq "backing blocks held after discarding everything" "$(awk '{print $1}' $S/bd_stat)" 0
set -- $(cat $S/mm_stat)
expect_eq "pages stored after discarding everything" "$1" 0
expect_no_io_errors $S

# Straddling O_DIRECT (the partial-page path), on a fresh device.
echo 1 >$S/reset || fail "reset"
echo 16M >$S/disksize || fail "disksize"
/progs/odirect /dev/tzram0 16 || fail "straddling O_DIRECT"
expect_no_io_errors $S
echo 1 >$S/reset || fail "reset"
losetup -d $LOOP || fail "loop device still held after reset"
rmmod tzram || fail "rmmod"
