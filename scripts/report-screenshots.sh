#!/usr/bin/env bash
# Renders the example's report (pipelines/example.yml, Havbrekk) in nn, nb and en with headless
# Chromium: screenshots at phone (390 px) and desktop (1280 px) width, an A4 PDF, and the PDF's
# pages as PNG. Not run by the tests.
# Needs: apt-get install -y chromium fonts-dejavu-core poppler-utils
# Usage: scripts/report-screenshots.sh [OUTPUT_DIR]   (default /tmp/gevinst-report-preview)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/gevinst-report-preview}
rm -rf "$out"
mkdir -p "$out"
swift build --product gevinst >/dev/null
bin=$(swift build --show-bin-path)/gevinst
# Import, trends and gains once; then the report stage per language, from pipeline copies that differ
# only in reports.language and reports.dir.
"$bin" run pipelines/example.yml --quiet
shoot() { chromium --headless --no-sandbox --disable-gpu --hide-scrollbars "$@" 2>/dev/null; }
for lang in nn nb en; do
  pipeline="pipelines/.preview-$lang.yml"
  sed -e "s|^  language: .*|  language: $lang|" -e "s|^  dir: .*|  dir: $out/$lang|" pipelines/example.yml >"$pipeline"
  "$bin" report "$pipeline" --quiet || { rm -f "$pipeline"; exit 1; }
  rm -f "$pipeline"
  page="file://$out/$lang/report.html"
  shoot --window-size=390,2400 --screenshot="$out/$lang-phone.png" "$page"
  shoot --window-size=1280,2400 --screenshot="$out/$lang-desktop.png" "$page"
  shoot --no-pdf-header-footer --print-to-pdf="$out/$lang.pdf" "$page"
  pdftoppm -png -r 50 "$out/$lang.pdf" "$out/$lang-page"
done
ls "$out"
