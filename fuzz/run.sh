#!/usr/bin/env bash
# Runs one libFuzzer target for a fixed time:  fuzz/run.sh NAME SECONDS
#   NAME: csv, numbers, xml, cube or pipeline (build them first with fuzz/build.sh).
# The working corpus (fuzz/.build/work/NAME) starts from the seeds — fuzz/seeds/NAME, the test
# fixtures that carry the conformance material and its licences, the example data — and the
# committed corpus fuzz/corpus/NAME. Afterwards the new inputs that add coverage are merged into
# fuzz/corpus/NAME (small files only). Crashes, leaks, timeouts and out-of-memory inputs land in
# fuzz/.build/artifacts/NAME/; copy each into fuzz/regressions/NAME/ once it is understood and fixed.
# The figures (executions, coverage) are printed at the end and kept in fuzz/.build/logs/NAME.log.
set -euo pipefail
cd "$(dirname "$0")/.."
NAME=${1:?usage: fuzz/run.sh NAME SECONDS}
SECONDS_TO_RUN=${2:-600}
BIN=fuzz/.build/bin/fuzz-$NAME
test -x "$BIN" || { echo "run fuzz/build.sh first" >&2; exit 1; }
WORK=fuzz/.build/work/$NAME
ARTIFACTS=fuzz/.build/artifacts/$NAME
LOG=fuzz/.build/logs/$NAME.log
mkdir -p "$WORK" "$ARTIFACTS" "$(dirname "$LOG")" "fuzz/corpus/$NAME" "fuzz/regressions/$NAME"

seed() {  # seed FILE...: copy each file's first MAXLEN bytes into the working corpus
  for f in "$@"; do
    [ -f "$f" ] || continue
    head -c "$MAXLEN" "$f" > "$WORK/seed-$(printf '%s' "$f" | sha1sum | cut -c1-16)"
  done
}
FIX=Tests/GevinstImportTests/Fixtures
case $NAME in
  csv)      MAXLEN=4096; DICT=fuzz/dict/csv.dict
            seed $(find "$FIX/csv" -type f -name '*.csv') $(find data/example -name '*.csv' | sort | head -20) ;;
  numbers)  MAXLEN=64; DICT=
            seed fuzz/seeds/numbers/* ;;
  xml)      MAXLEN=4096; DICT=fuzz/dict/xml.dict
            seed $(find "$FIX/xml" -type f \( -name '*.xml' -o -name '*.dat' -o -name '*.txt' -o -name '*.ent' -o -name '*.dtd' \)) \
                 $(find data/example -name '*.xml' | sort | head -20) ;;
  cube)     MAXLEN=4096; DICT=fuzz/dict/cube.dict
            seed $(find "$FIX/cubes" -type f \( -name '*.json' -o -name '*.px' \) ! -name expected.json) ;;
  pipeline) MAXLEN=8192; DICT=fuzz/dict/pipeline.dict
            seed fuzz/seeds/pipeline/* pipelines/*.yml ;;
  *) echo "unknown target $NAME" >&2; exit 64 ;;
esac
cp fuzz/corpus/"$NAME"/* fuzz/regressions/"$NAME"/* "$WORK"/ 2>/dev/null || true

ARGS=(-max_total_time="$SECONDS_TO_RUN" -max_len="$MAXLEN" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
      -artifact_prefix="$ARTIFACTS/" -detect_leaks=0)
[ -n "$DICT" ] && ARGS+=(-dict="$DICT")
echo "fuzz/run.sh: $NAME for $SECONDS_TO_RUN s, $(ls "$WORK" | wc -l) inputs to start from" | tee "$LOG"
set +e
SWIFT_BACKTRACE=enable=no "$BIN" "${ARGS[@]}" "$WORK" >> "$LOG" 2>&1
STATUS=$?
set -e
# Keep the inputs that add coverage (under 4 KiB: the committed corpus stays small).
MERGED=fuzz/.build/merged-$NAME
rm -rf "$MERGED" && mkdir -p "$MERGED"
"$BIN" -merge=1 -max_len=4096 -timeout=10 -detect_leaks=0 "$MERGED" "fuzz/corpus/$NAME" "$WORK" > "$LOG.merge" 2>&1 || true
if [ "$(ls "$MERGED" | wc -l)" -gt 0 ]; then rm -f fuzz/corpus/"$NAME"/*; cp "$MERGED"/* "fuzz/corpus/$NAME/"; fi
echo "fuzz/run.sh: $NAME exit $STATUS" | tee -a "$LOG"
grep -E "^#[0-9]+[[:space:]]+DONE|^stat::|INFO: Loaded|^==[0-9]+==ERROR|^SUMMARY|Test unit written" "$LOG" || true
mkdir -p "$ARTIFACTS"; echo "corpus: $(ls fuzz/corpus/$NAME | wc -l) files; artifacts: $(ls "$ARTIFACTS" | wc -l)"
exit $STATUS
