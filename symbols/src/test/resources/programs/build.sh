#!/usr/bin/env bash
# Builds the symbols module's test programs: C and C++ compiled to wasm32-wasi
# with DWARF, at -O0, -O1 and -O2, DWARF 4 and 5, one with -gline-tables-only.
# The .wasm files are committed, so the Maven build never needs a compiler;
# rerun this only to change a program, then rerun
# symbols/scripts/llvm-symbolizer-expectations.py to refresh the expected data.
#
# Toolchain (Debian packages): clang-22 lld-22 wasi-libc libclang-rt-22-dev-wasm32
# libc++-22-dev-wasm32 libc++abi-22-dev-wasm32. The exact versions used are
# written to TOOLCHAIN.txt beside this script.
#
# Usage: build.sh [PROGRAM...]   (default: every program below)
set -euo pipefail
cd "$(dirname "$0")"

CC=clang-22
CXX=clang++-22
COMMON=(--target=wasm32-wasi --sysroot=/usr -g)

# name | compiler | flags | sources (relative to the program's folder)
PROGRAMS=(
  "inline-o2|$CC|-O2|inline.c"
  "modules-o1|$CC|-O1 -gdwarf-5|main.c list.c sort.c"
  "recursion-o0|$CC|-O0 -Wl,--stack-first|recursion.c"
  "lines-only-o2|$CC|-O2 -gline-tables-only|lines.c"
  "shapes-cpp-o2|$CXX|-O2 -gdwarf-5 -fno-exceptions|shapes.cpp"
  "inventory-cpp-o1|$CXX|-O1 -gdwarf-4 -fno-exceptions|inventory.cpp"
)

wanted() {
  [ $# -eq 0 ] && return 0
  local n
  for n in "${SELECTED[@]}"; do [ "$n" = "$1" ] && return 0; done
  return 1
}
SELECTED=("$@")

{
  echo "# Toolchain that built these programs (written by build.sh)"
  "$CC" --version | head -1
  dpkg-query -W -f='${Package} ${Version}\n' lld-22 wasi-libc libclang-rt-22-dev-wasm32 \
    libc++-22-dev-wasm32 libc++abi-22-dev-wasm32
  echo "common flags: ${COMMON[*]} -fdebug-prefix-map=<program folder>=."
} > TOOLCHAIN.txt

for entry in "${PROGRAMS[@]}"; do
  IFS='|' read -r name compiler flags sources <<< "$entry"
  if [ ${#SELECTED[@]} -gt 0 ] && ! wanted "$name"; then continue; fi
  # shellcheck disable=SC2086
  (cd "$name" && "$compiler" "${COMMON[@]}" $flags -fdebug-prefix-map="$PWD"=. \
      $sources -o "$name.wasm" 2> >(grep -v 'is deprecated' >&2))
  echo "$name: $compiler ${COMMON[*]} $flags $sources" >> TOOLCHAIN.txt
  echo "built $name/$name.wasm ($(wc -c < "$name/$name.wasm") bytes)"
done
