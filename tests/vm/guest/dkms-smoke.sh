# dkms-smoke: the module DKMS built and installed on the host (run.sh
# --no-module --host-setup scripts/dkms-vm-stage.sh) is the one modprobe
# finds, in updates/dkms; its banner names version, probes and codec
# variant; then the device smoke test (dev-basic) runs on it.
. /tests/lib.sh

# kmod's depmod/modinfo/modprobe, as on a real system (the guest's sh
# prefers busybox applets, and /init ran busybox's depmod).
K=/usr/local/bin
$K/depmod -a || fail "depmod (kmod)"
path=$($K/modinfo -n tzram) || fail "modinfo -n tzram: no module found"
case "$path" in
*/lib/modules/$(uname -r)/updates/dkms/tzram.ko*) ok "modprobe resolves tzram to $path" ;;
*) fail "tzram resolves to $path, not updates/dkms" ;;
esac
[ ! -e /lib/modules/$(uname -r)/extra/tzram.ko ] || fail "a harness-built tzram.ko is present too"
ver=$($K/modinfo -F version tzram)
$K/modprobe tzram || fail "modprobe tzram"
dmesg | grep 'tzram: ' | tail -n 4
dmesg_has "tzram: version $ver loaded" || fail "no 'version $ver loaded' banner"
dmesg_has "tzram: codec variant: [a-z0-9]+" || fail "no codec variant banner"
dmesg_has "tzram: build probes: [a-z_ ]+" || fail "no build probes banner"
expect_eq "simd_variant parameter = banner" "$(cat /sys/module/tzram/parameters/simd_variant)" \
	"$(dmesg | sed -n 's/.*tzram: codec variant: //p' | tail -n 1)"
$K/modprobe -r tzram || fail "modprobe -r tzram"
ok "DKMS module $ver loads and unloads"
sh -e /tests/dev-basic.sh || fail "dev-basic on the DKMS module"
ok "device smoke test passed on the DKMS-built module"
