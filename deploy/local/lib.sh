# Shared by deploy/local/start, stop and dev-token: finds Java, builds what is missing, runs the
# local stack's command line (io.salestargets.localstack.LocalStack). Sourced, not run.

LOCAL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROJECT_DIR=$(cd "$LOCAL_DIR/../.." && pwd)
RUN_DIR="$LOCAL_DIR/.run"
STACK_CLASSPATH_FILE="$PROJECT_DIR/local-stack/target/local-stack.classpath"
STACK_CLASSES="$PROJECT_DIR/local-stack/target/classes"

# Prints the comment block at the top of the calling script (its help).
usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
}

find_java() {
  local java
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    java="$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1; then
    java=$(command -v java)
  else
    echo "error: no Java found. Install a JDK 17 or newer, or set JAVA_HOME." >&2
    return 1
  fi
  local version
  version=$("$java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
  if [ "${version%%.*}" -lt 17 ] 2>/dev/null; then
    echo "error: $java is Java $version; the project needs 17 or newer (set JAVA_HOME)." >&2
    return 1
  fi
  JAVA="$java"
}

# True when the launcher's classpath exists and every entry on it is still there.
stack_is_built() {
  [ -f "$STACK_CLASSPATH_FILE" ] && [ -d "$STACK_CLASSES" ] || return 1
  local entry
  IFS=: read -r -a entries < "$STACK_CLASSPATH_FILE"
  for entry in "${entries[@]}"; do
    [ -e "$entry" ] || return 1
  done
}

SERVICES=(target-command-service progress-projector)

# True when every service has its Quarkus build and no source it is built from (its own, the contract's,
# service-support's, and every pom) is newer than it.
services_are_built() {
  local service jar
  for service in "${SERVICES[@]}"; do
    jar="$PROJECT_DIR/$service/target/quarkus-app/quarkus-run.jar"
    [ -f "$jar" ] || return 1
    [ -z "$(find "$PROJECT_DIR/$service/src/main" "$PROJECT_DIR/target-events/src/main" "$PROJECT_DIR/service-support/src/main" \
      "$PROJECT_DIR/pom.xml" "$PROJECT_DIR/$service/pom.xml" "$PROJECT_DIR/target-events/pom.xml" "$PROJECT_DIR/service-support/pom.xml" \
      -newer "$jar" -type f -print -quit)" ] || return 1
  done
}

# Builds the launcher, and with --services also the services, when missing or out of date.
build_stack() {
  local what=(-pl local-stack -am)
  if [ "${1:-}" = "--services" ]; then
    services_are_built && stack_is_built && return 0
    what=()
  else
    stack_is_built && return 0
  fi
  echo "Building ${what[*]:-the project} (the first time, Maven downloads its dependencies: a few minutes)..."
  local started=$SECONDS
  if ! (cd "$PROJECT_DIR" && ./mvnw -B -q "${what[@]}" package -DskipTests); then
    echo "error: the build failed; run  ./mvnw package -DskipTests  to see why." >&2
    return 1
  fi
  echo "Built in $((SECONDS - started)) s."
}

# run_stack [--services] COMMAND ARGS...: builds what is missing, then runs the launcher's command line.
run_stack() {
  find_java || exit 1
  if [ "$1" = "--services" ]; then
    shift
    build_stack --services || exit 1
  else
    build_stack || exit 1
  fi
  exec "$JAVA" -Xmx256m -XX:TieredStopAtLevel=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$STACK_CLASSES:$(cat "$STACK_CLASSPATH_FILE")" io.salestargets.localstack.LocalStack "$@"
}
