#!/usr/bin/env bash
# README command 1: install what is missing, build, run the built-in default case.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
./build/twin/floodtwin demo --out "${1:-floodtwin-demo}"
