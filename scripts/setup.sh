#!/usr/bin/env bash
# Install baocao_parser with everything its tests and demo use.
# System tools (Tesseract with its Vietnamese model, LibreOffice, poppler, Chromium) come from
# Debian's packages when this runs as root on a Debian/Ubuntu machine; elsewhere it
# says what to install. Python packages go into the current Python (use a venv if you like).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie || need+=(tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v chromium >/dev/null 2>&1 || need+=(chromium)  # the test that opens an issuer page in a real browser
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" fonts-dejavu-core >/dev/null
  else
    echo "setup: optional system tools missing: ${need[*]} (install them with your package manager;"
    echo "       without them scanned files, images and .doc files cannot be read, everything else works)"
  fi
fi

PY=${PYTHON:-python3}
"$PY" -m pip install -q --disable-pip-version-check -e ".[test]"
