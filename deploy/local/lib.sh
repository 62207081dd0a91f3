# shellcheck shell=bash
# Helpers shared by the local scripts (sourced, not run): logging, and installing Debian packages when the
# machine allows it (root or password-less sudo).

log() { printf '[%s] %s\n' "${LOG_PREFIX:-local}" "$*" >&2; }

listening() { # host port
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"
  else return 1
  fi
}

can_install() {
  command -v apt-get >/dev/null && { [ "$(id -u)" -eq 0 ] || { command -v sudo >/dev/null && sudo -n true 2>/dev/null; }; }
}

apt_updated=false
apt_install() {
  if ! $apt_updated; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=true
  fi
  log "installing $* from the OS packages"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}


# How a service is started as its container image starts it (the local run, the benchmarks):
#   service_java               $JAVA if set, else the newest installed JDK 25 or later (jdk.sh: the JDK the Maven
#                              wrapper builds with, so the AOT cache fits it), else the java on the PATH
#   service_command M HEAP [OPTION...]
#                              that java, the JVM options of M's image (JAVA_OPTS_APPEND in M/src/main/docker/Dockerfile.jvm;
#                              BENCH_JVM_OPTIONS replaces them), the extra options, -Xmx HEAP, and the AOT cache the
#                              build trained (M/target/quarkus-app/app.aot) where that java can use one (24 or later)
TRACKER_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

service_java() {
  if [ -n "${JAVA:-}" ]; then echo "$JAVA"; return; fi
  local home
  if home="$("$TRACKER_ROOT/deploy/local/jdk.sh" 25)"; then echo "$home/bin/java"; else echo java; fi
}

java_feature() { # java -> its feature version
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -1
}

image_jvm_options() { # module -> the JVM options its image sets
  sed -n 's/^ENV JAVA_OPTS_APPEND="\(.*\)"$/\1/p' "$TRACKER_ROOT/$1/src/main/docker/Dockerfile.jvm"
}

service_command() { # module heap [option...]
  local module=$1 heap=$2 java app="$TRACKER_ROOT/$1/target/quarkus-app" cache=""
  shift 2
  java="$(service_java)"
  if [ -f "$app/app.aot" ] && [ "$(java_feature "$java")" -ge 24 ] 2>/dev/null; then cache="-XX:AOTCache=$app/app.aot"; fi
  echo "$java ${BENCH_JVM_OPTIONS-$(image_jvm_options "$module")} $* $cache -Xmx$heap -jar $app/quarkus-run.jar"
}
