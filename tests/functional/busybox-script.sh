# SPDX-License-Identifier: MIT
# Workload run by BusyBox sh both under the emulator and natively: every
# line of output must be identical.  Usage: sh busybox-script.sh WORKDIR
set -e
cd "$1"

echo "== sh: loops, functions, arithmetic, case"
i=0
while [ $i -lt 10 ]; do
    i=$((i + 1))
    printf '%d ' "$i"
done
echo
for w in alpha beta gamma; do
    echo "word $w len ${#w}"
done
square_plus() {
    local x=$1
    echo "f($x) = $((x * x + 1))"
}
square_plus 7
square_plus -12
echo $(( (3 + 4) * 5 % 6 )) $(( 1 << 20 )) $(( -7 / 2 )) $(( -7 % 3 )) \
    $(( 0x10 + 010 )) $(( 2 ** 10 )) $(( 5 > 3 && 2 > 9 ))
for f in a.c b.h Makefile x.tar.gz; do
    case "$f" in
    *.c) echo "$f: C source" ;;
    *.h) echo "$f: header" ;;
    *.tar.*) echo "$f: archive" ;;
    *) echo "$f: other" ;;
    esac
done
v="a-b-c-d"
echo "${v%-*} ${v%%-*} ${v#*-} ${v##*-} ${v:-unset} ${undefined:-dflt}"
set -- one "two words" three
echo "argc=$#"
for a in "$@"; do echo "[$a]"; done
n=0
until [ $n -ge 3 ]; do n=$((n + 1)); done
echo "until: $n"
if [ -z "" ] && [ -n x ] && ! false; then echo "tests ok"; fi

echo "== pipes, redirections, here-docs"
echo one two three | while read a b c; do echo "$c $b $a"; done
{ echo alpha; echo beta; } | tr a-z A-Z
echo first > out.txt
echo second >> out.txt
cat < out.txt
wc -l < out.txt
ls /nonexistent-dir 2>/dev/null || echo "stderr redirected, status $?"
echo to-stderr 1>&2 2>/dev/null | cat
exec 3> fd3.txt
echo "via fd 3" >&3
exec 3>&-
cat fd3.txt
cat <<EOF
here-doc: i=$i sum=$((i + 5)) cmd=$(echo substituted)
EOF
cat <<'EOF'
literal: $i $(not run)
EOF
x=$(echo hello | sed 's/l/L/g')
echo "command substitution: $x"
echo "nested: $(echo $(echo inner))"
( cd /; pwd )
pwd | sed 's|.*/||' >/dev/null && echo "subshell kept cwd"

echo "== generate data"
seq 1 3000 | awk '{ printf "%d k%02d %s\n", ($1 * 7919) % 1009, $1 % 17, ($1 % 3 ? "x" : "y") }' > data.txt
wc -l data.txt
head -n 3 data.txt

echo "== sort"
sort -n data.txt | head -n 5
sort -n data.txt | sha256sum | cut -c1-16
sort -rn data.txt | head -n 3
sort -u -n data.txt | wc -l
cut -d' ' -f2 data.txt | sort -u | head -n 4
sort -k2,2 -k1,1n data.txt | head -n 4
sort -k2,2 -k1,1n data.txt | sha256sum | cut -c1-16
sort -t' ' -k3,3r -k1,1n data.txt | tail -n 2
printf 'b\na\nc\na\n' | sort | uniq -c

echo "== awk"
awk '{ s += $1; c[$3]++ } END { printf "sum=%d n=%d avg=%.3f\n", s, NR, s / NR; print "x:", c["x"], "y:", c["y"] }' data.txt
awk -F' ' '$1 > 1000 { print NR ": " $0 }' data.txt | head -n 3
awk 'BEGIN { for (i = 1; i <= 5; i++) printf "%5.2f|%-4s|%x\n", i / 3, "ab", i * 255 }'
awk 'BEGIN { s = "hello world"; n = split(s, p, " "); print n, toupper(p[2]), substr(s, 3, 4), index(s, "wor"), length(s) }'
echo "3 4" | awk '{ print $1 * $2, $1 - $2, $2 % $1, int(7 / 2) }'

echo "== sed"
printf 'foo bar foo\nbaz foo\nqux\nstart\nin1\nin2\nend\ntail\n' > s.txt
sed 's/foo/FOO/g' s.txt | head -n 2
sed '/baz/d' s.txt | head -n 2
sed -n '/start/,/end/p' s.txt
sed -n '2p;4p' s.txt
sed -e '1,3d' -e 's/^/> /' s.txt
sed 's/\(b..\)/[\1]/' s.txt | head -n 2
sed -n '$=' s.txt

echo "== text tools"
tr -d 'aeiou' < s.txt | head -n 2
cut -c1-3 s.txt | paste -s -d, -
grep -c foo s.txt
grep -n -E '^(in|end)' s.txt
head -c 20 data.txt | od -An -tx1 | head -n 2
expr 7 \* 6
printf '%05d|%-6s|%x|%o|%c\n' 42 ab 255 8 Z
echo "a:b:c" | cut -d: -f2
seq 5 | xargs echo args:
seq 10 | tail -n 3 | tac
date -u -d @86400 '+%Y-%m-%d %H:%M:%S'

echo "== checksums"
awk 'BEGIN { for (i = 0; i < 40000; i++) printf "%08x line %d of the big file\n", (i * 48271) % 2147483647, i }' > big.txt
wc -c big.txt
sha256sum big.txt
md5sum big.txt
sha1sum big.txt
sha512sum big.txt | cut -c1-32

echo "== gzip"
gzip -c big.txt > big.txt.gz
gunzip -c big.txt.gz | cmp - big.txt && echo "gzip round trip ok"
gzip -9 -c data.txt > data.gz
zcat data.gz | sha256sum
gzip -1 -c big.txt | gunzip | sha256sum | cut -c1-16
cp big.txt copy.txt
gzip copy.txt
[ -f copy.txt.gz ] && [ ! -f copy.txt ] && echo "gzip replaced file"
gunzip copy.txt.gz
cmp copy.txt big.txt && echo "gunzip restored file"

echo "== tar"
mkdir -p tree/sub/deeper
echo "file a" > tree/a.txt
cp data.txt tree/sub/data.txt
printf 'x%.0s' $(seq 1 5000) > tree/sub/deeper/long.txt
ln -s ../a.txt tree/sub/link
chmod 751 tree/sub
tar cf tree.tar tree
tar tf tree.tar | sort
mkdir extract
cd extract
tar xf ../tree.tar
cd ..
diff -r tree extract/tree && echo "tar round trip identical"
readlink extract/tree/sub/link
stat -c '%a %n' extract/tree/sub
tar czf tree.tgz tree
tar tzf tree.tgz | wc -l
find tree -type f | sort | xargs sha256sum | cut -c1-16

echo "== done"
