#!/usr/bin/env bash
# Install the Debian packages symnn needs for PDFs and its browser tests: a TeX engine
# (pdflatex, latexmk), poppler-utils (pdftoppm/pdftotext, used by tests to look at pages)
# and Chromium (headless, to open the HTML pages in the tests). Idempotent: does nothing
# when all of them are already on PATH.
set -euo pipefail
if command -v pdflatex >/dev/null && command -v latexmk >/dev/null && command -v pdftoppm >/dev/null \
  && command -v chromium >/dev/null; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "install-system-deps: need root to apt-get install TeX Live and Chromium (or install texlive-latex-recommended latexmk poppler-utils chromium yourself)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  texlive-latex-base texlive-latex-recommended texlive-pictures texlive-fonts-recommended \
  latexmk poppler-utils chromium >/dev/null
