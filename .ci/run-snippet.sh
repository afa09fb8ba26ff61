# For .ci/run (chat-sample-app's browser test): headless Chromium and its driver from Debian.
# The test skips itself only where no Chromium exists; CI must not skip it, so install both when missing.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
	apt-get update
	apt-get install -y --no-install-recommends chromium chromium-driver
fi
