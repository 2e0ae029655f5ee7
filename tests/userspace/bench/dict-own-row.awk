# SPDX-License-Identifier: GPL-2.0
# Reads make bench's text output: every "+dict vs without" summary line
# must compare with its codec's own one-page, one-page-a-call row without
# a dictionary (same variant and level), not a batch or unit row: its
# ratio, and its speed factors to within the table's rounding.
# Exit 1 on a mismatch or when no such line was printed.
# Table rows: codec var lvl batch unit comp [min-max] dec [min-max] ratio ...
# (with a dictionary "+dict" follows the codec's name).
function off(a, b) { return a > b ? a - b : b - a }
$2 != "+dict" && $3 ~ /^-?[0-9]+$/ && $4 == 1 && $5 == 1 && $7 ~ /^\[/ {
	k = $1 "/" $2 " L" $3
	ratio[k] = $10
	comp[k] = $6
	dec[k] = $8
}
$2 == "+dict" && $4 ~ /^-?[0-9]+$/ && $8 ~ /^\[/ {
	k = $1 "/" $3 " L" $4
	dcomp[k] = $7
	ddec[k] = $9
}
/ \+dict vs without: / {
	k = $1 " " $2
	was = $NF
	sub(/\)$/, "", was)
	c = $7
	d = $9
	sub(/x,$/, "", c)
	sub(/x,$/, "", d)
	n++
	if (!(k in ratio) || ratio[k] != was || !(k in dcomp) ||
	    off(c, dcomp[k] / comp[k]) > 0.011 || off(d, ddec[k] / dec[k]) > 0.011) {
		printf "bench-json: \"%s\": not against its own row (ratio %s, compress %s, decompress %s GB/s)\n",
		       $0, ratio[k], comp[k], dec[k]
		bad = 1
	}
}
END {
	if (!n)
		print "bench-json: no \"+dict vs without\" line in make bench's output"
	exit bad || !n
}
