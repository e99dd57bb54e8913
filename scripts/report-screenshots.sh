#!/usr/bin/env bash
# Renders the realistic test report (Tests/GevinstReportTests/RealisticFixture.swift) in nn, nb and en
# with headless Chromium: screenshots at phone (390 px) and desktop (1280 px) width, an A4 PDF, and
# the PDF's pages as PNG. Not run by the tests.
# Needs: apt-get install -y chromium fonts-dejavu-core poppler-utils
# Usage: scripts/report-screenshots.sh [OUTPUT_DIR]   (default /tmp/gevinst-report-preview)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/gevinst-report-preview}
rm -rf "$out"
mkdir -p "$out"
GEVINST_REPORT_PREVIEW="$out" swift test --filter ReportPreview >/dev/null
shoot() { chromium --headless --no-sandbox --disable-gpu --hide-scrollbars "$@" 2>/dev/null; }
for lang in nn nb en; do
  page="file://$out/$lang/report.html"
  shoot --window-size=390,2400 --screenshot="$out/$lang-phone.png" "$page"
  shoot --window-size=1280,2400 --screenshot="$out/$lang-desktop.png" "$page"
  shoot --no-pdf-header-footer --print-to-pdf="$out/$lang.pdf" "$page"
  pdftoppm -png -r 50 "$out/$lang.pdf" "$out/$lang-page"
done
ls "$out"
