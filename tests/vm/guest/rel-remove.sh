# rel-remove: rmmod and hot_remove while a reset runs must wait for it, as
# stock zram's do (issue 18 item 1): no WARN, no use-after-free, the
# device gone afterwards and the reset's write answered.
#  1. deterministic: a recompress pass (for rmmod) or a writeback pass
#     (for hot_remove) holds the device's init_lock (read), so a reset
#     written meanwhile is claimed and blocked; rmmod then, and on another
#     load hot_remove, must succeed and wait for both writes (and the
#     backing device be released);
#  2. a loop: rmmod retried while another process cycles disksize, a
#     12 MiB write and reset, for RMMOD_ROUNDS successful unloads.
. /tests/lib.sh
. /tests/adv-lib.sh

adv_data 5
truncate -s 64M /tmp/bd.img || fail "backing file"
modprobe loop 2>/dev/null
LOOP=$(losetup -f) && losetup $LOOP /tmp/bd.img || fail "losetup"

# busy_device DEV recompress|writeback: DEV initialised with
# recompression or a backing device ($LOOP), 4 copies of /tmp/data
# stored and marked idle, then that pass started in the background (pid
# in rpid, exit status into /tmp/rc.recomp) and a reset behind it (pid in
# zpid, status into /tmp/rc.reset). Both still running on return, or the
# test is inconclusive and fails.
busy_device() {
	local d=/sys/block/$1 i
	if [ $2 = recompress ]; then
		echo algo=zstd >$d/recomp_algorithm || fail "$1: recomp_algorithm"
	else
		echo $LOOP >$d/backing_dev || fail "$1: backing_dev"
	fi
	echo 64M >$d/disksize || fail "$1: disksize"
	for i in 0 1 2 3; do
		dd if=/tmp/data of=/dev/$1 bs=64K seek=$((i * 128)) oflag=direct 2>/dev/null ||
			fail "$1: write copy $i"
	done
	echo all >$d/idle || fail "$1: idle all"
	rm -f /tmp/rc.recomp /tmp/rc.reset
	(
		set +e
		if [ $2 = recompress ]; then
			echo type=idle >$d/recompress
		else
			echo idle >$d/writeback
		fi
		echo $? >/tmp/rc.recomp
	) &
	rpid=$!
	sleep 0.3
	(
		set +e
		echo 1 >$d/reset
		echo $? >/tmp/rc.reset
	) &
	zpid=$!
	sleep 0.3
	kill -0 $rpid 2>/dev/null && kill -0 $zpid 2>/dev/null ||
		fail "$1: $2 or reset ended before the removal (inconclusive; more data?)"
	ok "$1: a $2 pass runs, a reset waits behind it"
}

# writes_answered: the recompress and the reset both returned success.
writes_answered() {
	wait $rpid || true
	wait $zpid || true
	expect_eq "$1: pass write status" "$(cat /tmp/rc.recomp)" 0
	expect_eq "$1: reset write status" "$(cat /tmp/rc.reset)" 0
}

# ---- 1a. rmmod during a reset ----
modprobe tzram || fail "modprobe tzram"
busy_device tzram0 recompress
rmmod tzram || fail "rmmod during a reset refused"
[ ! -e /sys/module/tzram ] || fail "module still loaded after rmmod"
writes_answered "rmmod"
ok "rmmod during a reset waited for it"

# ---- 1b. hot_remove during a reset ----
modprobe tzram || fail "modprobe tzram (again)"
id=$(cat /sys/class/tzram-control/hot_add) || fail "hot_add"
busy_device tzram$id writeback
echo "$id" >/sys/class/tzram-control/hot_remove || fail "hot_remove during a reset refused"
[ ! -e /sys/block/tzram$id ] || fail "tzram$id still present after hot_remove"
writes_answered "hot_remove"
losetup -d $LOOP || fail "backing device still held after hot_remove"
ok "hot_remove during a reset waited for it"
rmmod tzram || fail "rmmod"

# ---- 2. rmmod retried against disksize / 12 MiB write / reset cycles ----
head -c $((12 << 20)) /dev/urandom >/tmp/w12 || fail "12 MiB of random data"
rounds=${RMMOD_ROUNDS:-6} r=0 tries=0 cycles=0
while [ $r -lt "$rounds" ]; do
	modprobe tzram || fail "round $r: modprobe"
	rm -f /tmp/stop /tmp/cycles
	(
		set +e	# its writes fail once the module is gone
		n=0
		while [ ! -e /tmp/stop ]; do
			echo 32M >/sys/block/tzram0/disksize 2>/dev/null
			# nocreat: once the module is gone, no regular file in /dev
			dd if=/tmp/w12 of=/dev/tzram0 bs=1M conv=nocreat 2>/dev/null
			echo 1 >/sys/block/tzram0/reset 2>/dev/null
			n=$((n + 1))
		done
		echo $n >/tmp/cycles
	) &
	cpid=$!
	sleep 1
	until rmmod tzram 2>/dev/null; do
		tries=$((tries + 1))
		[ $tries -lt 200000 ] || fail "rmmod never succeeded"
	done
	touch /tmp/stop
	wait $cpid || true
	cycles=$((cycles + $(cat /tmp/cycles)))
	[ ! -e /sys/module/tzram ] || fail "round $r: module still loaded"
	r=$((r + 1))
done
ok "$rounds unloads during disksize/write/reset cycles ($cycles cycles, $tries refused rmmods)"
