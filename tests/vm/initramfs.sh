#!/bin/bash
# Initramfs layers for the VM harness. The kernel unpacks concatenated
# cpio archives in order, so the guest image is built from three layers:
#   tools  busybox + the real host tools of guest-tools.txt with their
#          libraries (big, shared by every kernel of one architecture,
#          cached); for arm64 guests Debian's arm64 builds of the same tools
#          (tests/vm/arm64-guest-root.sh)
#   kmods  one kernel's stock modules of stock-modules.txt (cached)
#   run    /init, the test scripts, tzram.ko and extra files (per run)
# Sourced by run.sh.

# Copy a host binary and the libraries ldd names into root $1.
copy_with_libs() {
	local root=$1 bin=$2 dest=$3 lib
	install -D -m 0755 "$bin" "$root$dest"
	for lib in $(ldd "$bin" 2>/dev/null | awk '/=> \//{print $3} /^\t\/[^ ]+ \(/{print $1}'); do
		[ -e "$root$lib" ] || install -D -m 0755 "$(readlink -f "$lib")" "$root$lib"
	done
}

# The layer's root becomes the guest's /: mktemp -d made it 0700, which
# would lock unprivileged guest processes out of every path.
pack_cpio() {
	chmod 0755 "$1"
	(cd "$1" && find . -print0 | cpio --null -o -H newc --quiet) >"$2"
}

# The guest's tools of guest-tools.txt, for architecture KARCH: on x86-64
# the host's own; on arm64 the same paths from arm64-guest-root.sh's root,
# their libraries listed by the arm64 ld.so under qemu-aarch64-static.
tool_path() { # tool_path TOOL: host path of TOOL
	command -v "$1" || echo "$1"
}
layer_tools() {
	local out=$1 list=$VM_DIR/guest-tools.txt root t p key aroot=""
	if [ "${KARCH:-x86_64}" = arm64 ]; then
		aroot=$("$VM_DIR/arm64-guest-root.sh") || return 1
	fi
	key=$( (echo "${KARCH:-x86_64} $aroot"; cat "$list"; for t in $(sed 's/#.*//' "$list"); do ls -lL "$(tool_path "$t")"; done; ls -lL /bin/busybox) 2>&1 | sha256sum | cut -c1-16)
	[ -f "$out" ] && [ "$(cat "$out.key" 2>/dev/null)" = "$key" ] && return 0
	root=$(mktemp -d)
	mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,usr/local/bin,usr/local/sbin,proc,sys,dev,tmp,run,mnt,etc,root,var/tmp}
	if [ -n "$aroot" ]; then
		install -m 0755 "$aroot/bin/busybox" "$root/bin/busybox"
		for t in $(qemu-aarch64-static "$aroot/bin/busybox" --list-full); do
			[ -e "$root/$t" ] || ln -s /bin/busybox "$root/$t"
		done
	else
		install -m 0755 /bin/busybox "$root/bin/busybox"
		for t in $(/bin/busybox --list-full); do
			[ -e "$root/$t" ] || ln -s /bin/busybox "$root/$t"
		done
	fi
	for t in $(sed 's/#.*//' "$list"); do
		p=$(command -v "$t" || true)
		[ -n "$p" ] || { echo "vm: guest tool $t not found on host: run 'make deps'" >&2; rm -rf "$root"; return 1; }
		if [ -n "$aroot" ]; then
			copy_arm64_with_libs "$root" "$aroot" "$p" "/usr/local/bin/$(basename "$p")" ||
				{ rm -rf "$root"; return 1; }
		else
			copy_with_libs "$root" "$p" "/usr/local/bin/$(basename "$p")"
		fi
	done
	for t in insmod rmmod modprobe lsmod modinfo depmod; do
		ln -sf kmod "$root/usr/local/bin/$t"
	done
	echo "root:x:0:0:root:/root:/bin/sh" >"$root/etc/passwd"
	echo "nobody:x:65534:65534:nobody:/nonexistent:/bin/sh" >>"$root/etc/passwd"
	printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
	pack_cpio "$root" "$out"
	rm -rf "$root"
	if [ -n "$aroot" ]; then
		# arm64's fio pulls ~90 MB of libraries; Debian's arm64 kernel
		# reserves more at boot than x86's: compressed, the layer
		# unpacks in a 384 MiB guest (the kernel takes zstd cpio parts;
		# the next part must start 4-byte aligned: zeros pad, it skips them).
		zstd -q -f -T0 -3 --rm "$out" -o "$out.zst" && mv "$out.zst" "$out"
		truncate -s %512 "$out"
	fi
	echo "$key" >"$out.key"
}

# copy_arm64_with_libs ROOT AROOT HOSTPATH DEST: the arm64 build of the
# host's HOSTPATH (same path in AROOT, merged /usr or not), with the
# libraries and loader its arm64 ld.so resolves inside AROOT.
copy_arm64_with_libs() {
	local root=$1 aroot=$2 p=$3 dest=$4 q src="" lib
	for q in "$p" "${p#/usr}" "/usr$p"; do
		[ -f "$aroot$q" ] && { src=$aroot$q; break; }
	done
	[ -n "$src" ] || { echo "vm: no arm64 build of $p in $aroot" >&2; return 1; }
	install -D -m 0755 "$src" "$root$dest"
	readelf -l "$src" 2>/dev/null | grep -q 'program interpreter' || return 0
	for lib in /lib/ld-linux-aarch64.so.1 $(qemu-aarch64-static -L "$aroot" "$aroot/lib/ld-linux-aarch64.so.1" \
		--list "$src" | awk '$1 !~ /^\// && /=> \//{print $3}'); do
		[ -e "$root$lib" ] || install -D -m 0755 "$(readlink -f "$aroot$lib")" "$root$lib"
	done
}

layer_kmods() {
	local out=$1 root m f key
	key=$( (echo "$KVER $KMODROOT"; cat "$VM_DIR/stock-modules.txt"; ls -l "$KMODROOT/lib/modules/$KVER/modules.dep") | sha256sum | cut -c1-16)
	[ -f "$out" ] && [ "$(cat "$out.key" 2>/dev/null)" = "$key" ] && return 0
	root=$(mktemp -d)
	mkdir -p "$root/lib/modules/$KVER"
	cp "$KMODROOT/lib/modules/$KVER"/modules.{order,builtin,builtin.modinfo} "$root/lib/modules/$KVER/" 2>/dev/null || true
	for m in $(sed 's/#.*//' "$VM_DIR/stock-modules.txt"); do
		for f in $(modprobe -d "$KMODROOT" -S "$KVER" --show-depends "$m" 2>/dev/null | awk '$1 == "insmod" {print $2}'); do
			install -D -m 0644 "$f" "$root${f#"${KMODROOT%/}"}"
		done
	done
	pack_cpio "$root" "$out"
	rm -rf "$root"
	echo "$key" >"$out.key"
}

# layer_run OUT KO TESTS... ; extra files from $VM_EXTRA ("src:dest" pairs),
# host binaries with their libraries from $VM_BINS (into /usr/local/bin)
layer_run() {
	local out=$1 ko=$2 root t pair
	shift 2
	root=$(mktemp -d)
	mkdir -p "$root/tests" "$root/lib/modules/$KVER/extra"
	install -m 0755 "$VM_DIR/guest/init" "$root/init"
	# Every guest script goes in (tests source shared helpers such as
	# lib.sh); only the named ones run, in order.
	install -m 0644 "$VM_DIR"/guest/*.sh "$root/tests/"
	[ -n "$ko" ] && install -m 0644 "$ko" "$root/lib/modules/$KVER/extra/tzram.ko"
	for t in "$@"; do
		[ -f "$VM_DIR/guest/$t.sh" ] || { echo "vm: no guest test tests/vm/guest/$t.sh" >&2; rm -rf "$root"; return 1; }
		echo "$t" >>"$root/tests/list"
	done
	for pair in ${VM_EXTRA:-}; do
		install -D -m 0755 "${pair%%:*}" "$root${pair#*:}"
	done
	for t in ${VM_BINS:-}; do
		copy_with_libs "$root" "$t" "/usr/local/bin/$(basename "$t")"
	done
	pack_cpio "$root" "$out"
	rm -rf "$root"
}
