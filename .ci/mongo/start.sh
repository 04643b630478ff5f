#!/usr/bin/env bash
# Starts mongo-java-server on 127.0.0.1:${1:-27017} in the background and waits until it accepts
# connections. Fetches the jars from Maven Central on first use. Prints the PID.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${1:-27017}"
if [ ! -d "$here/lib" ]; then
  (cd "$here" && mvn -q -B dependency:copy-dependencies -DoutputDirectory=lib >&2)
fi
log="${TMPDIR:-/tmp}/test-mongo-$port.log"
nohup java -Xmx1g -cp "$here/lib/*" "$here/TestMongo.java" "$port" >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$pid"; exit 0; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$log" >&2; exit 1; fi
  sleep 0.25
done
echo "mongo-java-server did not start on port $port" >&2
cat "$log" >&2
exit 1
