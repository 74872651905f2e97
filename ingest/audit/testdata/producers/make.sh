#!/usr/bin/env bash
# make.sh renders each text of this folder (NAME.txt: paragraphs separated
# by blank lines, the first a heading) as PDF with four producers that
# Debian packages, so that the fidelity audit (TestFidelity) measures
# relatoria's PDF reading on PDFs it was not developed on:
#
#   NAME.groff-ps.pdf   groff -Tps (justified, ms macros) | ps2pdf (Ghostscript):
#                       word spacing by Tw-free glyph runs, justification in the
#                       positions of each word
#   NAME.gropdf.pdf     groff -Tpdf (gropdf), justified
#   NAME.chromium.pdf   chromium --headless --print-to-pdf of the text as HTML,
#                       justified (Skia)
#   NAME.pango.pdf      pango-view (cairo/pango), justified
#
# Packages: groff ghostscript chromium pango1.0-tools fonts-dejavu-core.
# Run from anywhere: bash ingest/audit/testdata/producers/make.sh
# With arguments, it renders those texts instead, beside them:
#   bash make.sh /tmp/set/*.txt
set -euo pipefail
if [ $# -eq 0 ]; then
  cd "$(dirname "$0")"
  set -- *.txt
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for txt in "$@"; do
  name=${txt%.txt}
  # groff: ms macros, justified paragraphs; a line that starts with "." or
  # "'" is escaped with \&; the first paragraph is a bold heading.
  awk 'BEGIN { RS = ""; print ".nr PS 11"; print ".nr VS 13"; print ".ad b" }
       { gsub(/\\/, "\\e"); gsub(/\n/, " ");
         if (NR == 1) { print ".SH"; print "\\&" $0; print ".LP" } else { print ".LP"; print "\\&" $0 } }' "$txt" > "$tmp/$(basename "$name").ms"
  base=$(basename "$name")
  groff -K utf8 -ms -Tps "$tmp/$base.ms" > "$tmp/$base.ps"
  ps2pdf "$tmp/$base.ps" "$name.groff-ps.pdf"
  groff -K utf8 -ms -Tpdf "$tmp/$base.ms" > "$name.gropdf.pdf"

  # Chromium: the paragraphs as HTML, justified.
  {
    echo '<!doctype html><html lang="es"><meta charset="utf-8"><style>body{font:11pt "DejaVu Serif";text-align:justify;margin:2cm}</style><body>'
    awk 'BEGIN { RS = "" } { gsub(/&/, "\\&amp;"); gsub(/</, "\\&lt;"); gsub(/\n/, " ");
         if (NR == 1) print "<h1>" $0 "</h1>"; else print "<p>" $0 "</p>" }' "$txt"
    echo '</body></html>'
  } > "$tmp/$base.html"
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$(realpath "$name").chromium.pdf" "file://$tmp/$base.html" 2>/dev/null

  # pango-view: one justified page, as wide as A4's text column.
  awk 'BEGIN { RS = ""; ORS = "\n\n" } { gsub(/\n/, " "); print }' "$txt" > "$tmp/$base.pango.txt"
  pango-view --no-display --font="DejaVu Serif 11" --width=450 --justify --wrap=word --margin=60 \
    --output="$name.pango.pdf" "$tmp/$base.pango.txt"
done
