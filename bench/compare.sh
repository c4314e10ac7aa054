#!/usr/bin/env bash
# Side by side: coaps-cli's server, libcoap's coap-server-openssl and a bare Californium server, driven by
# the same `coaps-cli bench` (CON GET, PSK TLS_PSK_WITH_AES_128_CCM_8), interleaved and repeated, the server
# pinned to CPU 0 and the load generator to CPU 1. Prints throughput, server CPU time per request and the
# ratios, then start-up and sustained-load figures. Loopback only. docs/PERFORMANCE.md has the latest run.
#
#   bench/compare.sh                 # full run: 3 rounds of 10 s after 8 s of warm-up, sustained load 600 s
#   bench/compare.sh --quick         # a smoke run of a few seconds (CI)
#   options: --rounds N --duration S --warmup S --sustained S --sessions N --sections throughput,threads,startup,blink,failfast,sessions,churn,sustained
#            --baseline DIR   also run the coaps-cli built in DIR (an older checkout), as "baseline"
#            --jdk DIR        blink also times the one-shot GET on the JDK in DIR (e.g. a JDK 25), with an archive made by it
set -euo pipefail
# Job control: otherwise bash starts background servers with SIGQUIT ignored, and jcmd cannot attach.
set -m
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)

rounds=3; duration=10; warmup=8; sustained=600; sections=throughput,startup,blink,failfast,sessions,churn,sustained; startups=10; failfasts=5; churn_clients=10000; churn_wait=260; baseline=""
idle_sessions=5000; other_jdk=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) rounds=1; duration=2; warmup=1; sustained=5; startups=3; failfasts=2; idle_sessions=200; churn_clients=500; churn_wait=0 ;;
    --rounds) rounds=$2; shift ;;
    --duration) duration=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --sustained) sustained=$2; shift ;;
    --sessions) idle_sessions=$2; shift ;;
    --sections) sections=$2; shift ;;
    --baseline) baseline=$(cd "$2" && pwd); shift ;;
    --jdk) other_jdk=$(cd "$2" && pwd); shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

work=$(mktemp -d)
server_pid=""
cleanup() {
  # Only the server this script started, by its PID.
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

[ -f target/coaps-cli.jar ] || ./mvnw -q -B -DskipTests package >&2
java_major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
cpus=$(nproc)
if [ "$cpus" -ge 2 ]; then server_cpu=(taskset -c 0); load_cpu=(taskset -c 1); else server_cpu=(); load_cpu=(); fi
tick=$(getconf CLK_TCK)
key=secretPSK; identity=Client_identity; resource=test-resource

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "-"; else if (NR%2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }
cpu_ticks() { awk '{sub(/.*\) /, ""); print $12 + $13}' "/proc/$1/stat"; }
thread_ticks() { # $1 pid: "name ticks" per thread name (user + system)
  for task in /proc/"$1"/task/*; do
    name=$(tr ' ' '_' <"$task/comm"); stat=$(sed 's/^.*) //' "$task/stat")
    echo "$name $(echo "$stat" | awk '{print $12 + $13}')"
  done | awk '{t[$1] += $2} END {for (n in t) print n, t[n]}' | sort
}
# The JIT compilers' ticks (HotSpot's C1/C2 compiler threads); 0 for a process without them (libcoap).
jit_ticks() { thread_ticks "$1" | awk '$1 ~ /^C[12]_CompilerThre/ {s += $2} END {print s + 0}'; }
json_field() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p"; }
# The load generator, on its core, against the server at port $1 and the benchmark's resource; options follow.
load() { local port=$1; shift; "${load_cpu[@]}" "$root/coaps-cli" bench --allow-errors --port "$port" --path "$resource" "$@"; }
# A warm-up run of its own before a measured one ($1 port, $2 sessions, $3 in flight), so that the CPU time read
# around the measured run is only its own, with at least 10 sessions, so that it can run long enough for the JIT
# compilers to finish.
warm_up() { load "$1" --sessions $(( $2 < 10 ? 10 : $2 )) --in-flight "$3" --duration "$warmup" --json >/dev/null; }
free_port() { for p in $(shuf -i 20000-60000 -n 50); do
    if ! grep -qi ":$(printf '%04X' "$p") " /proc/net/udp /proc/net/udp6 && ! grep -qi ":$(printf '%04X' $((p-1))) " /proc/net/udp; then echo "$p"; return; fi
  done; echo 24684; }
await_port() { # waits until something listens on UDP port $1 (hex in /proc/net/udp)
  local hex; hex=$(printf '%04X' "$1")
  for _ in $(seq 1 200); do grep -qi ":$hex " /proc/net/udp /proc/net/udp6 && return 0; sleep 0.05; done
  echo "nothing listens on port $1" >&2; return 1
}
socket_drops() { # datagrams the kernel dropped at the socket bound to UDP port $1
  local hex; hex=$(printf '%04X' "$1")
  awk -v h=":$hex" 'toupper($2) ~ h"$" {d += $NF} END {print d+0}' /proc/net/udp /proc/net/udp6
}

start_server() { # $1 contender, $2 port; sets server_pid
  local port=$2
  case "$1" in
    coaps-cli|baseline)
      local home=$root; [ "$1" = baseline ] && home=$baseline
      "${server_cpu[@]}" "$home/coaps-cli" --bind 127.0.0.1 --port "$port" -c "coaps psk $key $identity" \
        -c 'coaps start' -c "coaps resource $resource" -c wait >"$work/server.out" 2>&1 &
      server_pid=$! ;;
    californium)
      "${server_cpu[@]}" java -cp target/coaps-cli.jar io.coapscli.bench.BareCaliforniumServer 127.0.0.1 "$port" \
        "$resource" "$key" "$identity" >"$work/server.out" 2>&1 &
      server_pid=$! ;;
    libcoap)
      "${server_cpu[@]}" coap-server-openssl -A 127.0.0.1 -p $((port - 1)) -k "$key" -d 10 >"$work/server.out" 2>&1 &
      server_pid=$!
      await_port "$port"
      # libcoap serves what a client PUTs (-d): give it the same resource and content.
      printf 'helloWorld\0' > "$work/content"
      # The set-up must succeed: a contender without the resource would answer 4.04 to every request.
      coap-client-openssl -m put -f "$work/content" -u "$identity" -k "$key" "coaps://127.0.0.1:$port/$resource" \
        >"$work/setup.out" 2>&1
      rm -f "$work/served"
      coap-client-openssl -m get -o "$work/served" -u "$identity" -k "$key" "coaps://127.0.0.1:$port/$resource" \
        >>"$work/setup.out" 2>&1
      cmp -s "$work/content" "$work/served" \
        || { echo "libcoap's set-up PUT failed: $(head -c 300 "$work/setup.out")" >&2; exit 1; } ;;
  esac
  await_port "$port"
}

stop_server() {
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
}

contenders=(coaps-cli libcoap californium)
[ -n "$baseline" ] && contenders+=(baseline)
count=${#contenders[@]}
command -v coap-server-openssl >/dev/null || { echo "libcoap's coap-server-openssl is missing (apt-get install libcoap3-bin)" >&2; exit 1; }

echo "# coaps-cli bench/compare.sh, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "# machine: $cpus cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)), $(free -g | awk '/Mem:/ {print $2}') GiB, Java $java_major, libcoap $(coap-server-openssl -? 2>&1 | sed -n 's/.* v\([0-9.]*\) .*/\1/p' | head -n 1)"
echo "# server on CPU 0, load generator on CPU 1; CON GET /$resource, PSK CCM_8; $rounds rounds of ${duration} s, each after a ${warmup} s warm-up run"

if [[ ",$sections," == *,throughput,* ]]; then
  for config in "1 4" "100 1" "100 4"; do
    read -r sessions inflight <<<"$config"
    # RFC 7252 keeps a message ID unused for 247 s, and a session has 65,536 of them: a run must not
    # send more than that on one session, or a server that deduplicates by the RFC answers the reused
    # IDs from its cache. At up to ~15,000 req/s, one session gets at most 4 s.
    run_seconds=$duration
    [ "$sessions" -eq 1 ] && [ "$run_seconds" -gt 4 ] && run_seconds=4
    : >"$work/results"
    for round in $(seq 1 "$rounds"); do
      # Interleaved: each round starts with the next contender.
      for i in $(seq 0 $((count - 1))); do
        contender=${contenders[$(( (i + round) % count ))]}
        port=$(free_port)
        start_server "$contender" "$port"
        warm_up "$port" "$sessions" "$inflight"
        before=$(cpu_ticks "$server_pid"); jit_before=$(jit_ticks "$server_pid")
        drops_before=$(socket_drops "$port")
        summary=$(load "$port" --sessions "$sessions" --in-flight "$inflight" --duration "$run_seconds" --json)
        after=$(cpu_ticks "$server_pid"); jit_after=$(jit_ticks "$server_pid")
        drops=$(( $(socket_drops "$port") - drops_before ))
        stop_server
        ok=$(echo "$summary" | json_field ok); rps=$(echo "$summary" | json_field requestsPerSecond)
        # A contender that served nothing (or only errors) makes the comparison meaningless: fail, loudly.
        not_success=$(echo "$summary" | sed -n 's/.*"notSuccess":\([0-9]*\).*/\1/p')
        if [ "${ok:-0}" -eq 0 ] || [ "${not_success:-0}" -gt 0 ]; then
          echo "$contender served nothing right: $summary" >&2; exit 1
        fi
        p99=$(echo "$summary" | sed -n 's/.*"p99":\([0-9.]*\).*/\1/p')
        # Server CPU time (user + system) of the measured run over its requests; its handshakes are included.
        cpu_us=$(awk -v t=$((after - before)) -v hz="$tick" -v n="$ok" 'BEGIN {printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0)}')
        # The same without the JIT compilers' share: Java servers still compile during a measured run.
        nojit_us=$(awk -v t=$((after - before - jit_after + jit_before)) -v hz="$tick" -v n="$ok" \
          'BEGIN {printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0)}')
        echo "$contender $rps $cpu_us $p99 $drops $nojit_us" >>"$work/results"
      done
    done
    echo
    echo "## throughput: $sessions session(s) x $inflight in flight, ${run_seconds} s runs"
    printf '%-12s %-28s %10s %14s %14s %10s %10s %8s\n' contender "req/s (each run)" "median" "CPU us/req" "without JIT" "p99 ms" "vs libcoap" "drops"
    lib=$(awk '$1=="libcoap" {print $2}' "$work/results" | median)
    for contender in "${contenders[@]}"; do
      runs=$(awk -v c="$contender" '$1==c {printf "%s ", int($2)}' "$work/results")
      med=$(awk -v c="$contender" '$1==c {print $2}' "$work/results" | median)
      cpu=$(awk -v c="$contender" '$1==c {print $3}' "$work/results" | median)
      p99=$(awk -v c="$contender" '$1==c {print $4}' "$work/results" | median)
      nojit=$(awk -v c="$contender" '$1==c {print $6}' "$work/results" | median)
      drops=$(awk -v c="$contender" '$1==c {s+=$5} END {print s+0}' "$work/results")
      ratio=$(awk -v m="$med" -v l="$lib" 'BEGIN {printf "%.2fx", (l > 0 ? m / l : 0)}')
      printf '%-12s %-28s %10s %14s %14s %10s %10s %8s\n' "$contender" "$runs" "$med" "$cpu" "$nojit" "$p99" "$ratio" "$drops"
    done
  done
fi

if [[ ",$sections," == *,threads,* ]]; then
  # Where a server's CPU per request goes, thread by thread (user + system ticks from /proc/PID/task/*/stat,
  # threads of one name added up): 1 session x 4 in flight, 40,000 requests after a warm-up run, $rounds rounds,
  # the contenders interleaved; the median of each thread's figure. libcoap is one thread.
  requests=40000; [ "$duration" -lt 5 ] && requests=4000
  : >"$work/threads"
  for round in $(seq 1 "$rounds"); do
    for i in $(seq 0 $((count - 1))); do
      contender=${contenders[$(( (i + round) % count ))]}
      port=$(free_port)
      start_server "$contender" "$port"
      warm_up "$port" 1 4
      thread_ticks "$server_pid" >"$work/t0"
      summary=$(load "$port" --sessions 1 --in-flight 4 --requests "$requests" --json)
      thread_ticks "$server_pid" >"$work/t1"
      stop_server
      ok=$(echo "$summary" | json_field ok)
      [ "${ok:-0}" -gt 0 ] || { echo "$contender served nothing right: $summary" >&2; exit 1; }
      join -a 2 -e 0 -o 0,1.2,2.2 "$work/t0" "$work/t1" | awk -v c="$contender" -v r="$round" -v hz="$tick" -v n="$ok" \
        '{d = $3 - $2; if (d > 0) printf "%s %s %s %.1f\n", c, r, $1, d / hz * 1e6 / n}' >>"$work/threads"
    done
  done
  echo
  echo "## threads: server CPU us per request by thread, 1 session x 4 in flight, median of $rounds runs of $requests requests"
  printf '%-12s %-40s %10s\n' contender thread "CPU us/req"
  for contender in "${contenders[@]}"; do
    for thread in $(awk -v c="$contender" '$1==c {print $3}' "$work/threads" | sort -u); do
      med=$(awk -v c="$contender" -v t="$thread" '$1==c && $3==t {print $4}' "$work/threads" | median)
      printf '%-12s %-40s %10s\n' "$contender" "$thread" "$med"
    done
    all=$(awk -v c="$contender" '$1==c {s[$2] += $4} END {for (r in s) print s[r]}' "$work/threads" | median)
    printf '%-12s %-40s %10s\n' "$contender" "(all threads)" "$all"
    nojit=$(awk -v c="$contender" '$1==c && $3 !~ /^C[12]_Compiler/ {s[$2] += $4} END {for (r in s) print s[r]}' \
      "$work/threads" | median)
    printf '%-12s %-40s %10s\n' "$contender" "(all but the JIT compilers)" "$nojit"
  done
fi

if [[ ",$sections," == *,startup,* ]]; then
  echo
  echo "## start-up (median of $startups, ms)"
  # The same JVM options as the launcher's, so that the difference is the launcher's own cost.
  launcher_jvm_options=()
  [ -f target/coaps-cli.jsa ] && launcher_jvm_options=(-XX:SharedArchiveFile="$root/target/coaps-cli.jsa" -Xlog:cds=off)
  port=$(free_port)
  start_server coaps-cli "$port"
  : >"$work/startup"
  for _ in $(seq 1 "$startups"); do
    t0=$(now_ms); java -version >/dev/null 2>&1; t1=$(now_ms); echo "java-version $((t1 - t0))" >>"$work/startup"
    # Time to the first Done of `coaps start`, through the launcher and straight from java.
    t0=$(now_ms); "$root/coaps-cli" --port 0 -c 'coaps start' | { read -r _; echo "launcher-first-done $(( $(now_ms) - t0 ))" >>"$work/startup"; cat >/dev/null; }
    t0=$(now_ms); java "${launcher_jvm_options[@]}" -jar "$root/target/coaps-cli.jar" --port 0 -c 'coaps start' | { read -r _; echo "java-first-done $(( $(now_ms) - t0 ))" >>"$work/startup"; cat >/dev/null; }
    # A whole one-GET script against the local server, end to end.
    t0=$(now_ms)
    "$root/coaps-cli" --port 0 --json -c "coaps psk $key $identity" -c 'coaps start' -c "coaps connect 127.0.0.1 $port" \
      -c "coaps get $resource con" >"$work/one-get.json"
    echo "one-get-script $(( $(now_ms) - t0 ))" >>"$work/startup"
    echo "first-request-rtt $(grep '"event":"response"' "$work/one-get.json" | json_field roundTripMs)" >>"$work/startup"
    if [ -n "$baseline" ]; then
      t0=$(now_ms); "$baseline/coaps-cli" --port 0 -c 'coaps start' | { read -r _; echo "baseline-launcher-first-done $(( $(now_ms) - t0 ))" >>"$work/startup"; cat >/dev/null; }
      t0=$(now_ms)
      "$baseline/coaps-cli" --port 0 --json -c "coaps psk $key $identity" -c 'coaps start' -c "coaps connect 127.0.0.1 $port" \
        -c "coaps get $resource con" >"$work/one-get.json"
      echo "baseline-one-get-script $(( $(now_ms) - t0 ))" >>"$work/startup"
      echo "baseline-first-request-rtt $(grep '"event":"response"' "$work/one-get.json" | json_field roundTripMs)" >>"$work/startup"
    fi
  done
  # Script time per request above the round trip: 1 GET against 101 GETs.
  gets=(); for _ in $(seq 1 100); do gets+=(-c "coaps get $resource con"); done
  t0=$(now_ms); "$root/coaps-cli" --port 0 --json -c "coaps psk $key $identity" -c 'coaps start' -c "coaps connect 127.0.0.1 $port" -c "coaps get $resource con" >/dev/null; t1=$(now_ms)
  "$root/coaps-cli" --port 0 --json -c "coaps psk $key $identity" -c 'coaps start' -c "coaps connect 127.0.0.1 $port" -c "coaps get $resource con" "${gets[@]}" >"$work/many.json"; t2=$(now_ms)
  stop_server
  rtt=$(grep '"event":"response"' "$work/many.json" | tail -n 100 | json_field roundTripMs | awk '{s+=$1} END {printf "%.2f", s/NR}')
  for what in java-version launcher-first-done java-first-done one-get-script first-request-rtt \
      ${baseline:+baseline-launcher-first-done baseline-one-get-script baseline-first-request-rtt}; do
    printf '%-40s %8s\n' "$what" "$(awk -v w="$what" '$1==w {print $2}' "$work/startup" | median)"
  done
  printf '%-40s %8s\n' "launcher overhead" "$(awk '$1=="launcher-first-done" {print $2}' "$work/startup" | median | awk -v j="$(awk '$1=="java-first-done" {print $2}' "$work/startup" | median)" '{printf "%.1f", $1 - j}')"
  printf '%-40s %8s\n' "script ms per request (100 GETs)" "$(awk -v one=$((t1 - t0)) -v many=$((t2 - t1)) 'BEGIN {printf "%.2f", (many - one) / 100}')"
  printf '%-40s %8s\n' "  of which round trip" "$rtt"
fi

if [[ ",$sections," == *,blink,* ]]; then
  echo
  echo "## whole commands, start to end: wall and CPU (user+sys) in ms, median of $startups after one warm-up run, interleaved"
  port=$(free_port); plain=$(free_port)
  "${server_cpu[@]}" "$root/coaps-cli" --bind 127.0.0.1 --port "$port" --coap-port "$plain" -c "coaps psk $key $identity" \
    -c 'coaps start' -c "coaps resource $resource" -c 'coap start' -c "coap resource $resource" -c wait >"$work/server.out" 2>&1 &
  server_pid=$!
  await_port "$port"; await_port "$plain"
  blink() { # $1 name, then the command; appends "name wall cpu" in ms
    local name=$1; shift
    /usr/bin/time -f "%e %U %S" -o "$work/time.out" "$@" >/dev/null 2>&1 </dev/null || true
    awk -v n="$name" '{printf "%s %.0f %.0f\n", n, $1 * 1000, ($2 + $3) * 1000}' "$work/time.out" >>"$work/blink"
  }
  prompt() { # $1 name, $2 the shell's command: its first prompt on a pseudo-terminal (script(1)), in ms
    local t0; t0=$(now_ms)
    { sleep 2; printf 'exit\r'; sleep 1; } | timeout 8 script -qfc "$2 --port 0" /dev/null \
      | { IFS= read -r -d '>' _; echo "$1 $(( $(now_ms) - t0 )) -" >>"$work/blink"; cat >/dev/null; }
  }
  if [ -n "$other_jdk" ]; then
    # The same jar beside a launcher of its own, with a class-data archive made by that JDK (the launcher
    # uses an archive only with the JVM that made it).
    other_major=$("$other_jdk/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
    mkdir -p "$work/jdk/target"
    cp "$root/coaps-cli" "$root/pom.xml" "$work/jdk/"; cp -r "$root/src" "$work/jdk/"
    cp target/coaps-cli.jar "$work/jdk/target/"
    PATH="$other_jdk/bin:$PATH" bash src/build/cds-archive.sh "$work/jdk/target" >&2
  fi
  : >"$work/blink"
  for round in $(seq 0 "$startups"); do
    before=$(wc -l <"$work/blink")
    blink java-version java -version
    blink coaps-cli-version "$root/coaps-cli" --version
    blink coaps-cli-help "$root/coaps-cli" --help
    blink coaps-cli-get-coaps "${load_cpu[@]}" "$root/coaps-cli" get "coaps://127.0.0.1:$port/$resource" --psk "$key" --identity "$identity"
    blink libcoap-get-coaps "${load_cpu[@]}" coap-client-openssl -m get -k "$key" -u "$identity" "coaps://127.0.0.1:$port/$resource"
    blink coaps-cli-get-coap "${load_cpu[@]}" "$root/coaps-cli" get "coap://127.0.0.1:$plain/$resource"
    blink libcoap-get-coap "${load_cpu[@]}" coap-client-notls -m get "coap://127.0.0.1:$plain/$resource"
    command -v script >/dev/null && prompt shell-prompt-on-terminal "$root/coaps-cli"
    if [ -n "$other_jdk" ]; then
      blink "coaps-cli-get-coaps-jdk$other_major" env PATH="$other_jdk/bin:$PATH" "${load_cpu[@]}" "$work/jdk/coaps-cli" get \
        "coaps://127.0.0.1:$port/$resource" --psk "$key" --identity "$identity"
      command -v script >/dev/null && prompt "shell-prompt-jdk$other_major" "env PATH=$other_jdk/bin:$PATH $work/jdk/coaps-cli"
    fi
    if [ -n "$baseline" ]; then
      blink baseline-version "$baseline/coaps-cli" --version
      blink baseline-help "$baseline/coaps-cli" --help
      blink baseline-get-coaps "${load_cpu[@]}" "$baseline/coaps-cli" get "coaps://127.0.0.1:$port/$resource" --psk "$key" \
        --identity "$identity"
      command -v script >/dev/null && prompt baseline-prompt "$baseline/coaps-cli"
    fi
    # The warm-up round counts for nothing.
    if [ "$round" = 0 ]; then sed -i "$((before + 1)),\$d" "$work/blink"; fi
  done
  stop_server
  printf '%-28s %10s %10s   %s\n' "command" "wall ms" "cpu ms" "each run (wall)"
  for what in java-version coaps-cli-version coaps-cli-help coaps-cli-get-coaps libcoap-get-coaps coaps-cli-get-coap \
      libcoap-get-coap shell-prompt-on-terminal ${other_jdk:+coaps-cli-get-coaps-jdk$other_major shell-prompt-jdk$other_major} \
      ${baseline:+baseline-version baseline-help baseline-get-coaps baseline-prompt}; do
    printf '%-28s %10s %10s   %s\n' "$what" "$(awk -v w="$what" '$1==w {print $2}' "$work/blink" | median)" \
      "$(awk -v w="$what" '$1==w && $3!="-" {print $3}' "$work/blink" | median)" \
      "$(awk -v w="$what" '$1==w {printf "%s ", $2}' "$work/blink")"
  done
fi

if [[ ",$sections," == *,failfast,* ]]; then
  echo
  echo "## fail fast: whole one-shot GET until it reports the failure (ms, each run, then the median)"
  # A closed port (the kernel answers ICMP port unreachable), and a wrong PSK against coaps-cli's server,
  # coaps-cli's one-shot and libcoap's coap-client interleaved.
  closed=$(free_port)
  port=$(free_port)
  start_server coaps-cli "$port"
  : >"$work/failfast"
  for _ in $(seq 1 "$failfasts"); do
    t0=$(now_ms); "$root/coaps-cli" get "coaps://127.0.0.1:$closed/x" --psk "$key" 2>"$work/ff.err" && exit 1
    echo "coaps-cli-closed-port $(( $(now_ms) - t0 ))" >>"$work/failfast"
    grep -q "nobody is listening at 127.0.0.1:$closed" "$work/ff.err" || { echo "coaps-cli: $(cat "$work/ff.err")" >&2; exit 1; }
    t0=$(now_ms); coap-client-openssl -m get -u "$identity" -k "$key" "coaps://127.0.0.1:$closed/x" >/dev/null 2>&1 || true
    echo "libcoap-closed-port $(( $(now_ms) - t0 ))" >>"$work/failfast"
    t0=$(now_ms); "$root/coaps-cli" get "coaps://127.0.0.1:$port/$resource" --psk wrongPSK 2>"$work/ff.err" && exit 1
    echo "coaps-cli-wrong-psk $(( $(now_ms) - t0 ))" >>"$work/failfast"
    grep -q "DECRYPT_ERROR" "$work/ff.err" || { echo "coaps-cli: $(cat "$work/ff.err")" >&2; exit 1; }
    t0=$(now_ms); coap-client-openssl -m get -u "$identity" -k wrongPSK "coaps://127.0.0.1:$port/$resource" >/dev/null 2>&1 || true
    echo "libcoap-wrong-psk $(( $(now_ms) - t0 ))" >>"$work/failfast"
    # For scale: the same GET with the right key, which succeeds.
    t0=$(now_ms); "$root/coaps-cli" get "coaps://127.0.0.1:$port/$resource" --psk "$key" >/dev/null || exit 1
    echo "coaps-cli-2.05 $(( $(now_ms) - t0 ))" >>"$work/failfast"
    t0=$(now_ms); coap-client-openssl -m get -u "$identity" -k "$key" "coaps://127.0.0.1:$port/$resource" >/dev/null 2>&1 || true
    echo "libcoap-2.05 $(( $(now_ms) - t0 ))" >>"$work/failfast"
  done
  stop_server
  for what in coaps-cli-closed-port libcoap-closed-port coaps-cli-wrong-psk libcoap-wrong-psk coaps-cli-2.05 libcoap-2.05; do
    printf '%-40s %-40s %8s\n' "$what" "$(awk -v w="$what" '$1==w {printf "%s ", $2}' "$work/failfast")" \
      "$(awk -v w="$what" '$1==w {print $2}' "$work/failfast" | median)"
  done
fi

heap_used_kb() { # live heap after full GCs, in KB
  # The serial collector (a JVM pinned to one CPU picks it) leaves up to 5 % of its old generation as dead
  # objects filled with int[] (MarkSweepDeadRatio), and compacts fully only every fourth full GC: the
  # smallest figure of five full GCs is the live heap.
  local least="" used
  for _ in 1 2 3 4 5; do
    jcmd "$1" GC.run >"$work/jcmd.out" 2>&1 || { echo "jcmd cannot attach to $1: $(head -c 300 "$work/jcmd.out")" >&2; return 0; }
    jcmd "$1" GC.heap_info >"$work/heap.out" 2>&1
    [ -n "${COMPARE_DEBUG:-}" ] && cat "$work/heap.out" >&2
    # G1 has one heap line; the serial collector one line a generation.
    used=$(awk '/(heap|generation) +total/ {for (i = 1; i <= NF; i++) if ($i == "used") {sub(/K.*/, "", $(i + 1)); s += $(i + 1)}} END {print s + 0}' "$work/heap.out")
    if [ -z "$least" ] || [ "$used" -lt "$least" ]; then least=$used; fi
  done
  echo "$least"
}

if [[ ",$sections," == *,sessions,* ]]; then
  echo
  echo "## idle sessions: $idle_sessions sessions held open on the coaps-cli server"
  port=$(free_port)
  start_server coaps-cli "$port"
  sleep 1 # the server settles after its start; a full GC follows
  before=$(heap_used_kb "$server_pid")
  # Not through load(): a function in the background is a subshell, and its PID would not end the generator.
  "${load_cpu[@]}" "$root/coaps-cli" bench --allow-errors --port "$port" --path "$resource" --sessions "$idle_sessions" \
    --requests 1 --hold 600 --json >"$work/idle.json" &
  bench_pid=$!
  # The server prints one "coaps connected" a session: wait for all of them.
  for _ in $(seq 1 600); do [ "$(grep -c '^coaps connected' "$work/server.out")" -ge "$idle_sessions" ] && break; sleep 0.2; done
  connected=$(grep -c '^coaps connected' "$work/server.out")
  after=$(heap_used_kb "$server_pid")
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")
  kill "$bench_pid"; wait "$bench_pid" 2>/dev/null || true
  stop_server
  echo "sessions connected: $connected; live heap $before KB before, $after KB with them: $(awk -v a="$after" -v b="$before" -v n="$connected" 'BEGIN {printf "%.2f", (n > 0 ? (a - b) / n : 0)}') KB a session; server RSS $rss KB"
fi

if [[ ",$sections," == *,churn,* ]]; then
  echo
  echo "## churn: $churn_clients clients connect, GET once and leave (close_notify), 5 waves; coaps-cli server's live heap"
  port=$(free_port)
  start_server coaps-cli "$port"
  sleep 1
  before=$(heap_used_kb "$server_pid")
  for _ in 1 2 3 4 5; do
    load "$port" --sessions $((churn_clients / 5)) --requests $((churn_clients / 5)) --json >"$work/churn.json"
    grep -q '"handshakesFailed":0' "$work/churn.json" || { echo "churn: $(cat "$work/churn.json")" >&2; exit 1; }
  done
  right_after=$(heap_used_kb "$server_pid")
  # RFC 7252 deduplication keeps each peer's last exchanges for EXCHANGE_LIFETIME (247 s), then sweeps them.
  if [ "$churn_wait" -gt 0 ]; then sleep "$churn_wait"; fi
  later=$(heap_used_kb "$server_pid")
  stop_server
  echo "live heap: $before KB before; $right_after KB right after; $later KB ${churn_wait} s later"
fi

if [[ ",$sections," == *,sustained,* ]]; then
  echo
  echo "## sustained load: coaps-cli server, 100 sessions x 4 in flight, ${sustained} s"
  port=$(free_port)
  # The launcher passes JAVA_TOOL_OPTIONS on to the JVM: GC logging for this run.
  JAVA_TOOL_OPTIONS="-Xlog:gc:file=$work/gc.log" start_server coaps-cli "$port"
  drops_before=$(socket_drops "$port")
  summary=$(load "$port" --sessions 100 --in-flight 4 --duration "$sustained" --json)
  drops=$(( $(socket_drops "$port") - drops_before ))
  jcmd "$server_pid" GC.run >/dev/null
  sleep 1
  live=$(grep -o 'Pause Full.*->[0-9]*M' "$work/gc.log" | tail -n 1 | sed 's/.*->\([0-9]*\)M/\1/')
  pauses=$(grep -o 'Pause Young[^)]*) [0-9.]*M->[0-9.]*M([0-9.]*M) [0-9.]*ms' "$work/gc.log" | sed 's/.* \([0-9.]*\)ms$/\1/' | sort -n | tail -n 1)
  stop_server
  echo "requests: $(echo "$summary" | json_field ok) ok at $(echo "$summary" | json_field requestsPerSecond) req/s; timeouts $(echo "$summary" | json_field timeout)"
  echo "live heap after a full GC at the end: ${live:-?} MB; longest young pause: ${pauses:-0} ms; datagrams dropped at the server socket: $drops"
fi
