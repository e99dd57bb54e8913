#!/usr/bin/env bash
# Builds the libFuzzer targets into fuzz/.build/bin/fuzz-{csv,numbers,xml,cube,pipeline} (BIN= elsewhere).
#
# SwiftPM compiles the package's library modules (and their dependencies) with
# -sanitize=fuzzer,address into fuzz/.build — a build folder of its own, so the normal
# `swift build` is untouched and nothing here is a product of Package.swift. Each target is then
# linked by swiftc from fuzz/targets/fuzz-NAME.swift, the shared entry functions in
# Tests/EndToEndTests/ReliabilityFuzzEntries.swift (the same ones the CI replay test calls), and
# the module objects. The search paths and module maps are those SwiftPM used for GevinstRunner.
set -euo pipefail
cd "$(dirname "$0")/.."
# CONFIG=release (default): optimised, as fuzzing should be; CONFIG=debug builds faster.
# -enable-testing: the entry functions use @testable import for the CSV reader's chunk size.
CONFIG=${CONFIG:-release}
BUILD=fuzz/.build
BIN=${BIN:-$BUILD/bin}
swift build -c "$CONFIG" --build-path "$BUILD" -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing \
  --target GevinstRunner 2>&1 | grep -v "^\[" || true
DEBUG="$(cd "$BUILD/$CONFIG" && pwd -P)"
test -f "$DEBUG/GevinstRunner.build/PipelineLoader.swift.o" || { echo "fuzz/build.sh: the module build failed" >&2; exit 1; }

# -I, -Xcc -fmodule-map-file and -Xcc -I arguments of GevinstRunner's compile command.
mapfile -t SEARCH < <(python3 - "$BUILD/$CONFIG.yaml" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
block = text[text.index('"C.GevinstRunner-'):]
args = [a.strip('"') for a in re.search(r'args: \[(.*?)\]\n', block).group(1).split('","')]
out, i = [], 0
while i < len(args):
    a = args[i]
    if a == "-I": out += [a, args[i + 1]]; i += 2; continue
    if a.startswith("-I"): out.append(a)
    if a == "-Xcc" and i + 1 < len(args) and (args[i + 1].startswith("-fmodule-map-file") or args[i + 1] == "-I"):
        if args[i + 1] == "-I": out += ["-Xcc", "-I", "-Xcc", args[i + 3]]; i += 4; continue
        out += ["-Xcc", args[i + 1]]; i += 2; continue
    i += 1
print("\n".join(out))
PY
)

# Every object of the libraries GevinstRunner needs; not the executable, tests or tools, nor the
# object of a Swift file renamed or deleted since an earlier build (its module's sources list lacks it).
current() {
  while read -r o; do
    case $o in *.swift.o) grep -qxF "/$(basename "$o" .o)" <(sed "s|.*/|/|; s|'\$||" "$(dirname "$o")/sources") || continue ;; esac
    echo "$o"
  done
}
mapfile -t OBJECTS < <(find "$DEBUG" -path "$DEBUG/ModuleCache" -prune -o -name '*.o' -print \
  | grep -Ev '/(gevinst|gevinstPackage[A-Za-z]*|[A-Za-z]*Tests|ArgumentParser[A-Za-z-]*|generate_[a-z_-]*|InMemoryLogging)\.build/' \
  | current | sort)

OPT=-Onone; [ "$CONFIG" = release ] && OPT=-O
mkdir -p "$BIN"
for name in "${@:-csv numbers xml cube pipeline}"; do
  for target in $name; do
    echo "fuzz/build.sh: linking fuzz-$target"
    swiftc -sanitize=fuzzer,address -parse-as-library -swift-version 6 -g $OPT -module-name FuzzTarget \
      "${SEARCH[@]}" -I "$DEBUG/Modules" \
      fuzz/targets/fuzz-"$target".swift fuzz/targets/scratch.swift Tests/EndToEndTests/ReliabilityFuzzEntries.swift \
      "${OBJECTS[@]}" -lxml2 -lsqlite3 -lstdc++ -o "$BIN/fuzz-$target" 2>&1 \
      | grep -v "Cannot export local symbol\|^$" || true
    test -x "$BIN/fuzz-$target"
  done
done
