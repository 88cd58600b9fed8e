#!/usr/bin/env bash
# Installs the system packages and the project (editable) on a fresh Debian machine.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
APT_PACKAGES=(
  tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-osd
  poppler-utils libzbar0 fonts-liberation2 fonts-dejavu-core fonts-ocr-b
  chromium chromium-driver
)
missing=()
for p in "${APT_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
python3 -m pip install -q --upgrade pip
python3 -m pip install -q -e ".[dev]"
command -v pyenv >/dev/null 2>&1 && pyenv rehash || true
