#!/usr/bin/env bash
# Installs the Debian packages qcconf needs when they are missing: CJK fonts (Noto, and HanaMin
# for rare characters in names) and Pango for
# WeasyPrint, poppler and zbar for the PDF/QR tests, chromium for the browser tests, wrk for bench,
# pg_dump/pg_restore for backups of a PostgreSQL event, nginx for the several-servers test,
# khal for the calendar feed tests.
set -euo pipefail
PACKAGES=(fonts-noto-cjk fonts-hanazono fontconfig libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
          poppler-utils zbar-tools chromium wrk postgresql-client nginx-light khal)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing system packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
