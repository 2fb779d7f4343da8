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
# Both cores: the suite's test files are spread over YUNBAN_TEST_WORKERS processes (default 2; 0 runs in this process),
# a file's tests staying together in one worker (module fixtures, and no two workers in one file's servers).
workers=${YUNBAN_TEST_WORKERS:-2}
parallel=()
if [ "$workers" != "0" ]; then parallel=(-n "$workers" --dist loadfile); fi
scripts/with-services.sh $V/python -m pytest -q "${parallel[@]}" "$@"
rc=$?
set -e
if [ $rc -eq 5 ]; then echo "test: pytest collected no tests" >&2; exit 1; fi
if [ $rc -ne 0 ]; then exit $rc; fi
# The installer test, on the whole suite only (not when pytest was given a selection); it says when it is skipped.
if [ $# -eq 0 ]; then scripts/install-test.sh; fi
