# Helpers for the GPU-helper guest tests (sourced after lib.sh).

# start_helper ARGS...: start tzram-helper and wait until the kernel
# reports it registered; sets hp to its pid.
start_helper() {
	tzram-helper "$@" >>/tmp/helper.log 2>&1 &
	hp=$!
	i=0
	while [ "$(gpu_nltest pid 2>/dev/null)" != "$hp" ]; do
		i=$((i + 1))
		[ $i -le 100 ] || { cat /tmp/helper.log; fail "helper $* did not register"; }
		kill -0 $hp 2>/dev/null || { cat /tmp/helper.log; fail "helper $* exited"; }
		sleep 0.1
	done
	ok "helper $* registered (pid $hp)"
}
