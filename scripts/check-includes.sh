#!/usr/bin/env bash
# The arrows between the parts point one way (docs/architecture.md): fails, listing each
# include that points the wrong way.
#   hydro  includes only hydro;  grids only grids;
#   twin   hydro, grids and twin, never viz or app; inside twin a sub-folder includes
#          only those before it in: warning, case|state, setup|reservoir|terrain,
#          network, dispatch, coupling, run, fourpre, ensemble, optimise;
#   viz    grids, viz and the twin's terms (twin/warning) only; app anything.
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"

rank() {  # twin sub-folders in dependency order
  case "$1" in
    warning) echo 0 ;; case|state) echo 1 ;; setup|reservoir|terrain) echo 2 ;;
    network) echo 3 ;; dispatch) echo 4 ;; coupling) echo 5 ;; run) echo 6 ;; fourpre) echo 7 ;; ensemble) echo 8 ;; optimise) echo 9 ;;
    *) echo 99 ;;
  esac
}

bad=0
while IFS=: read -r file target; do
  part=${file%%/*}
  to=${target%%/*}
  ok=1
  case "$part" in
    hydro) [ "$to" = hydro ] || ok=0 ;;
    grids) [ "$to" = grids ] || ok=0 ;;
    viz) case "$target" in grids/*|viz/*|twin/warning/*) ;; *) ok=0 ;; esac ;;
    twin)
      case "$to" in
        hydro|grids) ;;
        twin)
          from_sub=$(echo "$file" | cut -d/ -f2)
          to_sub=$(echo "$target" | cut -d/ -f2)
          if [ "$from_sub" != "$to_sub" ] && [ "$(rank "$to_sub")" -ge "$(rank "$from_sub")" ]; then ok=0; fi
          ;;
        *) ok=0 ;;
      esac ;;
  esac
  if [ "$ok" = 0 ]; then
    echo "check-includes: $file includes $target"
    bad=1
  fi
done < <(grep -rHo --include='*.hpp' --include='*.cpp' '^#include "[a-z]*/[^"]*"' hydro grids twin viz |
         sed 's/#include "\(.*\)"/\1/')
if [ "$bad" = 0 ]; then echo "check-includes: every include points the way the parts depend"; fi
exit "$bad"
