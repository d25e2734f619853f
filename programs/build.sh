#!/usr/bin/env bash
# Builds every program fixture: programs/NAME/NAME.c (.cpp, .rs) -> programs/NAME/NAME.wasm.
#
# Pinned to Debian's LLVM 22 WebAssembly toolchain for C and C++, and Debian's Rust:
#   apt-get install -y clang-22 lld-22 wasi-libc libclang-rt-22-dev-wasm32 libc++-22-dev-wasm32 \
#     rustc libstd-rust-dev-wasm32 lld-14
# (lld-14 provides rust-lld, the linker Debian's rustc uses for wasm32-wasi; /usr/bin/rustc is
# called by its full path, so a rustup toolchain earlier in PATH does not take over.)
# Common flags: C/C++ --target=wasm32-wasi --sysroot=/usr -g; Rust --target wasm32-wasi -g; plus
# -fdebug-prefix-map (Rust: --remap-path-prefix) <program folder>=. so that no absolute path of
# this machine ends up in the DWARF. Each source's first line names its own flags ("// build: -O2 ..."): optimisation level,
# DWARF version, linker options. The exact package versions and every command line are written to
# programs/BUILD-INFO.txt, which is committed with the .wasm files (CI needs no compiler).
#
# Usage: programs/build.sh           build every program (a folder NAME holding NAME.c or NAME.cpp)
#        programs/build.sh --check   rebuild all into a temporary folder and compare them, byte for
#                                    byte, with the committed .wasm files and BUILD-INFO.txt
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
packages=(clang-22 lld-22 wasi-libc libclang-rt-22-dev-wasm32 libc++-22-dev-wasm32 rustc
  libstd-rust-dev-wasm32 lld-14)
common=(--target=wasm32-wasi --sysroot=/usr -g)

check=0
for arg in "$@"; do
  case "$arg" in
    --check) check=1 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument $arg (see --help)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} > 0)); then
  echo "build.sh: missing Debian packages: ${missing[*]}" >&2
  echo "  install them with: apt-get install -y ${missing[*]}" >&2
  exit 1
fi

names=()
for dir in "$here"/*/; do
  name="$(basename "$dir")"
  if [[ -f "$dir/$name.c" || -f "$dir/$name.cpp" || -f "$dir/$name.rs" ]]; then
    names+=("$name")
  fi
done

out_root="$here"
if ((check)); then
  out_root="$(mktemp -d)"
  trap 'rm -rf "$out_root"' EXIT
fi

info="$out_root/BUILD-INFO.txt"
{
  echo "# Written by programs/build.sh; do not edit. Rebuild with programs/build.sh."
  echo "# Debian packages:"
  for p in "${packages[@]}"; do
    echo "#   $(dpkg-query -W -f='${Package} ${Version}' "$p")"
  done
  echo "# Compilers: $(clang-22 --version | head -n 1); $(/usr/bin/rustc --version)"
  echo "# Each program is compiled in its own folder (programs/NAME), with these commands:"
} > "$info.new"

for name in "${names[@]}"; do
  dir="$here/$name"
  if [[ -f "$dir/$name.c" ]]; then
    source="$name.c"
    compiler=(clang-22 "${common[@]}")
    map="-fdebug-prefix-map"
  elif [[ -f "$dir/$name.cpp" ]]; then
    source="$name.cpp"
    compiler=(clang++-22 "${common[@]}")
    map="-fdebug-prefix-map"
  else
    source="$name.rs"
    compiler=(/usr/bin/rustc --target wasm32-wasi -g)
    map="--remap-path-prefix"
  fi
  first="$(head -n 1 "$dir/$source")"
  if [[ "$first" != "// build:"* ]]; then
    echo "build.sh: $name/$source: the first line must be '// build: FLAGS' (for example '// build: -O1')" >&2
    exit 1
  fi
  read -r -a flags <<< "${first#// build:}"
  mkdir -p "$out_root/$name"
  cmd=("${compiler[@]}" "${flags[@]}" "$map=$dir=." "$source" -o "$out_root/$name/$name.wasm")
  echo "building $name"
  # The driver warns that wasm32-wasi is deprecated in favour of wasm32-wasip1, but Debian's
  # headers live under /usr/include/wasm32-wasi, which only the old name finds.
  (cd "$dir" && "${cmd[@]}" 2> >(grep -v "argument '--target=wasm32-wasi' is deprecated" >&2))
  # Record the command as run in the program's folder ($PWD), writing to NAME.wasm there.
  printed=("${compiler[@]}" "${flags[@]}" "$map=\$PWD=." "$source" -o "$name.wasm")
  echo "$name: ${printed[*]}" >> "$info.new"
done

if ((check)); then
  status=0
  for name in "${names[@]}"; do
    if cmp -s "$out_root/$name/$name.wasm" "$here/$name/$name.wasm"; then
      echo "same: $name/$name.wasm"
    else
      echo "DIFFERENT: $name/$name.wasm" >&2
      status=1
    fi
  done
  if ((${#names[@]} > 0)) && diff -u "$here/BUILD-INFO.txt" "$info.new" >/dev/null; then
    echo "same: BUILD-INFO.txt"
  else
    echo "DIFFERENT: BUILD-INFO.txt" >&2
    diff -u "$here/BUILD-INFO.txt" "$info.new" >&2 || true
    status=1
  fi
  exit "$status"
fi

mv "$info.new" "$info"
echo "wrote $info"
