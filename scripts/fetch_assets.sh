#!/usr/bin/env bash
# Fetch the browser libraries the maps need from the npm registry (pinned),
# so that Leaflet is served by the app and no viewer's browser calls a CDN.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=static/vendor
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent leaflet@1.9.4 >/dev/null)
tar -xzf "$tmp"/leaflet-1.9.4.tgz -C "$tmp"
mkdir -p "$dest/leaflet"
cp "$tmp"/package/dist/leaflet.js "$tmp"/package/dist/leaflet.css "$dest/leaflet/"
cp -r "$tmp"/package/dist/images "$dest/leaflet/"
cp "$tmp"/package/LICENSE "$dest/leaflet/LICENSE"
echo "static assets ready in $dest"
