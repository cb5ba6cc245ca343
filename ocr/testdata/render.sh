#!/bin/sh
# Renders the test ads to PNG with Pango (Debian: pango1.0-tools, fonts-noto-core), which shapes
# Urdu correctly. The PNGs are committed, so the tests need only Tesseract; run this again after
# changing a .txt file.
set -eu
cd "$(dirname "$0")"
render() { # text font size width file [pango-view options]
  pango-view -q --font="$2 $3" --width="$4" --wrap=word --margin=30 --antialias=gray --hinting=full "$1" -o "$5" ${6:-}
}
render en-scam.txt "Noto Sans" 18 900 en-scam.png
render ur-scam.txt "Noto Naskh Arabic" 20 900 ur-scam.png "--rtl --align=right"
render ur-impersonation.txt "Noto Naskh Arabic" 20 900 ur-impersonation.png "--rtl --align=right"
render ur-scam.txt "Noto Nastaliq Urdu" 20 900 ur-scam-nastaliq.png "--rtl --align=right"
