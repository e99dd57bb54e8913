#!/usr/bin/env bash
# Renders the example's report (pipelines/example.yml, Havbrekk) in nn, nb and en with headless
# Chromium: screenshots at phone (390 px) and desktop (1280 px) width, an A4 PDF, the PDF's pages as
# PNG, all pages on one contact sheet (<lang>-pages.png), and the nynorsk "Budsjett i balanse" section
# alone (nn-budget-section.png). Not run by the tests.
# Needs: apt-get install -y chromium fonts-dejavu-core poppler-utils imagemagick (pngquant, if present,
# shrinks the PNGs)
# Usage: scripts/report-screenshots.sh [OUTPUT_DIR]   (default /tmp/gevinst-report-preview)
#        scripts/report-screenshots.sh --docs         (the subset committed under docs/screenshots/)
set -euo pipefail
cd "$(dirname "$0")/.."
docs=
if [ "${1:-}" = --docs ]; then docs=docs/screenshots; shift; fi
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
  # Every page on one sheet, six to a row, numbered.
  sheet="$out/$lang-pages.html"
  {
    echo '<!DOCTYPE html><html><body style="margin:0;background:#777"><div style="display:grid;grid-template-columns:repeat(6,1fr);gap:6px;padding:6px">'
    for png in "$out/$lang-page"-*.png; do
      echo "<figure style=\"margin:0;position:relative\"><img src=\"file://$png\" style=\"width:100%;display:block;background:#fff\"><figcaption style=\"position:absolute;top:0;right:0;background:#ffd;font:14px sans-serif;padding:0 4px\">${png##*-}</figcaption></figure>"
    done
    echo '</div></body></html>'
  } >"$sheet"
  rows=$(( ($(ls "$out/$lang-page"-*.png | wc -l) + 5) / 6 ))
  shoot --window-size=1400,$(( rows * 330 + 12 )) --screenshot="$out/$lang-pages.png" "file://$sheet"
done
# The budget section alone: a copy of the page with every other section hidden, its white margin trimmed.
sed 's|</style>|section:not(#budget),header,nav{display:none}</style>|' "$out/nn/report.html" >"$out/nn-budget.html"
shoot --window-size=1280,3000 --screenshot="$out/nn-budget-section.png" "file://$out/nn-budget.html"
# ImageMagick 7 is `magick`; Debian's 6 is also `convert-im6.q16`, which no other `convert` on PATH can shadow.
im=$(command -v magick || command -v convert-im6.q16 || command -v convert)
"$im" "$out/nn-budget-section.png" -trim +repage -bordercolor white -border 16 "$out/nn-budget-section.png"
if command -v pngquant >/dev/null; then pngquant --force --ext .png --quality 60-85 "$out"/*.png || true; fi
if [ -n "$docs" ]; then
  mkdir -p "$docs"
  for lang in nn nb en; do
    cp "$out/$lang-phone.png" "$out/$lang-desktop.png" "$out/$lang-pages.png" "$out/$lang-page-01.png" "$docs/"
  done
  cp "$out/nn-desktop.png" docs/report-screenshot.png
  cp "$out/nn-budget-section.png" docs/budget-section.png
fi
ls "$out"
