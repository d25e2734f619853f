#!/usr/bin/env bash
# Rebuilds the C program fixtures of the `coroner debug` tests (debugserver/LldbTest):
# each program compiled twice (-O0: every variable in linear memory; -O1: variables in
# Wasm locals, operand stack values and location lists), run to its trap by Coroner's
# interpreter (`coroner run --invoke`), and the DWARF facts the test derives its expected
# values from recorded with llvm-dwarfdump.
#
# Needs Debian's clang-22, lld-22 and llvm-22 (llvm-dwarfdump-22); run from anywhere.
# The outputs are committed, so the build and CI never need a C compiler.
set -euo pipefail
cd "$(dirname "$0")"
root="$(cd ../../../../.. && pwd)"

for tool in clang-22 wasm-ld-22 llvm-dwarfdump-22; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool not found (apt-get install clang-22 lld-22 llvm-22)" >&2; exit 2; }
done

# program  export  argument
programs=("inventory start 6")

{
  echo "# Written by build.sh; do not edit."
  clang-22 --version | head -1
  llvm-dwarfdump-22 --version | grep -i version | head -1
  echo "flags: --target=wasm32 -nostdlib -Wl,--no-entry -Wl,--export=EXPORT -O0|-O1 -g -fdebug-prefix-map=DIR=."
} > BUILD-INFO.txt

for spec in "${programs[@]}"; do
  read -r name export argument <<<"$spec"
  for opt in O0 O1; do
    out="$name-$opt.wasm"
    clang-22 --target=wasm32 -nostdlib -Wl,--no-entry "-Wl,--export=$export" "-$opt" -g \
      "-fdebug-prefix-map=$PWD=." "$name.c" -o "$out"
    rm -f "$out.core"
    # Exit 0 means it trapped and the dump was written (process name: the file name).
    "$root/coroner" run "$out" --invoke "$export" "$argument" --out . >/dev/null
    test -f "$out.core"
    llvm-dwarfdump-22 --debug-info --debug-line "$out" > "$name-$opt.dwarfdump.txt"
    echo "built $out, $out.core, $name-$opt.dwarfdump.txt"
  done
done
