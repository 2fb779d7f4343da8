#!/usr/bin/env bash
# Regenerate the message catalog: lupdate over every module with user-facing text (ui/ and app/; of ui/forms/ only
# texts.py, the renderer's table), then lrelease. New strings arrive as type="unfinished": write their English in
# app/i18n/yunban_en.ts, then run this again.
set -euo pipefail
cd "$(dirname "$0")/.."
V=.venv/bin
mapfile -t sources < <(find ui app -name '*.py' \( -not -path 'ui/forms/*' -o -path ui/forms/texts.py \) | sort)
$V/pyside6-lupdate "${sources[@]}" -ts app/i18n/yunban_en.ts -no-obsolete -source-language zh_CN -target-language en
$V/pyside6-lrelease app/i18n/yunban_en.ts -qm app/i18n/yunban_en.qm
