#!/usr/bin/env bash
# The whole test suite: set up (idempotent), then lint, format check, types, import contracts and pytest.
# Extra arguments go to pytest. pytest's exit code 5 (no tests collected) counts as a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
V=.venv/bin

echo "== ruff"; $V/ruff check . && $V/ruff format --check .
echo "== mypy"; $V/mypy
echo "== import contracts"; $V/lint-imports
echo "== pytest"
set +e
# Both cores for the folders that drive no Qt event loop (pytest-xdist, a file's tests kept together in one worker);
# the Qt-driven folders in one process afterwards (their event-loop tests are order-sensitive across a worker).
# YUNBAN_TEST_WORKERS=0 runs everything in one process; a selection on the command line runs as given.
workers=${YUNBAN_TEST_WORKERS:-2}
# Any order works: tests/conftest.py clears Qt's quit flag that a test running the application's main loop leaves.
QT_DIRS=(tests/e2e tests/integration/ui tests/integration/ui_apply tests/integration/ui_tech tests/integration/provisioning
  tests/integration/counter tests/integration/laptop)
if [ $# -eq 0 ] && [ "$workers" != "0" ]; then
  ignores=()
  for d in "${QT_DIRS[@]}"; do ignores+=(--ignore "$d"); done
  scripts/with-services.sh $V/python -m pytest -q -n "$workers" --dist loadfile "${ignores[@]}"
  rc1=$?
  # The installer test (mostly dpkg, apt, mmdebstrap and disk: about one core) runs beside the Qt folders, which
  # drive one process on one core; its output is printed when both have ended.
  install_log=$(mktemp)
  scripts/install-test.sh >"$install_log" 2>&1 &
  install_pid=$!
  scripts/with-services.sh $V/python -m pytest -q "${QT_DIRS[@]}"
  rc2=$?
  wait "$install_pid"
  rc_install=$?
  cat "$install_log"
  rm -f "$install_log"
  if [ $rc1 -ne 0 ]; then rc=$rc1; else rc=$rc2; fi
else
  scripts/with-services.sh $V/python -m pytest -q "$@"
  rc=$?
  rc_install=
fi
set -e
if [ $rc -eq 5 ]; then echo "test: pytest collected no tests" >&2; exit 1; fi
if [ $rc -ne 0 ]; then exit $rc; fi
# The installer test, on the whole suite only (not when pytest was given a selection); it says when it is skipped.
if [ $# -eq 0 ]; then
  if [ -z "$rc_install" ]; then scripts/install-test.sh; else exit "$rc_install"; fi
fi
