#!/bin/sh
# Regenerates resources/audio/vi (Southern voice) and resources/audio/vi-north (Northern voice): clips + manifest.json, offline, with espeak-ng and sox.
# Needs: apt-get install -y espeak-ng sox libsox-fmt-all. Options: --region south|north --speed 135 --out-root DIR
set -eu
cd "$(dirname "$0")/.."
exec npx tsx scripts/gen-audio.ts "$@"
