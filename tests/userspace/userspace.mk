# Userspace tests: included from the top-level Makefile. Each test part N
# is a target ucheck-N listed in USERSPACE_CHECKS; `make check` runs them.
