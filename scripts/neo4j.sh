#!/usr/bin/env bash
# Runs a local Neo4j Community server for development, tests and CI, without
# Docker: the server's jars come from Maven Central (scripts/neo4j/pom.xml)
# and everything it writes lives in .neo4j/ at the repository root.
#
#   scripts/neo4j.sh start     fetch jars (first time), configure, start, wait until ready
#   scripts/neo4j.sh stop      stop gracefully (SIGTERM, then SIGKILL after a timeout)
#   scripts/neo4j.sh restart   stop, then start
#   scripts/neo4j.sh status    exit 0 if running, 3 if not
#   scripts/neo4j.sh logs [-f] show (or follow) the server log
#
# Environment (the same variables as the app):
#   NEO4J_URI       bolt://localhost:7687; a host other than localhost/127.0.0.1
#                   means a remote server: nothing is started or stopped
#   NEO4J_USERNAME  neo4j (the only user of a fresh server)
#   NEO4J_PASSWORD  eventgraph-dev (at least 8 characters); set as the initial
#                   password when the database is first created
#   NEO4J_DATABASE  neo4j (name of the default database when first created)
# Tuning (optional):
#   NEO4J_HTTP_PORT 7474      NEO4J_HEAP_INITIAL 1g   NEO4J_HEAP_MAX 4g
#   NEO4J_PAGECACHE 2g        NEO4J_START_TIMEOUT 120 (seconds)
#   NEO4J_LOCAL_HOME          where the server lives (default: <repo>/.neo4j)
#   JAVA_HOME                 Java 17 or newer (else `java` on PATH)
#   MAVEN_OPTS                passed to Maven as usual (e.g. -Dmaven.repo.local=...)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
POM="$SCRIPT_DIR/neo4j/pom.xml"

NEO4J_URI="${NEO4J_URI:-bolt://localhost:7687}"
NEO4J_USERNAME="${NEO4J_USERNAME:-neo4j}"
NEO4J_PASSWORD="${NEO4J_PASSWORD:-eventgraph-dev}"
NEO4J_DATABASE="${NEO4J_DATABASE:-neo4j}"
HTTP_PORT="${NEO4J_HTTP_PORT:-7474}"
HEAP_INITIAL="${NEO4J_HEAP_INITIAL:-1g}"
HEAP_MAX="${NEO4J_HEAP_MAX:-4g}"
PAGECACHE="${NEO4J_PAGECACHE:-2g}"
START_TIMEOUT="${NEO4J_START_TIMEOUT:-120}"
STOP_TIMEOUT=60

HOME_DIR="${NEO4J_LOCAL_HOME:-$REPO_ROOT/.neo4j}"
LIB_DIR="$HOME_DIR/lib"
CONF_DIR="$HOME_DIR/conf"
DATA_DIR="$HOME_DIR/data"
LOGS_DIR="$HOME_DIR/logs"
RUN_DIR="$HOME_DIR/run"
PID_FILE="$RUN_DIR/neo4j.pid"
CONSOLE_LOG="$LOGS_DIR/console.log"
MAIN_CLASS="org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS="org.neo4j.cli.AdminTool"

PROG="neo4j.sh"

say() { printf '%s\n' "$*"; }
err() { printf '%s: %s\n' "$PROG" "$*" >&2; }
die() {
	err "$*"
	exit 1
}

usage() {
	cat <<EOF
Usage: scripts/neo4j.sh start|stop|restart|status|logs [-f]

Runs a local Neo4j Community server (data in ${HOME_DIR#"$REPO_ROOT"/}/).
Reads NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE; see the
comment at the top of this script for the optional settings.
EOF
}

# --- NEO4J_URI ------------------------------------------------------------

URI_SCHEME="" URI_HOST="" BOLT_PORT=""
parse_uri() {
	local rest="$NEO4J_URI"
	if [[ "$rest" == *"://"* ]]; then
		URI_SCHEME="${rest%%://*}"
		rest="${rest#*://}"
	else
		URI_SCHEME="bolt"
	fi
	rest="${rest%%/*}"  # path
	rest="${rest%%\?*}" # query
	rest="${rest##*@}"  # user info
	if [[ "$rest" == \[* ]]; then # [ipv6]:port
		URI_HOST="${rest%%]*}"
		URI_HOST="${URI_HOST#[}"
		rest="${rest#*]}"
		BOLT_PORT="${rest#:}"
	elif [[ "$rest" == *:* ]]; then
		URI_HOST="${rest%%:*}"
		BOLT_PORT="${rest##*:}"
	else
		URI_HOST="$rest"
		BOLT_PORT=""
	fi
	BOLT_PORT="${BOLT_PORT:-7687}"
	[[ "$BOLT_PORT" =~ ^[0-9]+$ ]] || die "NEO4J_URI=$NEO4J_URI: bad port '$BOLT_PORT'"
	[[ "$HTTP_PORT" =~ ^[0-9]+$ ]] || die "NEO4J_HTTP_PORT=$HTTP_PORT is not a port number"
}

is_local_uri() {
	case "${URI_HOST,,}" in
	localhost | 127.0.0.1 | ::1 | "") return 0 ;;
	*) return 1 ;;
	esac
}

# Prints the remote notice and exits 0 when NEO4J_URI names another host.
remote_guard() {
	if ! is_local_uri; then
		say "NEO4J_URI=$NEO4J_URI points to a remote server ($URI_HOST): using it; no local Neo4j is $1."
		exit 0
	fi
}

# --- Java -----------------------------------------------------------------

JAVA=""
find_java() {
	if [[ -n "${JAVA_HOME:-}" ]]; then
		JAVA="$JAVA_HOME/bin/java"
		[[ -x "$JAVA" ]] || die "JAVA_HOME=$JAVA_HOME has no bin/java; point JAVA_HOME at a Java 17+ JDK/JRE or unset it"
	elif command -v java >/dev/null 2>&1; then
		JAVA="$(command -v java)"
	else
		die "Java 17 or newer is needed to run Neo4j: install it (e.g. apt-get install openjdk-17-jre-headless) or set JAVA_HOME"
	fi
	local line version major
	line="$("$JAVA" -version 2>&1 | grep -m1 -i 'version' || true)"
	version="$(sed -n 's/.*version "\([^"]*\)".*/\1/p' <<<"$line")"
	[[ -n "$version" ]] || die "could not read the version of $JAVA (got: ${line:-nothing})"
	if [[ "$version" == 1.* ]]; then
		major="${version#1.}"
		major="${major%%.*}"
	else
		major="${version%%[.+-]*}"
	fi
	[[ "$major" =~ ^[0-9]+$ ]] || die "could not read the version of $JAVA ($version)"
	if ((major < 17)); then
		die "$JAVA is Java $version; Neo4j 5.26 needs Java 17 or newer (set JAVA_HOME)"
	fi
	if ((major != 17 && major != 21)); then
		err "warning: Java $version; Neo4j 5.26 supports Java 17 and 21 (trying anyway)"
	fi
}

# --- jars -----------------------------------------------------------------

pom_stamp() {
	# The stamp changes whenever the pom (versions, artifacts) changes.
	sha256sum "$POM" | cut -d' ' -f1
}

fetch_jars() {
	local stamp
	stamp="$(pom_stamp)"
	if [[ -f "$LIB_DIR/.stamp" && "$(cat "$LIB_DIR/.stamp")" == "$stamp" ]]; then
		return 0
	fi
	command -v mvn >/dev/null 2>&1 ||
		die "Maven (mvn) is needed once to fetch the Neo4j jars: install it (e.g. apt-get install maven)"
	local version tmp
	version="$(sed -n 's:.*<neo4j.version>\(.*\)</neo4j.version>.*:\1:p' "$POM")"
	say "Fetching Neo4j ${version} Community jars with Maven into ${LIB_DIR#"$REPO_ROOT"/}/ (first run only)..."
	tmp="$HOME_DIR/lib.tmp.$$"
	rm -rf "$tmp"
	mkdir -p "$tmp"
	mkdir -p "$LOGS_DIR"
	if ! mvn -B -Dstyle.color=never -f "$POM" dependency:copy-dependencies \
		-DoutputDirectory="$tmp" >"$LOGS_DIR/maven.log" 2>&1; then
		grep -E 'ERROR|FAIL' "$LOGS_DIR/maven.log" | head -n 20 >&2 || tail -n 20 "$LOGS_DIR/maven.log" >&2
		rm -rf "$tmp"
		die "Maven could not fetch the Neo4j jars (full output: $LOGS_DIR/maven.log)"
	fi
	ls "$tmp"/neo4j-5*.jar >/dev/null 2>&1 || {
		rm -rf "$tmp"
		die "Maven ran but no Neo4j jar was copied to $tmp"
	}
	printf '%s\n' "$stamp" >"$tmp/.stamp"
	rm -rf "$LIB_DIR"
	mv "$tmp" "$LIB_DIR"
	say "Fetched $(find "$LIB_DIR" -name '*.jar' | wc -l) jars ($(du -sh "$LIB_DIR" | cut -f1))."
}

# --- configuration --------------------------------------------------------

write_conf() {
	mkdir -p "$CONF_DIR" "$DATA_DIR" "$LOGS_DIR" "$RUN_DIR" "$HOME_DIR/plugins" "$HOME_DIR/import" "$HOME_DIR/tmp"
	local tmp="$CONF_DIR/neo4j.conf.tmp"
	cat >"$tmp" <<EOF
# Generated by scripts/neo4j.sh on every start: edit the script, not this file.

# Directories, all under the local Neo4j home.
server.directories.data=$DATA_DIR
server.directories.logs=$LOGS_DIR
server.directories.run=$RUN_DIR
server.directories.plugins=$HOME_DIR/plugins
server.directories.import=$HOME_DIR/import
server.directories.lib=$LIB_DIR

# Default database, created on first start (Community Edition has one).
initial.dbms.default_database=$NEO4J_DATABASE

# Network: loopback only.
server.default_listen_address=127.0.0.1
server.default_advertised_address=localhost
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:$BOLT_PORT
server.bolt.advertised_address=localhost:$BOLT_PORT
server.bolt.tls_level=DISABLED
server.http.enabled=true
server.http.listen_address=127.0.0.1:$HTTP_PORT
server.http.advertised_address=localhost:$HTTP_PORT
server.https.enabled=false

# Security: authentication on; the password is set by neo4j-admin before the
# first start (data/dbms/auth.ini).
dbms.security.auth_enabled=true
dbms.usage_report.enabled=false

# Memory, sized for a 2-core, 24 GB machine shared with the app and its tests.
server.memory.heap.initial_size=$HEAP_INITIAL
server.memory.heap.max_size=$HEAP_MAX
server.memory.pagecache.size=$PAGECACHE

# Keep little transaction log around: this is a development server.
db.tx_log.rotation.retention_policy=1 days 512M
EOF
	mv "$tmp" "$CONF_DIR/neo4j.conf"
}

# The JVM flags of the official distribution's neo4j.conf (5.26), which its
# launcher passes to the server process, plus heap.
jvm_opts() {
	JVM_OPTS=(
		-XX:+UseG1GC
		-XX:-OmitStackTraceInFastThrow
		-XX:+AlwaysPreTouch
		-XX:+UnlockExperimentalVMOptions
		-XX:+TrustFinalNonStaticFields
		-XX:+DisableExplicitGC
		-Djdk.nio.maxCachedBufferSize=1024
		-Dio.netty.tryReflectionSetAccessible=true
		-Djdk.tls.ephemeralDHKeySize=2048
		-Djdk.tls.rejectClientInitiatedRenegotiation=true
		-XX:FlightRecorderOptions=stackdepth=256
		-XX:+UnlockDiagnosticVMOptions
		-XX:+DebugNonSafepoints
		--add-opens=java.base/java.nio=ALL-UNNAMED
		--add-opens=java.base/java.io=ALL-UNNAMED
		--add-opens=java.base/sun.nio.ch=ALL-UNNAMED
		--enable-native-access=ALL-UNNAMED
		-Dlog4j2.disable.jmx=true
		-Dlog4j.layout.jsonTemplate.maxStringLength=32768
		-Dfile.encoding=UTF-8
		-XX:+ExitOnOutOfMemoryError
		"-Djava.io.tmpdir=$HOME_DIR/tmp"
		"-Xms$HEAP_INITIAL"
		"-Xmx$HEAP_MAX"
	)
}

set_initial_password() {
	# Only a database that was never started takes an initial password.
	if [[ -d "$DATA_DIR/databases/system" ]]; then
		return 0
	fi
	if [[ "$NEO4J_USERNAME" != "neo4j" ]]; then
		err "warning: NEO4J_USERNAME=$NEO4J_USERNAME, but a new server only has the user 'neo4j'"
	fi
	say "Setting the initial password of user neo4j (from NEO4J_PASSWORD)..."
	rm -f "$DATA_DIR/dbms/auth.ini"
	if ! NEO4J_HOME="$HOME_DIR" NEO4J_CONF="$CONF_DIR" \
		"$JAVA" -Xmx256m -cp "$LIB_DIR/*" "$ADMIN_CLASS" \
		dbms set-initial-password "$NEO4J_PASSWORD" >"$LOGS_DIR/admin.log" 2>&1; then
		cat "$LOGS_DIR/admin.log" >&2
		die "neo4j-admin dbms set-initial-password failed"
	fi
}

# --- processes and ports --------------------------------------------------

# True when pid $1 is a Neo4j server of this home.
is_our_server() {
	local pid="$1" cmdline
	[[ "$pid" =~ ^[0-9]+$ ]] || return 1
	kill -0 "$pid" 2>/dev/null || return 1
	cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
	[[ "$cmdline" == *"$MAIN_CLASS"* && "$cmdline" == *"--home-dir=$HOME_DIR "* ]]
}

# Prints the pid of our running server, or nothing (removing a stale PID file).
running_pid() {
	local pid=""
	if [[ -f "$PID_FILE" ]]; then
		pid="$(tr -dc '0-9' <"$PID_FILE")"
		if is_our_server "$pid"; then
			printf '%s\n' "$pid"
			return 0
		fi
		rm -f "$PID_FILE"
	fi
	# A server of ours whose PID file was lost: find it by its command line.
	local p
	for p in /proc/[0-9]*; do
		p="${p#/proc/}"
		if is_our_server "$p"; then
			mkdir -p "$RUN_DIR"
			printf '%s\n' "$p" >"$PID_FILE"
			printf '%s\n' "$p"
			return 0
		fi
	done 2>/dev/null
	return 0
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# True when something listens on port $1 (on any address).
port_taken() {
	if command -v ss >/dev/null 2>&1; then
		[[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]] && return 0
	fi
	port_open "$1"
}

# Describes who listens on port $1, when ss can tell.
port_owner() {
	local line pid cmd
	command -v ss >/dev/null 2>&1 || return 0
	line="$(ss -Hltnp "sport = :$1" 2>/dev/null | head -n1)"
	pid="$(sed -n 's/.*pid=\([0-9]*\).*/\1/p' <<<"$line")"
	if [[ -n "$pid" ]]; then
		cmd="$(tr -s '\0\n\t ' '    ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
		cmd="${cmd% }"
		if [[ "$cmd" == *org.neo4j.server.* ]]; then
			local home
			home="$(sed -n 's/.*--home-dir=\([^ ]*\).*/\1/p' <<<"$cmd")"
			printf ' (pid %s: another Neo4j server%s)' "$pid" "${home:+, home $home}"
		else
			((${#cmd} > 100)) && cmd="${cmd:0:100}..."
			printf ' (pid %s: %s)' "$pid" "${cmd:-unknown}"
		fi
	fi
}

# GET http://127.0.0.1:$HTTP_PORT$1, printing the body.
http_get() {
	if command -v curl >/dev/null 2>&1; then
		curl -fsS --max-time 5 "http://127.0.0.1:$HTTP_PORT$1" 2>/dev/null
	elif command -v wget >/dev/null 2>&1; then
		wget -qO- --timeout=5 "http://127.0.0.1:$HTTP_PORT$1" 2>/dev/null
	else
		# Plain bash: HTTP/1.0 so the server closes the connection.
		(
			exec 3<>"/dev/tcp/127.0.0.1/$HTTP_PORT" || exit 1
			printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nAccept: application/json\r\n\r\n' "$1" >&3
			timeout 5 cat <&3 | sed '1,/^\r\{0,1\}$/d'
		) 2>/dev/null
	fi
}

# Prints the HTTP status of a Cypher "RETURN 1" with the configured credentials,
# or nothing when it cannot tell (no curl).
auth_status() {
	command -v curl >/dev/null 2>&1 || return 0
	curl -s -o /dev/null -w '%{http_code}' --max-time 10 \
		-u "$NEO4J_USERNAME:$NEO4J_PASSWORD" -H 'Content-Type: application/json' \
		-d '{"statements":[{"statement":"RETURN 1"}]}' \
		"http://127.0.0.1:$HTTP_PORT/db/$NEO4J_DATABASE/tx/commit" 2>/dev/null || true
}

ready() {
	port_open "$BOLT_PORT" || return 1
	local body
	body="$(http_get / || true)"
	[[ "$body" == *'"neo4j_version"'* ]]
}

print_urls() {
	say "  Bolt:    bolt://localhost:$BOLT_PORT  (user $NEO4J_USERNAME, database $NEO4J_DATABASE)"
	say "  Browser: http://localhost:$HTTP_PORT/browser/"
}

with_lock() {
	mkdir -p "$HOME_DIR"
	if command -v flock >/dev/null 2>&1; then
		exec 9>"$HOME_DIR/.lock"
		if ! flock -w 300 9; then
			die "another neo4j.sh is busy with $HOME_DIR (lock held for 5 minutes)"
		fi
	fi
}

# --- commands -------------------------------------------------------------

cmd_start() {
	remote_guard started
	if ((${#NEO4J_PASSWORD} < 8)); then
		die "NEO4J_PASSWORD must have at least 8 characters (Neo4j's minimum); nothing was started"
	fi
	with_lock
	local pid
	pid="$(running_pid)"
	if [[ -n "$pid" ]]; then
		say "Neo4j already running (pid $pid)"
		return 0
	fi
	local port
	for port in "$BOLT_PORT" "$HTTP_PORT"; do
		if port_taken "$port"; then
			err "port $port is already in use$(port_owner "$port"), but not by this project's Neo4j ($HOME_DIR)."
			err "Stop whatever listens on port $port, or point NEO4J_URI / NEO4J_HTTP_PORT elsewhere. Nothing was started."
			exit 1
		fi
	done

	find_java
	local t0=$SECONDS
	fetch_jars
	write_conf
	set_initial_password
	jvm_opts

	say "Starting Neo4j (Java: $JAVA)..."
	: >"$CONSOLE_LOG"
	# setsid: the server outlives this shell and its process group; the inner
	# bash writes its own pid, then becomes java through exec.
	local launcher=(nohup)
	command -v setsid >/dev/null 2>&1 && launcher=(setsid nohup)
	# shellcheck disable=SC2016 # expanded by the inner bash
	"${launcher[@]}" bash -c 'printf "%s\n" "$$" >"$1"; shift; exec "$@"' neo4j-launch \
		"$PID_FILE" "$JAVA" -cp "$HOME_DIR/plugins/*:$LIB_DIR/*" "${JVM_OPTS[@]}" "$MAIN_CLASS" \
		"--home-dir=$HOME_DIR" "--config-dir=$CONF_DIR" \
		</dev/null >>"$CONSOLE_LOG" 2>&1 9>&- &
	local deadline=$((SECONDS + START_TIMEOUT))
	while [[ ! -s "$PID_FILE" ]] && ((SECONDS < deadline)); do sleep 0.1; done
	pid="$(tr -dc '0-9' <"$PID_FILE" 2>/dev/null || true)"

	while ! ready; do
		if [[ -z "$pid" ]] || ! kill -0 "$pid" 2>/dev/null; then
			err "Neo4j exited during startup. Last lines of its logs:"
			tail -n 30 "$CONSOLE_LOG" >&2 || true
			tail -n 30 "$LOGS_DIR/neo4j.log" >&2 2>/dev/null || true
			rm -f "$PID_FILE"
			exit 1
		fi
		if ((SECONDS >= deadline)); then
			err "Neo4j (pid $pid) did not answer on ports $BOLT_PORT and $HTTP_PORT within ${START_TIMEOUT}s; stopping it."
			tail -n 30 "$LOGS_DIR/neo4j.log" >&2 2>/dev/null || true
			stop_pid "$pid"
			exit 1
		fi
		sleep 0.5
	done
	say "Neo4j $(neo4j_version) started (pid $pid) in $((SECONDS - t0))s."
	print_urls

	if [[ "$URI_SCHEME" == *+s* ]]; then
		err "warning: NEO4J_URI=$NEO4J_URI asks for TLS, but the local server has none: use bolt:// or neo4j://"
	fi
	case "$(auth_status)" in
	401 | 403)
		err "warning: Neo4j rejects NEO4J_USERNAME/NEO4J_PASSWORD. The password is only set when the"
		err "  database is first created; this one was created with another password. Either use that"
		err "  password, or wipe the local database: scripts/neo4j.sh stop && rm -rf ${DATA_DIR}"
		;;
	404)
		err "warning: database '$NEO4J_DATABASE' does not exist on this server (it was created with another"
		err "  NEO4J_DATABASE; Community Edition has a single user database)."
		;;
	esac
}

stop_pid() {
	local pid="$1" deadline
	kill -TERM "$pid" 2>/dev/null || true
	deadline=$((SECONDS + STOP_TIMEOUT))
	while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.5; done
	if kill -0 "$pid" 2>/dev/null; then
		err "Neo4j (pid $pid) did not stop within ${STOP_TIMEOUT}s; killing it."
		kill -KILL "$pid" 2>/dev/null || true
		while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
	fi
	rm -f "$PID_FILE"
}

cmd_stop() {
	remote_guard stopped
	with_lock
	local pid
	pid="$(running_pid)"
	if [[ -z "$pid" ]]; then
		rm -f "$PID_FILE"
		say "Neo4j is not running."
		return 0
	fi
	say "Stopping Neo4j (pid $pid)..."
	stop_pid "$pid"
	say "Neo4j stopped."
}

cmd_status() {
	if ! is_local_uri; then
		say "NEO4J_URI=$NEO4J_URI points to a remote server ($URI_HOST); no local Neo4j is managed."
		return 0
	fi
	local pid
	pid="$(running_pid)"
	if [[ -z "$pid" ]]; then
		say "Neo4j is stopped."
		exit 3
	fi
	if ready; then
		say "Neo4j $(neo4j_version) is running (pid $pid)."
		print_urls
	else
		say "Neo4j is running (pid $pid) but not answering yet (starting or stopping)."
	fi
}

cmd_logs() {
	local log="$LOGS_DIR/neo4j.log"
	[[ -f "$log" ]] || die "no log yet ($log): start Neo4j first"
	if [[ "${1:-}" == "-f" ]]; then
		exec tail -n 50 -F "$log"
	fi
	tail -n "${1:-100}" "$log"
}

neo4j_version() {
	http_get / | sed -n 's/.*"neo4j_version":"\([^"]*\)".*/\1/p'
}

main() {
	local cmd="${1:-}"
	[[ $# -gt 0 ]] && shift
	parse_uri
	case "$cmd" in
	start) cmd_start ;;
	stop) cmd_stop ;;
	restart)
		cmd_stop
		cmd_start
		;;
	status) cmd_status ;;
	logs) cmd_logs "$@" ;;
	-h | --help | help)
		usage
		;;
	*)
		usage >&2
		exit 2
		;;
	esac
}

main "$@"
