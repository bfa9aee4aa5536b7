#!/usr/bin/env bash
# Follows docs/getting-started.md literally in a fresh temporary folder: installs this project's
# artifacts (step 0), writes every file of the guide exactly as printed there (steps 1-4), builds
# and starts the application, publishes with the guide's curl command and waits for the
# listener's log line (step 5).
#
# Our SNAPSHOT artifacts are installed into a temporary local repository, never into ~/.m2;
# third-party artifacts are read from ~/.m2 as a read-only chained repository
# (maven.repo.local.tail, Maven 3.9+), so only what ~/.m2 lacks is fetched from Maven Central.
# The one deviation from the guide: the application gets a free port instead of 8080.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
GUIDE="$ROOT/docs/getting-started.md"
WORK="$(mktemp -d -t qstash-getting-started.XXXXXX)"
APP_PID=""
START=$(date +%s)

cleanup() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID"
    wait "$APP_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
  echo "getting-started: FAILED: $*" >&2
  if [ -f "$WORK/app.log" ]; then
    echo "---- application log (last 60 lines) ----" >&2
    tail -n 60 "$WORK/app.log" >&2
  fi
  exit 1
}

# The command must be printed in the guide, so the script cannot drift from it.
in_guide() {
  grep -qxF -- "$1" "$GUIDE" || fail "the guide no longer contains the command: $1"
}

MAVEN_REPOSITORY_ARGS=(-Dmaven.repo.local="$WORK/repository" -Dmaven.repo.local.tail="${HOME}/.m2/repository")
mvn() {
  "$ROOT/mvnw" -B -ntp "${MAVEN_REPOSITORY_ARGS[@]}" "$@"
}

echo "getting-started: step 0, installing this project into $WORK/repository"
in_guide "./mvnw -q install -DskipTests"
(cd "$ROOT" && mvn -q install -DskipTests) || fail "installing the project"

echo "getting-started: steps 1-4, writing the files of the guide"
APP="$WORK/demo"
mkdir -p "$APP"
# A fenced block whose info string names a file ("```java src/main/.../X.java") is that file's content.
awk -v app="$APP" '
  /^```[a-z]+ [^ ]+$/ { file = app "/" $2; dir = file; sub(/\/[^\/]+$/, "", dir); system("mkdir -p \"" dir "\""); printf "" > file; next }
  /^```$/ && file != "" { close(file); file = ""; next }
  file != "" { print >> file }
' "$GUIDE"
for expected in pom.xml src/main/resources/application.yml src/main/java/com/example/demo/DemoApplication.java \
    src/main/java/com/example/demo/HelloListener.java src/main/java/com/example/demo/HelloController.java; do
  [ -s "$APP/$expected" ] || fail "the guide did not produce $expected"
done

echo "getting-started: step 5, building and starting the application"
in_guide "mvn -q package -DskipTests"
(cd "$APP" && mvn -q package -DskipTests) || fail "building the application"
in_guide "java -jar target/demo-0.0.1-SNAPSHOT.jar"
if command -v python3 >/dev/null 2>&1; then
  PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
else
  PORT=$(( 20000 + RANDOM % 40000 ))
fi
(cd "$APP" && exec env SERVER_PORT="$PORT" java -jar target/demo-0.0.1-SNAPSHOT.jar > "$WORK/app.log" 2>&1) &
APP_PID=$!
for _ in $(seq 1 180); do
  grep -q "Started DemoApplication" "$WORK/app.log" && break
  kill -0 "$APP_PID" 2>/dev/null || fail "the application exited"
  sleep 1
done
grep -q "Started DemoApplication" "$WORK/app.log" || fail "the application did not start within 180 s"

echo "getting-started: publishing with the guide's curl command"
CURL="curl -X POST localhost:8080/hello -H 'Content-Type: text/plain' -d 'Hello, QStash!'"
in_guide "$CURL"
ANSWER=$(eval "${CURL/localhost:8080/localhost:$PORT} --silent --show-error --fail") || fail "POST /hello failed"
echo "getting-started: the application answered: $ANSWER"
[[ "$ANSWER" == "Published msg_"* ]] || fail "unexpected answer to POST /hello: $ANSWER"

EXPECTED="Received \"Hello, QStash!\" (message ${ANSWER#Published }, signature verified)"
for _ in $(seq 1 60); do
  grep -qF "$EXPECTED" "$WORK/app.log" && break
  sleep 1
done
grep -qF "$EXPECTED" "$WORK/app.log" || fail "no delivery within 60 s: expected the log line $EXPECTED"
grep -F "$EXPECTED" "$WORK/app.log"
echo "getting-started: OK in $(( $(date +%s) - START )) s"
