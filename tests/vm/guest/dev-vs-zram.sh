# dev-vs-zram: stock zram and tzram side by side in one VM, both lz4, same
# disksize, the same 2048 corpus pages written to each with O_DIRECT. Both
# must read back identical to the corpus, and with tzram's unit_max_pages
# 1 (every page alone, as zram) mm_stat's orig_data_size, compr_data_size,
# same_pages and huge_pages must agree; with units (the default) tzram
# must store the same pages in less.
#
# Agreement rule: |tzram - zram| <= max(1% of the larger value, 1 page),
# where 1 page is 4096 for the byte fields and 1 for the page counts (so
# small counts such as a handful of huge pages may differ by one).
#
# The comparison must be against the kernel's own LZ4: on 6.1 stock zram
# takes "lz4" from the crypto API, where tzram registers its own lz4 at
# priority 300. So stock zram is loaded and initialised (its transforms
# allocated) first, AND tzram is loaded with crypto=0 (no crypto
# registration at all), which the test checks in /proc/crypto. On 6.12
# zram calls lib/lz4 directly; the same steps hold there.
. /tests/lib.sh
. /tests/crypto-lib.sh

[ -s /data/corpus.bin ] || { echo "skipped: corpus absent"; exit 0; }
size=16M
pages=$(($(wc -c </data/corpus.bin) / 4096))

modprobe zram num_devices=1 || fail "modprobe zram (stock)"
echo lz4 >/sys/block/zram0/comp_algorithm || fail "zram lz4"
echo $size >/sys/block/zram0/disksize || fail "zram disksize"
case "$(cat /sys/block/zram0/comp_algorithm)" in *"[lz4]"*) ok "stock zram uses lz4" ;; *) fail "zram algorithm" ;; esac

modprobe tzram crypto=0 || fail "modprobe tzram crypto=0"
grep -q 'tzram' /proc/crypto && fail "tzram registered crypto algorithms despite crypto=0"
ok "tzram has no crypto API algorithms: zram's lz4 is the kernel's"
# 6.1: zram's per-CPU transforms are the generic (kernel) lz4's.
case "$(uname -r)" in
6.1.*)
	r=$(proc_crypto_driver lz4-generic refcnt)
	[ "${r:-0}" -ge 2 ] || fail "lz4-generic refcnt '$r': stock zram is not using the kernel's lz4"
	ok "stock zram holds lz4-generic transforms (refcnt $r)" ;;
esac
T=/sys/block/tzram0
echo lz4 >$T/comp_algorithm || fail "tzram lz4"
# zram's behaviour first (every page alone); units after.
echo 1 >$T/unit_max_pages || fail "tzram unit_max_pages 1"
echo $size >$T/disksize || fail "tzram disksize"

for d in zram0 tzram0; do
	dd if=/data/corpus.bin of=/dev/$d bs=64K oflag=direct 2>/dev/null || fail "write $d"
	dd if=/dev/$d of=/tmp/back bs=64K count=$((pages / 16)) iflag=direct 2>/dev/null || fail "read $d"
	cmp /data/corpus.bin /tmp/back || fail "$d: data read back differs"
	ok "$d: $pages corpus pages read back intact"
done

z=$(cat /sys/block/zram0/mm_stat)
t=$(cat $T/mm_stat)
echo "zram0  mm_stat: $z"
echo "tzram0 mm_stat: $t"
# agree NAME FIELD UNIT: field FIELD of both mm_stats within the rule above.
agree() {
	a=$(echo $z | cut -d' ' -f$2)
	b=$(echo $t | cut -d' ' -f$2)
	awk -v a="$a" -v b="$b" -v u="$3" 'BEGIN {
		d = a - b; if (d < 0) d = -d
		m = (a > b ? a : b) / 100; if (m < u) m = u
		exit !(d <= m) }' || fail "$1: zram $a, tzram $b: differ by more than max(1%, $3)"
	ok "$1: zram $a, tzram $b"
}
agree orig_data_size 1 4096
agree compr_data_size 2 4096
agree same_pages 6 1
agree huge_pages 8 1
[ "$(echo $t | cut -d' ' -f1)" = $((pages * 4096)) ] || fail "tzram orig_data_size is not the corpus size"

# Units (the default, 16 pages): the same writes (64 KiB each) stored in
# less, read back intact; mm_stat counts every page, each unit once.
echo 1 >$T/reset || fail "tzram reset"
expect_eq "unit_max_pages after reset" "$(cat $T/unit_max_pages)" 16
echo lz4 >$T/comp_algorithm || fail "tzram lz4"
echo $size >$T/disksize || fail "tzram disksize"
dd if=/data/corpus.bin of=/dev/tzram0 bs=64K oflag=direct 2>/dev/null || fail "write tzram0 (units)"
dd if=/dev/tzram0 of=/tmp/back bs=64K count=$((pages / 16)) iflag=direct 2>/dev/null || fail "read tzram0 (units)"
cmp /data/corpus.bin /tmp/back || fail "tzram0 (units): data read back differs"
u=$(cat $T/mm_stat)
echo "tzram0 mm_stat with units: $u"
echo "tzram0 unit_stat: $(cat $T/unit_stat)"
set -- $u
[ "$1" = $((pages * 4096)) ] || fail "units: orig_data_size $1 is not the corpus size"
set -- $z
zc=$2 zm=$3
set -- $u
awk -v a="$2" -v b="$zc" 'BEGIN { exit !(a < b * 0.97) }' ||
	fail "units: compr_data_size $2 not 3 % below zram's $zc"
[ "$3" -lt "$zm" ] || fail "units: mem_used_total $3 not below zram's $zm"
ok "units: compr_data_size $2 vs zram $zc, mem_used_total $3 vs $zm; read back intact"

echo 1 >$T/reset || fail "tzram reset"
echo 1 >/sys/block/zram0/reset || fail "zram reset"
rmmod tzram || fail "rmmod tzram"
rmmod zram || fail "rmmod zram"
ok "unloaded"
