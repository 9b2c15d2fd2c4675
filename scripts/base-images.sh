#!/usr/bin/env bash
# Offline stand-ins for the base images fahr's default templates use. No container
# registry is reachable from these machines (no Docker Hub), so the images are built
# locally from Debian packages and tagged with the names the templates expect; a
# locally present image is used by FROM without a pull.
#
#   fahr-offline/jdk-python:bookworm   Debian 12 minbase + OpenJDK 17 + Python 3.11,
#     also tagged eclipse-temurin:21-jdk (default CPU base), python:3.11-slim
#     (default Python base), nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04 (default GPU base)
#   fahr-test/busybox:latest           busybox only, for fast engine tests
#
# Needs a running engine (DOCKER_HOST), debootstrap and apt. Source it and call
# fahr_build_base_images, or run it. The debootstrap root file system is cached as a
# tar in FAHR_CI_CACHE (default /var/cache/fahr-ci); images already in the engine are
# left alone. FAHR_DEBIAN_MIRROR overrides the mirror (default http://deb.debian.org/debian).

FAHR_STANDIN_IMAGE=fahr-offline/jdk-python:bookworm
FAHR_STANDIN_TAGS=(eclipse-temurin:21-jdk python:3.11-slim nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04)
FAHR_BUSYBOX_IMAGE=fahr-test/busybox:latest

_fahr_img_log() { printf '[fahr-ci] %s\n' "$*" >&2; }
_fahr_img_die() { printf '[fahr-ci] ERROR: %s\n' "$*" >&2; return 1; }

fahr_image_present() { docker image inspect "$1" >/dev/null 2>&1; }

# The cached Debian bookworm root file system with a JDK and Python, built once per machine.
fahr_debian_rootfs_tar() {
  local cache=${FAHR_CI_CACHE:-/var/cache/fahr-ci}
  local tar=$cache/debian-bookworm-minbase-jdk17-python3.tar
  local mirror=${FAHR_DEBIAN_MIRROR:-http://deb.debian.org/debian}
  mkdir -p "$cache"
  # One builder at a time per machine; a second run waits and then finds the tar.
  exec {lockfd}>"$cache/.rootfs.lock"
  flock "$lockfd"
  if [[ ! -s $tar ]]; then
    command -v debootstrap >/dev/null || { _fahr_img_die "debootstrap not found (apt-get install debootstrap)"; exec {lockfd}>&-; return 1; }
    local dir=$cache/rootfs.tmp log=$cache/debootstrap.log
    rm -rf "$dir"
    _fahr_img_log "debootstrap bookworm (minbase + openjdk-17-jdk-headless, python3) from $mirror, once per machine (about 2-3 min, log $log)"
    if ! debootstrap --variant=minbase --include=openjdk-17-jdk-headless,python3,ca-certificates \
      bookworm "$dir" "$mirror" >"$log" 2>&1; then
      tail -n 30 "$log" >&2
      [[ -f $dir/debootstrap/debootstrap.log ]] && tail -n 30 "$dir/debootstrap/debootstrap.log" >&2
      _fahr_img_die "debootstrap failed (see $log)"
      rm -rf "$dir"
      exec {lockfd}>&-
      return 1
    fi
    # The downloaded .debs are half the size and no use inside an image.
    rm -f "$dir"/var/cache/apt/archives/*.deb
    rm -rf "$dir"/var/lib/apt/lists/*
    # Write to a temporary name and rename, so an interrupted run leaves no half tar.
    tar --numeric-owner -C "$dir" -cf "$tar.partial" .
    mv "$tar.partial" "$tar"
    rm -rf "$dir"
  fi
  exec {lockfd}>&-
  FAHR_ROOTFS_TAR=$tar
}

fahr_build_standin_image() {
  local tag ctx rootfs_image=fahr-offline/debian-rootfs:bookworm-jdk17
  if ! fahr_image_present "$FAHR_STANDIN_IMAGE"; then
    if ! fahr_image_present "$rootfs_image"; then
      fahr_debian_rootfs_tar || return 1
      _fahr_img_log "importing $FAHR_ROOTFS_TAR as $rootfs_image"
      docker import "$FAHR_ROOTFS_TAR" "$rootfs_image" >/dev/null || { _fahr_img_die "docker import failed"; return 1; }
    fi
    ctx=$(mktemp -d)
    # Temurin's layout: the JDK at /opt/java/openjdk, a folder of its own (links followed, as Temurin's
    # is self-contained, so that COPY --from takes a working JDK), JAVA_HOME set, its bin on PATH.
    # `python` as in the python:*-slim images. The label marks a local stand-in.
    cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $rootfs_image
RUN mkdir -p /opt/java/openjdk \\
 && (cd "\$(dirname "\$(dirname "\$(readlink -f /usr/bin/javac)")")" && tar -ch --ignore-failed-read . 2>/dev/null) \\
    | tar -x -C /opt/java/openjdk \\
 && ln -s /usr/bin/python3 /usr/local/bin/python \\
 && /opt/java/openjdk/bin/java -version
ENV JAVA_HOME=/opt/java/openjdk \\
    LANG=C.UTF-8 \\
    PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
LABEL dev.fahr.offline-standin=true
CMD ["/bin/bash"]
DOCKERFILE
    _fahr_img_log "building $FAHR_STANDIN_IMAGE"
    if ! docker build -t "$FAHR_STANDIN_IMAGE" "$ctx" >"$ctx.log" 2>&1; then
      tail -n 30 "$ctx.log" >&2
      rm -rf "$ctx" "$ctx.log"
      _fahr_img_die "docker build of $FAHR_STANDIN_IMAGE failed"
      return 1
    fi
    rm -rf "$ctx" "$ctx.log"
  fi
  echo >&2 "[fahr-ci] $FAHR_STANDIN_IMAGE: offline stand-in (Debian 12, OpenJDK 17, Python 3.11) built locally because no container registry is reachable"
  for tag in "${FAHR_STANDIN_TAGS[@]}"; do
    # Never overwrite a real image of that name, should one be present.
    fahr_image_present "$tag" || docker tag "$FAHR_STANDIN_IMAGE" "$tag"
    echo >&2 "[fahr-ci] $tag: offline stand-in ($FAHR_STANDIN_IMAGE) built locally because no container registry is reachable"
  done
}

fahr_build_busybox_image() {
  local ctx
  if ! fahr_image_present "$FAHR_BUSYBOX_IMAGE"; then
    ctx=$(mktemp -d)
    # The static busybox from Debian's package: the whole image is one 2 MB binary.
    if ! (cd "$ctx" && apt-get download busybox-static >/dev/null 2>&1 && dpkg-deb -x busybox-static_*.deb pkg); then
      # No apt lists or mirror: the installed package carries the same binary.
      mkdir -p "$ctx/pkg/bin"
      if [[ -x /bin/busybox ]] && dpkg-query -W busybox-static >/dev/null 2>&1; then
        cp /bin/busybox "$ctx/pkg/bin/busybox"
      else
        rm -rf "$ctx"
        _fahr_img_die "could not get busybox-static (apt-get download failed and it is not installed)"
        return 1
      fi
    fi
    # /bin or /usr/bin, depending on the package version.
    cp "$(find "$ctx/pkg" -path '*bin/busybox' -type f | head -n 1)" "$ctx/busybox"
    cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
LABEL dev.fahr.offline-standin=true
CMD ["/bin/sh"]
DOCKERFILE
    _fahr_img_log "building $FAHR_BUSYBOX_IMAGE"
    if ! docker build -t "$FAHR_BUSYBOX_IMAGE" "$ctx" >"$ctx.log" 2>&1; then
      tail -n 30 "$ctx.log" >&2
      rm -rf "$ctx" "$ctx.log"
      _fahr_img_die "docker build of $FAHR_BUSYBOX_IMAGE failed"
      return 1
    fi
    rm -rf "$ctx" "$ctx.log"
  fi
  echo >&2 "[fahr-ci] $FAHR_BUSYBOX_IMAGE: offline stand-in (busybox) built locally because no container registry is reachable"
}

fahr_build_base_images() {
  [[ -n ${DOCKER_HOST:-} ]] || _fahr_img_log "DOCKER_HOST is not set; using the default engine"
  docker version >/dev/null 2>&1 || { _fahr_img_die "no Docker engine answers (start one with scripts/services.sh)"; return 1; }
  fahr_build_busybox_image || return 1
  fahr_build_standin_image || return 1
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  fahr_build_base_images
fi
