#!/bin/sh
# Install this Dossier folder for the current user: the app in ~/.local/opt/Dossier,
# the `dossier` command in ~/.local/bin, and a menu entry with its icon.
# Run it from the unpacked folder: ./install.sh   (./install.sh --uninstall removes it all)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
APP=$HOME/.local/opt/Dossier
BIN=$HOME/.local/bin
if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$APP" "$BIN/dossier" "$DATA/applications/dossier.desktop" \
    "$DATA/icons/hicolor/256x256/apps/dossier.png" "$DATA/icons/hicolor/scalable/apps/dossier.svg"
  echo "Dossier removed."
  exit 0
fi
if [ "$HERE" != "$APP" ]; then
  rm -rf "$APP"
  mkdir -p "$(dirname "$APP")"
  cp -R "$HERE" "$APP"
fi
mkdir -p "$BIN" "$DATA/applications" "$DATA/icons/hicolor/256x256/apps" "$DATA/icons/hicolor/scalable/apps"
ln -sf "$APP/Dossier" "$BIN/dossier"
cp "$APP/dossier.png" "$DATA/icons/hicolor/256x256/apps/dossier.png"
cp "$APP/dossier.svg" "$DATA/icons/hicolor/scalable/apps/dossier.svg"
sed "s|^Exec=dossier|Exec=\"$APP/Dossier\"|" "$APP/dossier.desktop" > "$DATA/applications/dossier.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$DATA/applications" || true
echo "Dossier installed: run 'dossier' (if ~/.local/bin is on your PATH) or find it in the applications menu."
