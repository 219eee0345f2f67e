#!/usr/bin/env bash
# Renders a BPMN model to a PNG the way Camunda Modeler draws it (bpmn-js from the npm registry, headless
# Chromium), e.g. the README's picture of the lifecycle:
#   scripts/render-model.sh processes/reform-task.bpmn docs/reform-task.png
# Needs node/npm and chromium (Debian: apt-get install chromium fonts-wqy-zenhei).
set -euo pipefail
model="$(realpath "$1")"
out="$(realpath -m "${2:-${1%.bpmn}.png}")"
width="${WIDTH:-2560}"
height="${HEIGHT:-860}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
npm install --prefix "$work" --no-save --no-audit --no-fund --loglevel=error bpmn-js@17 >/dev/null
python3 - "$model" "$work/index.html" "$width" "$height" <<'PY'
import json, sys
model, page, width, height = sys.argv[1:5]
xml = open(model, encoding="utf-8").read()
open(page, "w", encoding="utf-8").write(f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<link rel="stylesheet" href="node_modules/bpmn-js/dist/assets/bpmn-js.css">
<link rel="stylesheet" href="node_modules/bpmn-js/dist/assets/diagram-js.css">
<link rel="stylesheet" href="node_modules/bpmn-js/dist/assets/bpmn-font/css/bpmn.css">
<style>html,body{{margin:0;background:#fff}}#c{{width:{width}px;height:{height}px}}</style>
<script src="node_modules/bpmn-js/dist/bpmn-viewer.production.min.js"></script></head>
<body><div id="c"></div><script>
const viewer = new BpmnJS({{container: '#c'}});
viewer.importXML({json.dumps(xml)}).then(() => viewer.get('canvas').zoom('fit-viewport', 'auto'));
</script></body></html>""")
PY
chromium --headless --no-sandbox --disable-gpu --allow-file-access-from-files --virtual-time-budget=5000 \
  --window-size="$width,$height" --screenshot="$out" "file://$work/index.html" 2>/dev/null
echo "wrote $out"
