# Java for the Spark job's tests (PySpark starts a JVM): Debian's headless OpenJDK 17, the
# release Spark 3.5 and 4.x both support. Sourced by .ci/run as root (set -euo pipefail);
# idempotent: nothing is installed when a Java 17 or newer is already on the PATH.
_sw_java_major() {
  java -version 2>&1 | awk -F '"' '/version/ {split($2, v, "."); print v[1]; exit}'
}
if ! command -v java > /dev/null 2>&1 || [ "$(_sw_java_major)" -lt 17 ] 2> /dev/null \
  || [ -z "$(_sw_java_major)" ]; then
  apt-get update -qq
  apt-get install -y -qq openjdk-17-jre-headless > /dev/null
fi
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  export JAVA_HOME
fi
unset -f _sw_java_major
