#!/bin/sh
# Regenerates resources/audio/vi (voice clips + manifest.json) offline with espeak-ng and sox.
# Needs: apt-get install -y espeak-ng sox libsox-fmt-all. Options: --voice vi-vn-x-south --speed 135 --out DIR
set -eu
cd "$(dirname "$0")/.."
exec npx tsx scripts/gen-audio.ts "$@"
