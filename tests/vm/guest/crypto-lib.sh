# Helpers for the crypto API guest tests (sourced after lib.sh).

# crypto_field ALGO FIELD: one counter of /sys/kernel/tzram/crypto_stat.
crypto_field() {
	awk -v a="$1" -v f="$2" '
		NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		$1 == a { print $col[f]; found = 1 }
		END { if (!found) print -1 }' /sys/kernel/tzram/crypto_stat
}

# proc_crypto_driver DRIVER FIELD: a field of DRIVER's /proc/crypto entry.
proc_crypto_driver() {
	awk -v d="$1" -v f="$2" '
		/^name/ { name = "" }
		$1 == "driver" { drv = $3 }
		drv == d && $1 == f { print $3; exit }' /proc/crypto
}

# expect_registered DRIVER: present in /proc/crypto, self-test passed,
# our priority.
expect_registered() {
	expect_eq "$1 selftest" "$(proc_crypto_driver "$1" selftest)" passed
	expect_eq "$1 priority" "$(proc_crypto_driver "$1" priority)" 300
	expect_eq "$1 module" "$(proc_crypto_driver "$1" module)" tzram
}
