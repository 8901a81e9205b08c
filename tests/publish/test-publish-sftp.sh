#!/usr/bin/env bash
# test-publish-sftp.sh — `waymark publish` to a real sftp:// location through gvfs
#
# Copyright 2026 The Waymark authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs inside tests/wm-session-run (a private D-Bus session). Starts its own sshd on a free
# loopback port (its own host key, one authorized key, held by its own ssh-agent) and gvfsd
# in the private session, so `waymark publish` mounts sftp://127.0.0.1:PORT/ the way it
# would any server, and writes through gvfsd-sftp. Then checks the files a reader of the
# server's folder sees. Every wait is bounded; everything started here is stopped on exit.
# Prints TAP. Needs WM_WAYMARK and WM_PUBLISH_FIXTURE (meson sets both).
set -uo pipefail

waymark="${WM_WAYMARK:?}"
fixture="${WM_PUBLISH_FIXTURE:?}"
gvfsd=/usr/libexec/gvfsd
sshd=/usr/sbin/sshd

skip_all() { echo "1..0 # SKIP $*"; exit 0; }

# Only a missing program is a reason to skip; once they are here, any failure fails.
[ -x "$sshd" ] || skip_all "no $sshd (Debian openssh-server)"
[ -x "$gvfsd" ] || skip_all "no $gvfsd (Debian gvfs-daemons)"
[ -x /usr/libexec/gvfsd-sftp ] || skip_all "no gvfsd-sftp (Debian gvfs-backends)"
command -v ssh-agent >/dev/null && command -v ssh-keygen >/dev/null ||
  skip_all "no ssh-agent/ssh-keygen (Debian openssh-client)"
[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || skip_all "no private D-Bus session (run under wm-session-run)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wm-sftp.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

fail_setup() {
  echo "Bail out! $*"
  for log in "$tmp"/*.log; do [ -f "$log" ] && sed "s|^|# $(basename "$log"): |" "$log" | tail -20; done
  exit 1
}

# --- The server: sshd on loopback, keys of its own -----------------------------------------
ssh-keygen -q -t ed25519 -N '' -f "$tmp/host_key" || fail_setup "ssh-keygen failed"
ssh-keygen -q -t ed25519 -N '' -f "$tmp/client_key" || fail_setup "ssh-keygen failed"
cp "$tmp/client_key.pub" "$tmp/authorized_keys"
user=$(id -un)

start_sshd() {
  local port=$1
  cat > "$tmp/sshd_config" <<EOF
ListenAddress 127.0.0.1:$port
HostKey $tmp/host_key
AuthorizedKeysFile $tmp/authorized_keys
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
PidFile $tmp/sshd.pid
Subsystem sftp internal-sftp
EOF
  "$sshd" -D -e -f "$tmp/sshd_config" > "$tmp/sshd.log" 2>&1 &
  sshd_pid=$!
  for _ in $(seq 1 100); do
    grep -q "Server listening" "$tmp/sshd.log" && return 0
    kill -0 "$sshd_pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# As root, sshd wants its privilege separation folder (the package makes it at boot).
[ "$(id -u)" = 0 ] && mkdir -p /run/sshd
# A free port: a few tries, in case another test takes the one picked meanwhile.
started=0
for _ in 1 2 3 4 5; do
  port=$(( 20000 + RANDOM % 40000 ))
  if start_sshd "$port"; then started=1; break; fi
  kill "$sshd_pid" 2>/dev/null
done
[ "$started" = 1 ] || fail_setup "sshd did not start"
pids+=("$sshd_pid")

# --- The client: an agent with the key, gvfsd in this session --------------------------------
ssh-agent -a "$tmp/agent.sock" -D > "$tmp/agent.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do [ -S "$tmp/agent.sock" ] && break; sleep 0.1; done
export SSH_AUTH_SOCK="$tmp/agent.sock"
timeout 20 ssh-add -q "$tmp/client_key" 2> "$tmp/ssh-add.log" || fail_setup "ssh-add failed"

# gvfsd-sftp runs ssh with gvfsd's environment: the agent's socket goes with it.
export GVFS_DISABLE_FUSE=1
"$gvfsd" --replace > "$tmp/gvfsd.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner org.gtk.vfs.Daemon 2>/dev/null | grep -q true && break
  sleep 0.1
done

remote="$tmp/server/library"
mkdir -p "$tmp/server"
url="sftp://$user@127.0.0.1:$port$remote"
db="$tmp/library.db"
"$fixture" create "$db" > "$tmp/ids" || fail_setup "the fixture library could not be made"

echo "1..6"
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; shift; for line in "$@"; do echo "# $line"; done; }

publish() {
  timeout 120 "$waymark" --library "$db" publish --to "$1" > "$tmp/out.log" 2> "$tmp/err.log"
}

# --- 1. The library arrives on the server's disk ---------------------------------------------
check_library() {
  python3 - "$remote" <<'EOF'
import json, os, sys
site = sys.argv[1]
def read(p):
    with open(os.path.join(site, p), encoding='utf-8') as f:
        return f.read()
index = read('index.html')
assert 'Content-Security-Policy' in index and 'catalog/00.js' in index, 'index.html'
page = read('t/invite-your-first-teammate/index.html')
assert 'Invite your first teammate' in page, 'tutorial page'
assert 'Invite your first teammate' in read('t/invite-your-first-teammate/embed/index.html')
root = json.loads(read('catalog.json'))
entries = []
for part in root['parts']:
    entries += json.loads(read(part))['tutorials']
    assert os.path.exists(os.path.join(site, part[:-len('.json')] + '.js')), part
assert root['count'] == len(entries) == 4, (root['count'], len(entries))
entry = next(e for e in entries if e['slug'] == 'invite-your-first-teammate')
for field in ('id', 'slug', 'title', 'summary', 'stage', 'roles', 'version', 'updated', 'url'):
    assert field in entry, field
assert entry['title'] == 'Invite your first teammate' and entry['stage'] == 'orientation'
assert entry['url'] == 't/invite-your-first-teammate/'
# Every image the pages name is there (shared, content-addressed).
assert entry['thumbnail'] and os.path.getsize(os.path.join(site, entry['thumbnail'])) > 0
assert os.path.exists(os.path.join(site, 'widget.js')) and os.path.exists(os.path.join(site, 'feed.atom'))
assert not os.path.exists(os.path.join(site, '.waymark-lock')), 'lock left behind'
print('ok')
EOF
}

if publish "$url" && out=$(check_library 2>&1); then
  ok "publish to $url writes index.html, t/<slug>/, the catalogue and the images on the server"
else
  not_ok "publish to sftp:// writes the library on the server" "$(cat "$tmp/err.log")" "${out:-}"
fi

# --- 2. A republish through sftp shows the edit at the same link -----------------------------
"$fixture" edit "$db" export-a-report-as-pdf "Open Reports through sftp" >/dev/null
if publish "$url" && grep -q "Open Reports through sftp" "$remote/t/export-a-report-as-pdf/index.html" &&
   [ -f "$remote/t/export-a-report-as-pdf/v2/index.html" ] &&
   ! grep -q "Open Reports through sftp" "$remote/t/export-a-report-as-pdf/v1/index.html"; then
  ok "a republish through sftp replaces the stable page and keeps v1"
else
  not_ok "a republish through sftp replaces the stable page and keeps v1" "$(cat "$tmp/err.log")"
fi

# --- 3. An unreachable server: one clear line, nothing written ------------------------------
closed=$(( port == 65535 ? port - 1 : port + 1 ))
while (exec 3<>"/dev/tcp/127.0.0.1/$closed") 2>/dev/null; do closed=$((closed + 1)); done
gone="$tmp/server/never"
before=$(find "$tmp/server" | sort | md5sum)
publish "sftp://$user@127.0.0.1:$closed$gone"
status=$?
lines=$(wc -l < "$tmp/err.log")
after=$(find "$tmp/server" | sort | md5sum)
if [ "$status" -ne 0 ] && [ "$status" -ne 124 ] && [ "$lines" -eq 1 ] &&
   grep -q "Cannot publish to “sftp://.*”: ." "$tmp/err.log" && [ "$before" = "$after" ] &&
   [ ! -e "$gone" ]; then
  ok "an unreachable sftp:// server: exit $status, one line: $(cat "$tmp/err.log")"
else
  not_ok "an unreachable sftp:// server gives one clear line and changes nothing" \
    "status $status, $lines lines:" "$(cat "$tmp/err.log")"
fi

# --- 4. Links planted on the server: GIO's NOFOLLOW query and a type check refuse them ------
victim="$tmp/victim"
mkdir -p "$victim" && echo "keep me" > "$victim/precious.txt"
victim_intact() { [ "$(ls -A "$victim")" = "precious.txt" ] && [ "$(cat "$victim/precious.txt")" = "keep me" ]; }
failures=()
for place in .waymark-tmp t/invite-your-first-teammate images catalog; do
  "$fixture" edit "$db" invite-your-first-teammate "Edited behind a link to $place" >/dev/null
  [ -e "$remote/$place" ] && mv "$remote/$place" "$remote/$place.moved"
  ln -s "$victim" "$remote/$place"
  publish "$url"
  status=$?
  if [ "$status" -eq 0 ] || [ "$status" -eq 124 ] || [ "$(wc -l < "$tmp/err.log")" -ne 1 ] ||
     ! grep -q "never follows links" "$tmp/err.log" || ! victim_intact; then
    failures+=("$place: status $status, $(cat "$tmp/err.log"), victim: $(ls -A "$victim" | tr '\n' ' ')")
  fi
  rm "$remote/$place"
  [ -e "$remote/$place.moved" ] && mv "$remote/$place.moved" "$remote/$place"
done
if [ "${#failures[@]}" -eq 0 ]; then
  ok "links planted at .waymark-tmp, t/<slug>, images and catalog on the server are refused, nothing written through them"
else
  not_ok "links planted on the server are refused" "${failures[@]}"
fi

# --- 5. A lock that is a dangling link: refused at once in one line --------------------------
ln -s "$tmp/nowhere" "$remote/.waymark-lock"
publish "$url"
status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 124 ] && [ "$(wc -l < "$tmp/err.log")" -eq 1 ] &&
   grep -q "not a lock Waymark wrote" "$tmp/err.log" && [ -L "$remote/.waymark-lock" ]; then
  ok "a dangling .waymark-lock link: $(cat "$tmp/err.log")"
else
  not_ok "a dangling .waymark-lock link is refused in one line" "status $status" "$(cat "$tmp/err.log")"
fi
rm -f "$remote/.waymark-lock"
publish "$url" || not_ok "publish after the lock link went" "$(cat "$tmp/err.log")"

# --- 6. submit --to through sftp: a link at the predictable name is never written through ----
draft=$(tail -1 "$tmp/ids")
mkdir -p "$remote/inbox"
echo "keep me" > "$tmp/target.txt"
ln -s "$tmp/target.txt" "$remote/inbox/$draft-v1.waymark"
if timeout 120 "$waymark" --library "$db" submit "$draft" --to "$url" > "$tmp/out.log" 2> "$tmp/err.log" &&
   [ "$(cat "$tmp/target.txt")" = "keep me" ] &&
   [ "$(find "$remote/inbox" -type f -name "$draft-v1-*.waymark" | wc -l)" -eq 1 ] &&
   publish "$url"; then
  ok "submit --to sftp:// creates a new inbox file beside the planted link, and publish accepts the inbox"
else
  not_ok "submit --to sftp:// with a planted link" "$(cat "$tmp/err.log")" "$(ls -la "$remote/inbox")"
fi
