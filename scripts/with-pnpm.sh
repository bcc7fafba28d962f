#!/bin/sh
# Runs a pnpm command with the pinned pnpm, installing it and the workspace first when needed,
# so a clean machine with only Node 20 and npm can run `npm test` and `npm run demo`.
set -eu
cd "$(dirname "$0")/.."
want=$(node -p "require('./package.json').packageManager.split('@')[1]")
pnpm_bin=.tools/node_modules/.bin/pnpm
if [ ! -x "$pnpm_bin" ] || [ "$("$pnpm_bin" --version)" != "$want" ]; then
  echo "haltung: installing pnpm $want into .tools/" >&2
  npm install --prefix .tools --no-save --no-package-lock --no-audit --no-fund "pnpm@$want" >&2
fi
export PATH="$PWD/.tools/node_modules/.bin:$PATH"
if [ "${CI:-}" = "true" ]; then frozen=--frozen-lockfile; else frozen=--prefer-offline; fi
pnpm install $frozen --reporter=silent >&2
exec pnpm "$@"
