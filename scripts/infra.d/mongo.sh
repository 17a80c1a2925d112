# shellcheck shell=bash
# MongoDB-wire server for scripts/infra (sourced, not run).
#
# Default (MLOPS_MONGO_IMPL=auto or h2): mongo-java-server with its H2 backend on
# one MVStore file in the state folder, every write committed to the file before
# it is acknowledged (DurableBackend.java). Its jars come from Maven; the sources
# beside this file are compiled once. When Java or Maven cannot be had, auto falls
# back to FerretDB v1 on SQLite (durable, but slow as collections grow).
# MLOPS_MONGO_IMPL=ferretdb picks FerretDB, =java mongo-java-server in memory
# (fast, loses everything when it stops).

FERRETDB_VERSION=v1.24.2
MJS_VERSION=1.47.0
SLF4J_VERSION=2.0.17

mongo_init_paths() {
  MONGO_PID_FILE="$STATE_DIR/run/mongo.pid"
  MONGO_IMPL_FILE="$STATE_DIR/run/mongo.impl"
  FERRETDB_CACHE="$CACHE_DIR/ferretdb-$FERRETDB_VERSION"
  FERRETDB_BIN="$FERRETDB_CACHE/ferretdb"
  FERRETDB_DATA="$STATE_DIR/ferretdb"
  FERRETDB_LOG="$STATE_DIR/logs/ferretdb.log"
  MJS_CACHE="$CACHE_DIR/mongo-java-server-$MJS_VERSION"
  MJS_SRC_DIR="$INFRA_LIB_DIR/mongo-java-server"
  MJS_LOG="$STATE_DIR/logs/mongo-java-server.log"
  MJS_DATA="$STATE_DIR/mongo-h2"
}

# mongo_needle IMPL: a command-line fragment unique to our process of IMPL.
mongo_needle() {
  case $1 in
    ferretdb) printf '%s' "--sqlite-url=file:$STATE_DIR/ferretdb/ " ;;
    h2) printf '%s' "-Dmlops.mongo.file=$STATE_DIR/mongo-h2/" ;;
    java) printf '%s' "-Dmlops.infra.dir=$STATE_DIR " ;;
  esac
}

# mongo_comm IMPL: the process name of IMPL.
mongo_comm() {
  case $1 in
    ferretdb) printf 'ferretdb' ;;
    h2 | java) printf 'java' ;;
  esac
}

# mongo_running: print "IMPL PID" when our server process runs. A process of
# this state folder whose pid file got lost is found in /proc and adopted.
mongo_running() {
  local pid impl=""
  pid=$(read_pid "$MONGO_PID_FILE")
  if [[ -f $MONGO_IMPL_FILE ]]; then read -r impl <"$MONGO_IMPL_FILE" || true; fi
  if [[ -n $pid && -n $impl ]] &&
    pid_ours "$pid" "$(mongo_comm "$impl")" "$(mongo_needle "$impl")"; then
    printf '%s %s' "$impl" "$pid"
    return 0
  fi
  # h2 before java: an h2 process matches the java needle too.
  for impl in ferretdb h2 java; do
    pid=$(find_pids "$(mongo_comm "$impl")" "$(mongo_needle "$impl")" | head -n 1)
    if [[ -n $pid ]]; then
      { printf '%s\n' "$pid" >"$MONGO_PID_FILE" && printf '%s\n' "$impl" >"$MONGO_IMPL_FILE"; } 2>/dev/null || true
      printf '%s %s' "$impl" "$pid"
      return 0
    fi
  done
  return 1
}

# ---------------------------------------------------------------- FerretDB

find_go() {
  if command -v go >/dev/null 2>&1; then
    command -v go
  elif [[ -x /usr/local/go/bin/go ]]; then
    printf '/usr/local/go/bin/go'
  else
    return 1
  fi
}

# ferretdb_ensure: build the FerretDB binary unless cached. Runs in a
# condition context (errexit is off there), so every step checks itself.
ferretdb_ensure() {
  [[ -x $FERRETDB_BIN ]] && return 0
  local go json dir build t0
  if ! go=$(find_go); then
    log "Go is not installed: cannot build FerretDB"
    return 1
  fi
  t0=$(now_s)
  log "building FerretDB $FERRETDB_VERSION with $("$go" env GOVERSION 2>/dev/null || echo go) (once; cached at $FERRETDB_BIN)"
  mkdir -p -- "$FERRETDB_CACHE" || return 1
  if ! json=$(GOFLAGS=-mod=mod "$go" mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" 2>&1); then
    log "go mod download github.com/FerretDB/FerretDB@$FERRETDB_VERSION failed:"
    printf '%s\n' "$json" >&2
    return 1
  fi
  dir=$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
  if [[ -z $dir || ! -d $dir ]]; then
    log "go mod download did not report a module folder:"
    printf '%s\n' "$json" >&2
    return 1
  fi
  build=$(mktemp -d "$FERRETDB_CACHE/build.XXXXXX") || return 1
  # The module lacks build/version/version.txt (generated in FerretDB's own
  # release builds); without it the binary panics at start.
  if ! (
    cp -R -- "$dir/." "$build/src" &&
      chmod -R u+w -- "$build/src" &&
      printf '%s\n' "$FERRETDB_VERSION" >"$build/src/build/version/version.txt" &&
      cd -- "$build/src" &&
      GOFLAGS=-buildvcs=false GOWORK=off "$go" build -o "$build/ferretdb" ./cmd/ferretdb
  ) >&2; then
    rm -rf -- "$build"
    log "FerretDB build failed"
    return 1
  fi
  if ! mv -f -- "$build/ferretdb" "$FERRETDB_BIN"; then
    rm -rf -- "$build"
    return 1
  fi
  rm -rf -- "$build"
  log "built FerretDB in $(($(now_s) - t0))s"
}

ferretdb_launch() {
  mkdir -p -- "$FERRETDB_DATA" "$STATE_DIR/run/ferretdb-state"
  # --debug-addr=- turns off the metrics/pprof HTTP listener (default
  # 127.0.0.1:8088, which would collide between several instances);
  # --state-dir keeps state.json out of the current folder.
  (
    cd -- "$STATE_DIR" &&
      DO_NOT_TRACK=1 exec setsid nohup "$FERRETDB_BIN" \
        --handler=sqlite \
        "--sqlite-url=file:$FERRETDB_DATA/" \
        "--listen-addr=127.0.0.1:$MONGO_PORT" \
        "--state-dir=$STATE_DIR/run/ferretdb-state" \
        --debug-addr=- \
        --telemetry=disable \
        --log-level=warn \
        </dev/null >>"$FERRETDB_LOG" 2>&1 9>&-
  ) &
  printf '%s\n' "$!" >"$MONGO_PID_FILE"
}

# ---------------------------------------------------------------- mongo-java-server

# mjs_tools: install a JDK and Maven with apt-get when they are missing (as root
# or through passwordless sudo). Runs in a condition context: never dies.
mjs_tools() {
  local tool missing=0 t0
  for tool in java javac mvn; do
    command -v "$tool" >/dev/null 2>&1 || missing=1
  done
  ((missing == 0)) && return 0
  local -a root=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      root=(sudo -n)
    else
      log "java, javac or mvn is missing and installing needs root: run 'sudo apt-get install default-jdk-headless maven'"
      return 1
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    log "java, javac or mvn is missing and apt-get is not available; install a JDK 17+ and Maven"
    return 1
  fi
  t0=$(now_s)
  log "mongo: installing the Debian packages default-jdk-headless and maven (once)"
  "${root[@]}" apt-get update -q >&2 || return 1
  "${root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    default-jdk-headless maven >&2 || return 1
  hash -r
  log "mongo: installed a JDK and Maven in $(($(now_s) - t0))s"
}

# mjs_ensure: fetch the jars with Maven and compile the sources unless cached.
# Runs in a condition context too: every step checks itself.
mjs_ensure() {
  local sum old="" t0
  mjs_tools || return 1
  mkdir -p -- "$MJS_CACHE" || return 1
  # The H2 backend jar came with the durable default; older caches lack it.
  if ! compgen -G "$MJS_CACHE/lib/mongo-java-server-h2-backend-*.jar" >/dev/null; then
    t0=$(now_s)
    log "fetching mongo-java-server $MJS_VERSION with Maven (once; cached at $MJS_CACHE)"
    cat >"$MJS_CACHE/pom.xml" <<EOF || return 1
<?xml version="1.0" encoding="UTF-8"?>
<!-- generated by scripts/infra: fetches mongo-java-server and its backends -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>mlops.infra</groupId>
  <artifactId>mongo-java-server-launcher</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>de.bwaldvogel</groupId>
      <artifactId>mongo-java-server</artifactId>
      <version>$MJS_VERSION</version>
    </dependency>
    <dependency>
      <groupId>de.bwaldvogel</groupId>
      <artifactId>mongo-java-server-memory-backend</artifactId>
      <version>$MJS_VERSION</version>
    </dependency>
    <dependency>
      <groupId>de.bwaldvogel</groupId>
      <artifactId>mongo-java-server-h2-backend</artifactId>
      <version>$MJS_VERSION</version>
    </dependency>
    <dependency>
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-simple</artifactId>
      <version>$SLF4J_VERSION</version>
    </dependency>
  </dependencies>
</project>
EOF
    rm -rf -- "$MJS_CACHE/lib.tmp" || return 1
    if ! mvn -B -Dstyle.color=never -f "$MJS_CACHE/pom.xml" dependency:copy-dependencies \
      -DincludeScope=runtime "-DoutputDirectory=$MJS_CACHE/lib.tmp" >"$MJS_CACHE/mvn.log" 2>&1; then
      log_tail "$MJS_CACHE/mvn.log"
      log "Maven could not fetch mongo-java-server $MJS_VERSION (log: $MJS_CACHE/mvn.log)"
      return 1
    fi
    rm -rf -- "${MJS_CACHE:?}/lib" || return 1
    mv -- "$MJS_CACHE/lib.tmp" "$MJS_CACHE/lib" || return 1
    log "fetched mongo-java-server in $(($(now_s) - t0))s"
  fi
  sum=$(cat -- "$MJS_SRC_DIR"/*.java | sha256sum | cut -d' ' -f1) || return 1
  [[ -f $MJS_CACHE/classes.sha256 ]] && read -r old <"$MJS_CACHE/classes.sha256"
  if [[ $old != "$sum" || ! -f $MJS_CACHE/classes/mlops/infra/Main.class ]]; then
    log "compiling $MJS_SRC_DIR"
    rm -rf -- "$MJS_CACHE/classes" || return 1
    javac -nowarn -d "$MJS_CACHE/classes" -cp "$MJS_CACHE/lib/*" "$MJS_SRC_DIR"/*.java >&2 || return 1
    printf '%s\n' "$sum" >"$MJS_CACHE/classes.sha256" || return 1
  fi
}

# mjs_launch IMPL: start mongo-java-server, on the H2 file (h2) or in memory (java).
mjs_launch() {
  local impl=$1
  local -a java_opts store_opts=()
  # Netty's pooled direct buffers filled the 512 MB direct-memory limit under many concurrent
  # clients (every call then failed with "This store is closed" while the process lived on):
  # buffers come from the heap, and a server out of memory exits so `status` says it is down.
  read -r -a java_opts <<<"${MLOPS_MONGO_JAVA_OPTS:--Xmx1g -XX:+ExitOnOutOfMemoryError -Dio.netty.noPreferDirect=true -Dio.netty.allocator.type=unpooled}"
  if [[ $impl == h2 ]]; then
    mkdir -p -- "$MJS_DATA"
    store_opts=("-Dmlops.mongo.file=$MJS_DATA/mongo.mv.db" "-Dmlops.mongo.fsync=$MONGO_FSYNC")
  fi
  (
    cd -- "$STATE_DIR" &&
      exec setsid nohup java "${java_opts[@]}" \
        -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
        "-Dmlops.infra.dir=$STATE_DIR" \
        "${store_opts[@]}" \
        -cp "$MJS_CACHE/classes:$MJS_CACHE/lib/*" \
        mlops.infra.Main 127.0.0.1 "$MONGO_PORT" \
        </dev/null >>"$MJS_LOG" 2>&1 9>&-
  ) &
  printf '%s\n' "$!" >"$MONGO_PID_FILE"
}

# ---------------------------------------------------------------- commands

mongo_start() {
  mongo_init_paths
  local running impl pid i logf
  if running=$(mongo_running); then
    read -r impl pid <<<"$running"
    for ((i = 0; i < 10; i++)); do
      if tcp_up "$MONGO_PORT"; then
        log "mongo: reusing $impl (pid $pid) on 127.0.0.1:$MONGO_PORT"
        if [[ $MONGO_IMPL != auto && $MONGO_IMPL != "$impl" ]]; then
          log "mongo: warning: MLOPS_MONGO_IMPL=$MONGO_IMPL, but $impl is running; run 'scripts/infra stop mongo' first to switch"
        elif [[ $MONGO_IMPL == auto && $impl != h2 ]]; then
          log "mongo: note: the default is now h2 (mongo-java-server on an H2 file); $impl keeps running until 'scripts/infra stop mongo' (its data is not carried over)"
        fi
        return 0
      fi
      sleep 0.5
    done
    log "mongo: $impl (pid $pid) runs but does not answer on $MONGO_PORT; restarting it"
    kill_wait "$pid" 10
  fi
  rm -f -- "$MONGO_PID_FILE" "$MONGO_IMPL_FILE"
  if tcp_up "$MONGO_PORT"; then
    die "127.0.0.1:$MONGO_PORT is in use by a process this state folder did not start; stop it or set MLOPS_MONGO_PORT"
  fi

  case $MONGO_IMPL in
    ferretdb)
      ferretdb_ensure || die "cannot build FerretDB"
      impl=ferretdb
      ;;
    h2 | java)
      mjs_ensure || die "cannot prepare mongo-java-server"
      impl=$MONGO_IMPL
      ;;
    auto)
      if mjs_ensure; then
        impl=h2
      else
        log "falling back to FerretDB on SQLite (keeps data, but slow as collections grow)"
        ferretdb_ensure || die "cannot build FerretDB either"
        impl=ferretdb
      fi
      ;;
  esac

  log "mongo: starting $impl on 127.0.0.1:$MONGO_PORT"
  if [[ $impl == ferretdb ]]; then
    logf=$FERRETDB_LOG
    ferretdb_launch
  else
    logf=$MJS_LOG
    mjs_launch "$impl"
  fi
  printf '%s\n' "$impl" >"$MONGO_IMPL_FILE"
  pid=$(read_pid "$MONGO_PID_FILE")

  local deadline=$((SECONDS + MONGO_START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      log_tail "$logf"
      rm -f -- "$MONGO_PID_FILE" "$MONGO_IMPL_FILE"
      die "mongo ($impl) exited during start-up; see $logf"
    fi
    if tcp_up "$MONGO_PORT"; then
      log "mongo: $impl (pid $pid) answers on 127.0.0.1:$MONGO_PORT"
      return 0
    fi
    sleep 0.2
  done
  log_tail "$logf"
  kill_wait "$pid" 5
  rm -f -- "$MONGO_PID_FILE" "$MONGO_IMPL_FILE"
  die "mongo ($impl) did not answer on 127.0.0.1:$MONGO_PORT within ${MONGO_START_TIMEOUT}s; see $logf"
}

mongo_stop() {
  mongo_init_paths
  local running impl pid stray
  if running=$(mongo_running); then
    read -r impl pid <<<"$running"
    log "mongo: stopping $impl (pid $pid)"
    kill_wait "$pid" 20
  else
    log "mongo: not running"
  fi
  # Processes of this state folder whose pid file got lost.
  for impl in ferretdb h2 java; do
    for stray in $(find_pids "$(mongo_comm "$impl")" "$(mongo_needle "$impl")"); do
      log "mongo: stopping stray $impl (pid $stray)"
      kill_wait "$stray" 20
    done
  done
  rm -f -- "$MONGO_PID_FILE" "$MONGO_IMPL_FILE"
}

mongo_status() {
  mongo_init_paths
  local running impl pid
  if running=$(mongo_running); then
    read -r impl pid <<<"$running"
    if tcp_up "$MONGO_PORT"; then
      printf 'mongo: up   (%s, pid %s) mongodb://127.0.0.1:%s\n' "$impl" "$pid" "$MONGO_PORT"
      return 0
    fi
    printf 'mongo: not answering (%s, pid %s, port %s)\n' "$impl" "$pid" "$MONGO_PORT"
    return 1
  fi
  if tcp_up "$MONGO_PORT"; then
    printf 'mongo: down (127.0.0.1:%s is used by a process not started from %s)\n' "$MONGO_PORT" "$STATE_DIR"
  else
    printf 'mongo: down\n'
  fi
  return 1
}
