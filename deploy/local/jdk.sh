#!/bin/sh
# Prints the home of an installed JDK whose feature version is at least MIN (default 25), or exits 1 when there is
# none. Looks at JAVA_HOME, the java on the PATH, then the usual install folders (Debian/Ubuntu packages, Temurin
# and SDKMAN! installs, macOS), and takes the newest of those that qualify.
#   deploy/local/jdk.sh 25     the JDK the Maven wrapper builds with, so the AOT cache fits the JDK that runs it
#   deploy/local/jdk.sh 21     the JDK Keycloak runs on
# POSIX sh: the Maven wrapper runs it.
min="${1:-25}"

feature() { # java home -> its feature version (17, 25, ...), or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -1
}

candidates() {
  [ -n "${JAVA_HOME:-}" ] && echo "$JAVA_HOME"
  if command -v java >/dev/null 2>&1; then
    java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p' | head -1
  fi
  for home in /usr/lib/jvm/* /opt/java/* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$home" ] && echo "$home"
  done
}

best="" best_version=0
for home in $(candidates); do
  version="$(feature "$home")"
  case "$version" in '' | *[!0-9]*) continue ;; esac
  if [ "$version" -ge "$min" ] && [ "$version" -gt "$best_version" ]; then
    best="$home" best_version="$version"
  fi
done
[ -n "$best" ] || exit 1
echo "$best"
