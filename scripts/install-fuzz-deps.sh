#!/usr/bin/env bash
# Installs what the fuzz target needs (see scripts/install-deps.sh --with-fuzz). Idempotent.
exec bash "$(dirname "$0")/install-deps.sh" --with-fuzz
