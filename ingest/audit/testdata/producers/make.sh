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
# A source document in markup (NAME.src: footnotes, running head and foot,
# emphasis, a table, two columns; see gen.go) is first turned by gen.go into
# NAME.txt, the text every rendering is compared with, and rendered also by
#
#   NAME.lowriter.pdf   LibreOffice Writer (soffice --convert-to pdf) of a
#                       flat OpenDocument text: justified, hyphenated
#                       (hyphen-es), footnotes, head and foot with the page
#                       number, a table, two columns where asked
#   NAME.pdflatex.pdf   pdflatex, T1 Latin Modern, babel Spanish
#                       (hyphenation), fancyhdr, footnotes
#   NAME.xelatex.pdf    xelatex, fontspec DejaVu Serif, the same
#   NAME.chromium.pdf   Chromium of the HTML: CSS columns, page-margin boxes
#                       for the head and foot, notes at the end (this
#                       replaces the plain HTML rendering above)
#   NAME.enscript.pdf   enscript (Latin-1, Courier) | ps2pdf, of the text
#                       wrapped at 78 columns
#   NAME.a2ps.pdf       a2ps, two pages a landscape sheet (text turned a
#                       quarter) | ps2pdf, of the same
#   NAME.qpdf-objstm.pdf, NAME.qpdf-qdf.pdf   the LibreOffice PDF rewritten by
#                       qpdf with object streams, and uncompressed (QDF); of
#                       cat.src only
#
# Packages: groff ghostscript chromium pango1.0-tools fonts-dejavu-core
# libreoffice-writer-nogui hyphen-es fonts-liberation texlive-latex-base
# texlive-latex-recommended texlive-lang-spanish texlive-xetex lmodern enscript
# a2ps qpdf, and Go (gen.go).
# Run from anywhere: bash ingest/audit/testdata/producers/make.sh
# With arguments, it renders those texts or sources instead, beside them:
#   bash make.sh /tmp/set/*.txt /tmp/set/*.src
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -eq 0 ]; then
  cd "$here"
  set -- *.src
  for t in *.txt; do
    [ -e "${t%.txt}.src" ] || set -- "$@" "$t"
  done
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# latin1 writes UTF-8 text in Latin-1, the one encoding enscript and a2ps
# read ("—" becomes "-", "…" "...").
latin1() { iconv -f utf-8 -t latin1//TRANSLIT; }

srcs=()
txts=()
for f in "$@"; do
  case "$f" in
    *.src) srcs+=("$f") ;;
    *) txts+=("$f") ;;
  esac
done
for src in "${srcs[@]}"; do
  name=${src%.src}
  base=$(basename "$name")
  abs=$(realpath "$src")
  (cd "$here" && go run gen.go -o "$tmp" "$abs")
  cp "$tmp/$base.txt" "$name.txt"
  # LibreOffice Writer, and qpdf's rewrites of its PDF.
  soffice --headless --convert-to pdf --outdir "$tmp" "$tmp/$base.fodt" >/dev/null 2>&1
  cp "$tmp/$base.pdf" "$name.lowriter.pdf"
  if [ "$base" = cat ]; then # one document: a rewrite changes the file, not its text
    qpdf --object-streams=generate "$name.lowriter.pdf" "$name.qpdf-objstm.pdf"
    qpdf --qdf --object-streams=disable "$name.lowriter.pdf" "$name.qpdf-qdf.pdf"
  fi
  # pdflatex and xelatex, twice each for the page references.
  for engine in pdflatex xelatex; do
    (cd "$tmp" && $engine -interaction=batchmode "$base.tex" >/dev/null 2>&1 || true
     $engine -interaction=batchmode "$base.tex" >/dev/null 2>&1 || true)
    [ -s "$tmp/$base.pdf" ] || { echo "$engine failed on $src: see $tmp/$base.log" >&2; exit 1; }
    cp "$tmp/$base.pdf" "$name.$engine.pdf"
    rm -f "$tmp/$base.pdf"
  done
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$(realpath "$name").chromium.pdf" "file://$tmp/$base.html" 2>/dev/null
  # enscript and a2ps: the text wrapped at 78 columns, in Latin-1.
  latin1 < "$name.txt" | fmt -w 78 > "$tmp/$base.l1"
  # (No running heads: the reference has the source's.)
  enscript -q -B -X latin1 -f Courier10 -p - "$tmp/$base.l1" | ps2pdf - "$name.enscript.pdf"
  a2ps -q -B -X latin1 --borders=no -o - "$tmp/$base.l1" | ps2pdf - "$name.a2ps.pdf"
  txts+=("$name.txt")
done
set -- "${txts[@]}"

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

  # Chromium: the paragraphs as HTML, justified (a source's own HTML, with
  # its notes and columns, was rendered above).
  [ -e "$name.src" ] || {
    echo '<!doctype html><html lang="es"><meta charset="utf-8"><style>body{font:11pt "DejaVu Serif";text-align:justify;margin:2cm}</style><body>'
    awk 'BEGIN { RS = "" } { gsub(/&/, "\\&amp;"); gsub(/</, "\\&lt;"); gsub(/\n/, " ");
         if (NR == 1) print "<h1>" $0 "</h1>"; else print "<p>" $0 "</p>" }' "$txt"
    echo '</body></html>'
  } > "$tmp/$base.html"
  [ -e "$name.src" ] || chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$(realpath "$name").chromium.pdf" "file://$tmp/$base.html" 2>/dev/null

  # pango-view: one justified page, as wide as A4's text column.
  awk 'BEGIN { RS = ""; ORS = "\n\n" } { gsub(/\n/, " "); print }' "$txt" > "$tmp/$base.pango.txt"
  pango-view --no-display --font="DejaVu Serif 11" --width=450 --justify --wrap=word --margin=60 \
    --output="$name.pango.pdf" "$tmp/$base.pango.txt"
done
