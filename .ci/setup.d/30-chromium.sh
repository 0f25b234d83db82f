# Chromium for the web UI's end-to-end tests (tests/e2e): Debian's own package, driven by
# Playwright (Python) through executable_path, so Playwright's browser download (which
# needs the internet) is never used. Fonts make the screenshots legible.
# Sourced by .ci/run as root (set -euo pipefail); idempotent.
if ! command -v chromium > /dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq chromium fonts-dejavu-core > /dev/null
fi
export SAIDWHAT_CHROMIUM="$(command -v chromium)"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
