# dev-fs: ext4 on a tzram device. mkfs (which discards the whole device),
# mount, write files of every kind (corpus pages when staged, text,
# random, zeroes, a sparse file, many small files), checksum them, umount,
# check the file system, mount again and verify every checksum.
. /tests/lib.sh

# ext4 is a module on Debian's kernels, built in on the debug kernel.
modprobe ext4 2>/dev/null || grep -qw ext4 /proc/filesystems || fail "no ext4"
modprobe tzram || fail "modprobe tzram"
S=/sys/block/tzram0
echo 96M >$S/disksize || fail "disksize"
mkfs.ext4 -q -F /dev/tzram0 || fail "mkfs.ext4"
ok "mkfs.ext4"
mkdir -p /mnt/tz
mount -t ext4 /dev/tzram0 /mnt/tz || fail "mount"
ok "mounted"

cd /mnt/tz
if [ -s /data/corpus.bin ]; then
	cp /data/corpus.bin corpus.bin || fail "copy corpus"
fi
awk 'BEGIN { srand(7); for (i = 0; i < 40000; i++) printf "row %07d value %9d\n", i, int(rand() * 1e9) }' >text || fail "text"
dd if=/dev/urandom of=random bs=1M count=4 2>/dev/null || fail "random"
dd if=/dev/zero of=zeroes bs=1M count=4 2>/dev/null || fail "zeroes"
dd if=/dev/urandom of=sparse bs=4096 count=3 seek=5000 2>/dev/null || fail "sparse"
mkdir small
i=0
while [ $i -lt 100 ]; do
	head -c $((i * 37 + 1)) random >small/f$i
	i=$((i + 1))
done
find . -type f ! -name sums | sort | xargs sha256sum >/tmp/sums || fail "sha256sum"
echo "$(wc -l </tmp/sums) files, $(du -sk . | cut -f1) kB"
# check WHEN: every checksum matches (busybox's or coreutils' sha256sum).
check() {
	sha256sum -c /tmp/sums >/tmp/check.out 2>&1 || {
		grep -v ': OK$' /tmp/check.out | head
		fail "checksums $1"
	}
}
check "before umount"
cd /
umount /mnt/tz || fail "umount"
ok "files written and checksummed, unmounted"
set -- $(cat $S/mm_stat)
echo "mm_stat after umount: $*"
[ "$1" -gt $((8 << 20)) ] || fail "orig_data_size $1: the files are not on the device"

if command -v e2fsck >/dev/null; then
	e2fsck -f -n /dev/tzram0 || fail "e2fsck found errors"
	ok "e2fsck clean"
fi
echo 3 >/proc/sys/vm/drop_caches
mount -t ext4 /dev/tzram0 /mnt/tz || fail "remount"
cd /mnt/tz
check "after remount"
ok "$(wc -l </tmp/sums) files verified after remount"
cd /
umount /mnt/tz || fail "umount"
expect_no_io_errors $S
echo 1 >$S/reset || fail "reset"
rmmod tzram || fail "rmmod"
ok "unloaded"
