# Userspace build of the codec library (kmod/simd/): included from the
# top-level Makefile. Adds to USERSPACE_TARGETS.
