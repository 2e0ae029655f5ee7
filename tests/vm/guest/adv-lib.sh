# Helpers of the adv-* tests (zram's post-processing on tzram), sourced
# after /tests/lib.sh.

# expect_err WHAT WANT-SUBSTRING VALUE FILE: writing VALUE to FILE must
# fail with an error message containing WANT (e.g. "Invalid argument").
expect_err() {
	local what=$1 want=$2 val=$3 file=$4 err
	err=$( (echo "$val" >"$file") 2>&1) && fail "$what: '$val' > $file accepted"
	case "$err" in
	*"$want"*) ok "$what: '$val' refused ($want)" ;;
	*) fail "$what: '$val': want '$want', got '$err'" ;;
	esac
}

# field FILE N: the Nth whitespace-separated field of FILE.
field() {
	awk -v n="$2" '{ print $n }' "$1"
}

# The debug kernel (KASAN) is told apart by its release, as dev-fio does;
# it has no SysV IPC, where fio keeps its job table (shim).
adv_shim=
[ -d /proc/sysvipc ] || adv_shim=/progs/shmshim.so
case "$(uname -r)" in
*-amd64) adv_mb=8 adv_secs=12 ;;
*) adv_mb=4 adv_secs=8 ;;
esac

# adv_fio WHAT DEV OFFSET-MB FIO-ARGS...: one verifying fio job on adv_mb
# MiB of DEV at OFFSET-MB; must exit 0 with no verify error.
adv_fio() {
	local what=$1 dev=$2 off=$3 rc=0
	shift 3
	LD_PRELOAD=$adv_shim fio --thread --name=adv --filename=$dev --direct=1 \
		--ioengine=psync --offset=${off}M --size=${adv_mb}M --bs=4k \
		--verify=crc32c --verify_fatal=1 --buffer_compress_percentage=60 \
		--buffer_compress_chunk=512 --refill_buffers "$@" \
		>/tmp/fio.$off 2>&1 || rc=$?
	if [ $rc != 0 ] || grep -Eq 'verify:|verify failed' /tmp/fio.$off; then
		grep -E 'verify|err' /tmp/fio.$off | head -20
		fail "$what: fio exit $rc or verify errors"
	fi
	ok "$what: fio exit 0, no verify errors"
}

# adv_data SEED: /tmp/data = the first 8 MiB of the page corpus, or without
# it 8 MiB of synthetic text records (awk's srand(SEED)).
adv_data() {
	if [ -s /data/corpus.bin ]; then
		head -c $((8 << 20)) /data/corpus.bin >/tmp/data
	else
		awk -v seed="$1" 'BEGIN { srand(seed); for (i = 0; i < 2048 * 64; i++)
			printf "%-15s %-15s %-15s %-15d\n", "record", "of text", "compressible", int(rand() * 1e9) }' |
			head -c $((8 << 20)) >/tmp/data
	fi
}
