# abi-vs-zram: tzram's sysfs and debugfs interface equals this kernel's
# stock zram's. The same script of reads, writes and bad inputs runs
# against zram0 (stock) and tzram0, each over its own loop backing device,
# with the same data; every result is printed (contents where they do not
# depend on the codec, the error for a refused write, stat field counts,
# block_state flags) and the two transcripts must be identical. Every
# attribute stock zram has must exist in tzram (tzram's extras are
# allowed and not exercised here). The expectation is the running
# kernel's own zram, so each kernel checks its own ABI. Where the kernel
# has it, compressed writeback is run too: data written back compressed
# must read back intact (~80 s).
. /tests/lib.sh
set +e	# refused writes are what the transcripts record

modprobe zram num_devices=1 || fail "modprobe zram (stock)"
modprobe tzram num_devices=1 || fail "modprobe tzram"
modprobe loop 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null

missing=""
for a in $(ls /sys/block/zram0); do
	[ -f /sys/block/zram0/$a ] || continue
	[ -e /sys/block/tzram0/$a ] || missing="$missing $a"
done
[ -z "$missing" ] || echo "FAIL: stock zram attributes tzram lacks:$missing"

# 64 pages: 0-15 text (distinct), 16-19 random (huge), 20-23 zero, 24-27
# filled with one byte (same), the rest text again.
awk 'BEGIN { for (i = 0; i < 64 * 64; i++) printf "%-20s %-20s %-21d\n", "abi", "line", i }' |
	head -c $((64 * 4096)) >/tmp/abi.data
dd if=/dev/urandom of=/tmp/abi.data bs=4096 seek=16 count=4 conv=notrunc 2>/dev/null
dd if=/dev/zero of=/tmp/abi.data bs=4096 seek=20 count=4 conv=notrunc 2>/dev/null
head -c $((4 * 4096)) /dev/zero | tr '\0' 'x' | dd of=/tmp/abi.data bs=4096 seek=24 conv=notrunc 2>/dev/null

# transcript NAME DEBUGFSDIR: run the script on /sys/block/NAME.
transcript() {
	D=/sys/block/$1 B=$2/$1/block_state
	truncate -s 64M /tmp/$1.bd
	loopdev=$(losetup -f) && losetup "$loopdev" /tmp/$1.bd || { echo "losetup failed"; return; }
	# w ATTR VALUE: write VALUE in one write(2), print the outcome: ok
	# or the error (coreutils dd's strerror text).
	w() {
		if [ ! -e "/sys/block/zram0/$1" ] || [ ! -e "$D/$1" ]; then
			# Not stock zram's here: tzram's extras are not compared.
			echo "w $1 '$2': (no attribute)"
			return
		fi
		err=$(printf '%s' "$2" | dd of="$D/$1" bs=4096 status=none 2>&1) && err=ok
		echo "w $1 '$2': ${err##*: }"
	}
	r() { # r ATTR: contents
		if [ -e "/sys/block/zram0/$1" ] && [ -e "$D/$1" ]; then echo "r $1: $(cat "$D/$1" 2>&1 | tr -s ' ' | tr '\n' '|')"; else echo "r $1: (no attribute)"; fi
	}
	nf() { # nf ATTR: number of fields
		[ -e "$D/$1" ] && echo "nf $1: $(cat "$D/$1" | wc -w)"
	}
	bs() { # bs: block_state's flags per page, without the times
		if [ ! -e "$B" ]; then
			echo "block_state: (none)"
		elif cat "$B" >/tmp/bs 2>/dev/null; then
			echo "block_state: $(awk '{ printf "%s:%s ", $1, $3 } END { print NR " lines" }' /tmp/bs)"
		else
			echo "block_state: read refused"
		fi
	}
	bd() { # bd: pages on the backing device (bd_stat's count)
		[ -e "$D/bd_stat" ] && echo "bd_stat count: $(awk '{ print $1 }' "$D/bd_stat")"
	}
	echo "== before init"
	r initstate
	r disksize
	nf mm_stat
	nf io_stat
	r debug_stat
	w idle all
	w writeback idle
	w mem_used_max 1
	w mem_used_max 0
	w algorithm_params "priority=0 level=3"
	w algorithm_params "level"
	w algorithm_params "priority=99 level=1"
	w algorithm_params "level=x"
	w algorithm_params "bogus=1"
	w algorithm_params ""
	r compressed_writeback
	w compressed_writeback 2
	w compressed_writeback 0
	r writeback_batch_size
	w writeback_batch_size 0
	w writeback_batch_size x
	w writeback_batch_size 4
	r writeback_batch_size
	r writeback_limit
	w writeback_limit x
	w writeback_limit 12
	r writeback_limit
	r writeback_limit_enable
	w writeback_limit_enable 0
	r max_comp_streams
	w backing_dev /nonexistent
	w backing_dev "$loopdev"
	[ "$(cat $D/backing_dev)" = "$loopdev" ] && echo "backing_dev: set" || echo "backing_dev: '$(cat $D/backing_dev)'"
	w disksize 256K
	r disksize
	echo "== initialised"
	r initstate
	w backing_dev none
	w compressed_writeback 1
	w algorithm_params "priority=0 level=3"
	w writeback_batch_size 8
	r writeback_batch_size
	dd if=/tmp/abi.data of=/dev/$1 bs=64K oflag=direct 2>/dev/null || echo "write failed"
	sleep 1.2	# idle ages count whole seconds on some kernels
	nf mm_stat
	nf io_stat
	nf bd_stat
	bs
	w idle bogus
	w idle -1
	w idle 4294967296
	w idle 0
	bs
	w idle 100000
	bs
	w idle all
	bs
	echo "== writeback"
	w writeback bogus
	w writeback "type=bogus"
	w writeback "page_index=64"
	w writeback "page_index=x"
	w writeback "page_indexes=5"
	w writeback "page_indexes=6-4"
	w writeback "page_indexes=0-64"
	w writeback "page_indexes=70-80"
	bd
	w writeback "page_index=2"
	bd
	w writeback "page_index=3 page_index=5"
	bd
	w writeback "page_indexes=6-8"
	bd
	w writeback "page_indexes=9-10 page_index=12"
	bd
	w writeback_limit_enable 1
	w writeback_limit 1
	w writeback "page_indexes=13-15"
	bd
	r writeback_limit
	w writeback "page_index=1"
	bd
	w writeback_limit_enable 0
	w writeback huge
	bd
	w idle 100000
	w writeback "type=huge_idle"
	bd
	w writeback "page_indexes=28-29 type=idle"
	bd
	w writeback incompressible
	bd
	bs
	w idle all
	w writeback "type=idle page_indexes=40-41"
	bd
	bs
	dd if=/dev/$1 of=/tmp/$1.back bs=64K iflag=direct 2>/dev/null
	cmp -s /tmp/abi.data /tmp/$1.back && echo "data intact" || echo "data differs"
	echo "== reset"
	w reset 1
	r initstate
	r disksize
	r writeback_batch_size
	r compressed_writeback
	r writeback_limit_enable
	r backing_dev
	bs
	echo "== compressed writeback"
	w compressed_writeback yes
	r compressed_writeback
	w backing_dev "$loopdev"
	w disksize 256K
	dd if=/tmp/abi.data of=/dev/$1 bs=64K oflag=direct 2>/dev/null || echo "write failed"
	w writeback "page_indexes=0-3 page_index=16"
	bd
	w idle all
	w writeback idle
	bd
	bs
	dd if=/dev/$1 of=/tmp/$1.back bs=64K iflag=direct 2>/dev/null
	cmp -s /tmp/abi.data /tmp/$1.back && echo "data intact" || echo "data differs"
	w reset 1
	r compressed_writeback
	losetup -d "$loopdev"
	rm -f /tmp/$1.bd /tmp/$1.back
}

transcript zram0 /sys/kernel/debug/zram >/tmp/zram.out 2>&1
transcript tzram0 /sys/kernel/debug/tzram >/tmp/tzram.out 2>&1
if cmp -s /tmp/zram.out /tmp/tzram.out && [ -z "$missing" ]; then
	ok "tzram's transcript equals stock zram's ($(wc -l </tmp/zram.out) lines)"
	exit 0
fi
echo "stock zram's transcript:"
sed 's/^/  zram| /' /tmp/zram.out
echo "--- stock zram / +++ tzram:"
diff -u /tmp/zram.out /tmp/tzram.out
fail "tzram's interface differs from stock zram's on $(uname -r)"
