#!/usr/bin/env bash
# Makes target/coaps-cli.jsa, an application class-data-sharing archive (CDS), at build time: a training
# run (a server and a client script on loopback) lists the classes a start and a first request load, and
# the JVM maps them from the archive on every later start instead of loading and verifying them again.
# The archive is an optimisation only: anything that goes wrong here is a warning, never a failed build.
# JDK 17's dynamic archive (-XX:ArchiveClassesAtExit) crashed Debian's 17.0.15, so this uses a static archive
# from a class list.
set -uo pipefail
target=$(cd "${1:-target}" && pwd)
jar="$target/coaps-cli.jar"
archive="$target/coaps-cli.jsa"
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill "$server_pid"; wait "$server_pid" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT
rm -f "$archive" "$archive.jdk" "$target/coaps-cli.classlist"

port=$(( 40000 + RANDOM % 20000 ))
java -XX:DumpLoadedClassList="$work/server.lst" -jar "$jar" --bind 127.0.0.1 --port "$port" --idle-timeout 0 \
  --coap-port "$((port + 1))" -c 'coaps psk trainingKey training' -c 'coaps start' -c 'coaps resource r' \
  -c 'coap start' -c 'coap resource r' -c wait >/dev/null 2>&1 &
server_pid=$!
sleep 1.5 # the training server's start; a client that comes too early only trains less
for output in "" --json --verbose; do
  java -XX:DumpLoadedClassList="$work/client$output.lst" -jar "$jar" --port 0 $output --dtls-timeout 100 \
    -c 'coaps psk trainingKey training' -c 'coaps start' -c "coaps connect 127.0.0.1 $port" -c 'coaps get r con' \
    -c 'coaps put r con trained' -c 'coaps resource' -c 'coaps isconnected' -c 'help' >/dev/null 2>&1
done
# The one-shot requests, secure and plain, and the help texts.
java -XX:DumpLoadedClassList="$work/one-shot.lst" -jar "$jar" get "coaps://127.0.0.1:$port/r" --psk trainingKey \
  --identity training --dtls-timeout 100 >/dev/null 2>&1
java -XX:DumpLoadedClassList="$work/one-shot-json.lst" -jar "$jar" put --json "coaps://127.0.0.1:$port/r" \
  --psk trainingKey --identity training --dtls-timeout 100 again >/dev/null 2>&1
java -XX:DumpLoadedClassList="$work/one-shot-plain.lst" -jar "$jar" get "coap://127.0.0.1:$((port + 1))/r" \
  >/dev/null 2>&1
# picocli reads what the one-shots' own reader leaves to it (usage errors), and serve's command line.
java -XX:DumpLoadedClassList="$work/usage-error.lst" -jar "$jar" get "coaps://127.0.0.1:$port/r" --psk trainingKey \
  --prot 1 >/dev/null 2>&1
java -XX:DumpLoadedClassList="$work/serve-usage.lst" -jar "$jar" serve "$work" --psk trainingKey --port x >/dev/null 2>&1
java -XX:DumpLoadedClassList="$work/help.lst" -jar "$jar" --help >/dev/null 2>&1
java -XX:DumpLoadedClassList="$work/get-help.lst" -jar "$jar" get --help >/dev/null 2>&1
# The shell on a terminal (JLine): script(1) gives it a pseudo-terminal; it leaves at `exit`.
if command -v script >/dev/null; then
  { sleep 3; printf 'coaps isclosed\rexit\r'; sleep 2; } | timeout 20 script -qfc \
    "java -XX:DumpLoadedClassList=$work/terminal.lst -jar $jar --port 0" /dev/null >/dev/null 2>&1
fi
# What this JVM is: the launcher uses an archive or cache only with the JVM that made it.
properties=$(java -XshowSettings:properties -version 2>&1)
spec=$(sed -n 's/^ *java.specification.version = //p' <<<"$properties")
# Whether the program runs with these JVM options (an archive or a cache among them): a shell script, and a
# one-shot that ends with status 1, since no server is left to answer it (a crash would be 134). Logs to $log.
runs_with() {
  java "$@" -jar "$jar" --port 0 -c 'coaps psk trainingKey training' -c 'coaps start' -c 'coaps stop' \
    >>"$log" 2>&1 || return 1
  java "$@" -jar "$jar" get "coaps://127.0.0.1:$port/r" --psk trainingKey --dtls-timeout 50 >>"$log" 2>&1
  [ $? -le 1 ]
}

# JDK 25+ (JEP 483, 514): an ahead-of-time cache, which holds the classes loaded and also linked, made from
# one training run each, so each start that matters gets its own: the one-shots (with the launcher's flags
# for them) and the shell on a terminal. The launcher prefers them to the archive on such a JVM.
rm -f "$target"/coaps-cli-*.aot "$target"/coaps-cli-*.aot.jdk
aot_starts=()
if [ "${spec%%.*}" -ge 25 ] 2>/dev/null; then
  # The launcher's options on such a JVM (./coaps-cli), and its one-shots' own.
  shell_flags=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
  one_shot_flags=("${shell_flags[@]}" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData)
  java "${one_shot_flags[@]}" -XX:AOTMode=record -XX:AOTConfiguration="$work/one-shot.aotconf" -jar "$jar" \
    get "coaps://127.0.0.1:$port/r" --psk trainingKey --identity training --dtls-timeout 100 >/dev/null 2>&1 \
    && aot_starts+=(one-shot)
  if command -v script >/dev/null; then
    { sleep 3; printf 'coaps psk trainingKey training\rcoaps start\rcoaps connect 127.0.0.1 %s\r' "$port"; sleep 2
      printf 'coaps get r con\r'; sleep 1; printf 'exit\r'; sleep 3; } | timeout 30 script -qfc \
      "java ${shell_flags[*]} -XX:AOTMode=record -XX:AOTConfiguration=$work/shell.aotconf -jar $jar --port 0" \
      /dev/null >/dev/null 2>&1
    [ -s "$work/shell.aotconf" ] && aot_starts+=(shell)
  fi
fi
kill "$server_pid"; wait "$server_pid" 2>/dev/null; server_pid=""
for start in "${aot_starts[@]}"; do
  cache="$target/coaps-cli-$start.aot"
  flags=("${shell_flags[@]}"); [ "$start" = one-shot ] && flags=("${one_shot_flags[@]}")
  log="$work/aot.log"
  java "${flags[@]}" -XX:AOTMode=create -XX:AOTConfiguration="$work/$start.aotconf" -XX:AOTCache="$cache" -cp "$jar" \
    >"$log" 2>&1
  if [ -f "$cache" ] && runs_with "${flags[@]}" -XX:AOTCache="$cache" -XX:AOTMode=on; then
    sed -n 's/^ *java.home = //p' <<<"$properties" > "$cache.jdk"
    echo "coaps-cli: ahead-of-time cache $cache"
  else
    rm -f "$cache"
    echo "coaps-cli: warning: no ahead-of-time cache for the $start; the class-data archive serves it" >&2
    tail -n 5 "$work/aot.log" >&2
  fi
done

# The lambdas' classes too (@lambda-proxy lines): without them every lambda on the start path is spun at
# run time, ~300 in a shell on a terminal (180 of them JLine's). Some JDK 17 builds crashed dumping them,
# so an archive with them must dump and then run a request; otherwise it is made again without them.
# Newer JDKs (25 here) number each class in a list (" id: N"), per run: merged lists would give one class two
# numbers, which the dump refuses ("Duplicated ID"). The numbers serve classes from custom loaders only,
# which coaps-cli has none of, so they are left out.
cat "$work"/*.lst | sed 's/ id: [0-9]*$//' | sort -u > "$work/with-lambdas.lst"
grep -v '^@lambda-proxy' "$work/with-lambdas.lst" > "$work/without-lambdas.lst"
works() { # $1: the class list; makes the archive from it and runs a shell script and a one-shot with it
  rm -f "$archive"
  java -Xshare:dump -XX:SharedClassListFile="$1" -XX:SharedArchiveFile="$archive" -cp "$jar" >"$work/dump.log" 2>&1 \
    || return 1
  [ -f "$archive" ] || return 1
  log="$work/check.log"; : >"$log"
  runs_with -XX:SharedArchiveFile="$archive"
}
list=""
for candidate in with-lambdas without-lambdas; do
  if works "$work/$candidate.lst"; then list="$work/$candidate.lst"; break; fi
done
if [ -n "$list" ]; then
  sed -n 's/^ *java.home = //p; s/^ *java.vm.version = //p' <<<"$properties" > "$archive.jdk"
  # The Debian package makes its own archive from this list when it is installed, with that machine's JVM.
  cp "$list" "$target/coaps-cli.classlist"
  echo "coaps-cli: class-data archive $archive ($(wc -l < "$list") classes and lambdas, $(basename "$list" .lst))"
else
  rm -f "$archive"
  echo "coaps-cli: warning: no class-data archive; start-up is slower but everything works" >&2
  tail -n 5 "$work/dump.log" "$work/check.log" >&2
fi
exit 0
