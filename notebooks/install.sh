#!/usr/bin/env bash
# Installs what the notebooks need: Jupyter, pandas and matplotlib from Debian, DuckDB from npm (into
# notebooks/node_modules, versions pinned by package-lock.json). Run as root, or with sudo for the apt part.
#   notebooks/install.sh            # apt packages (when missing) + npm ci
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
packages=(jupyter-nbconvert python3-nbclient python3-ipykernel python3-pandas python3-matplotlib)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if (( ${#missing[@]} )); then
  sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
npm ci --no-audit --no-fund --loglevel=error
echo "notebooks: Jupyter, pandas, matplotlib and DuckDB (node_modules/@duckdb/node-api) are installed"
