# demo: the README's main job inside a VM, narrated step by step: load
# tzram, create a device with tzramctl, swap on it, apply memory pressure
# (more anonymous memory than the guest has RAM, every byte verified),
# show tzramctl's view, then the same run and the same corpus pages on
# stock zram (lz4), with both mm_stat results side by side.
# scripts/demo.sh runs this on a real host too, with (env) TZ_LIB,
# TZ_LOAD (insmod ./tzram.ko), MEMFILL, CORPUS, and DEMO_RAM_MB plus
# MEMFILL_WRAP (a memory-capped systemd scope) so the pressure stays
# inside a cgroup there instead of the whole machine.
. "${TZ_LIB:-/tests/lib.sh}"
MEMFILL=${MEMFILL:-/progs/memfill}
CORPUS=${CORPUS:-/data/corpus.bin}

say() { echo; echo "demo> $*"; }
ram_mb=${DEMO_RAM_MB:-$(($(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024))}
fill_mb=$((ram_mb * 11 / 10))
disk_mb=$((fill_mb * 2))
swapped() { awk '/^pswpout/ {print $2}' /proc/vmstat; }

# run_swap DEV LABEL: swap on DEV, memfill, mm_stat into /tmp/LABEL.mm
run_swap() {
	local dev=$1 label=$2 out0 t0 t1
	mkswap /dev/$dev >/dev/null || fail "mkswap /dev/$dev"
	swapon /dev/$dev || fail "swapon /dev/$dev"
	say "swap enabled on /dev/$dev:"
	cat /proc/swaps
	say "memory pressure: filling $fill_mb MiB of anonymous memory in a ${ram_mb} MiB guest, then verifying every byte"
	out0=$(swapped)
	t0=$(date +%s)
	${MEMFILL_WRAP:-} "$MEMFILL" "$fill_mb" 1 || fail "memfill on $dev: data lost"
	t1=$(date +%s)
	echo "$(($(swapped) - out0)) pages swapped out to /dev/$dev; verified; $((t1 - t0)) s"
	cat /sys/block/$dev/mm_stat >/tmp/$label.mm
	echo "$((t1 - t0))" >/tmp/$label.time
}

# run_corpus DEV LABEL: the shared page corpus written to DEV directly
run_corpus() {
	[ -f "$CORPUS" ] || { echo "(no corpus in this guest)"; echo "0 0 0 0 0 0 0 0 0" >/tmp/$2.cmm; return 0; }
	dd if="$CORPUS" of=/dev/$1 bs=64K oflag=direct 2>/dev/null || fail "corpus write to $1"
	dd if=/dev/$1 bs=64K count=$(($(wc -c <"$CORPUS") / 65536)) iflag=direct 2>/dev/null |
		cmp - "$CORPUS" || fail "corpus read back from $1"
	cat /sys/block/$1/mm_stat >/tmp/$2.cmm
	echo "$(($(wc -c <"$CORPUS") / 4096)) corpus pages written to /dev/$1 and read back identical"
}

say "kernel $(uname -r), ${ram_mb} MiB RAM; ${TZ_LOAD:-modprobe tzram}"
${TZ_LOAD:-modprobe tzram} || fail "load tzram"
dmesg | grep -E 'tzram: (codec variant|build probes|version)'
say "create the device: tzramctl --size ${disk_mb}M --algorithm lz4 /dev/tzram0"
tzramctl --size ${disk_mb}M --algorithm lz4 /dev/tzram0 || fail "tzramctl setup"
tzramctl
run_swap tzram0 tz
say "tzramctl (zramctl's columns) while the swap holds the data:"
tzramctl
tzramctl --output-all
say "tzramctl top -n 1 (batch):"
tzramctl top -b -n 1 -d 0.5
say "tzramctl stat (excerpt):"
tzramctl stat tzram0 | grep -E '^(module|  version|  simd_variant|device|  (orig_data_size|compr_data_size|mem_used_total|same_pages|huge_pages|ratio|failed_reads|failed_writes) )'
swapoff /dev/tzram0 || fail "swapoff"
# tzramctl's setup resets the device first, as zramctl's does
tzramctl -s ${disk_mb}M -a lz4 /dev/tzram0 || fail "tzramctl setup (corpus)"
run_corpus tzram0 tz
rmmod tzram || fail "rmmod tzram"

say "the same on stock zram (lz4): modprobe zram; zramctl --find --size ${disk_mb}M --algorithm lz4"
modprobe zram num_devices=0 || fail "modprobe zram"
dev=$(zramctl --find --size ${disk_mb}M --algorithm lz4) || fail "zramctl --find"
run_swap ${dev#/dev/} zr
zramctl
swapoff $dev || fail "swapoff $dev"
zramctl --reset $dev || fail "zramctl --reset"
dev=$(zramctl --find --size ${disk_mb}M --algorithm lz4) || fail "zramctl --find (corpus)"
run_corpus ${dev#/dev/} zr
zramctl --reset $dev
rmmod zram || fail "rmmod zram"

say "side by side (mm_stat; bytes; ratio = orig_data_size / mem_used_total):"
row() { # row LABEL FILE-SUFFIX
	set -- "$1" $(cat /tmp/tz.$2) $(cat /tmp/zr.$2)
	awk -v l="$1" -v a="$2" -v b="$3" -v c="$4" -v d="${11}" -v e="${12}" -v f="${13}" -v sa="$7" -v sd="${16}" 'BEGIN {
		printf "%-22s %14s %14s\n", l, "tzram", "zram";
		printf "%-22s %14d %14d\n", "  orig_data_size", a, d;
		printf "%-22s %14d %14d\n", "  compr_data_size", b, e;
		printf "%-22s %14d %14d\n", "  mem_used_total", c, f;
		printf "%-22s %14d %14d\n", "  same_pages", sa, sd;
		printf "%-22s %14s %14s\n", "  ratio", (c > 0 ? sprintf("%.2f", a / c) : "-"), (f > 0 ? sprintf("%.2f", d / f) : "-") }'
}
row "swap, memfill ${fill_mb}M" mm
row "corpus pages" cmm
say "done: tzram created, swapped on, survived memory pressure with every byte verified, and was compared with stock zram"
