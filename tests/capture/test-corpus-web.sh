#!/usr/bin/env bash
# test-corpus-web.sh — step text on web pages in real browsers (issue 11)
#
#   tests/wm-session-run -- tests/capture/test-corpus-web.sh [--openbox] firefox|chromium
#
# Opens tests/capture/web/invoice.html in firefox-esr or chromium (Debian packages), clicks
# and types through `waymark record` ($WAYMARK) with xdotool, and compares every printed step
# with what an author would keep. Firefox gets no accessibility flag or variable: the
# recording switches accessibility on as screen readers do. Chromium 120+ ignores that
# switch (and GNOME_ACCESSIBILITY / ACCESSIBILITY_ENABLED) for its web content and needs
# --force-renderer-accessibility, which Waymark's hint tells users to add. Points are measured from the
# page's top-left corner, found on the screen by a magenta marker the page draws there, so
# toolbars, info bars and the window manager's frame cannot move them.
set -uo pipefail

wm=0
[ "${1:-}" = --openbox ] && { wm=1; shift; }
browser=${1:?firefox or chromium}
: "${WAYMARK:?the waymark binary}"
here=$(cd "$(dirname "$0")" && pwd)
page="file://$here/web/invoice.html"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wm-web.XXXXXX")
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
export WAYMARK_DESCRIBE_TIMEOUT_MS="${WAYMARK_DESCRIBE_TIMEOUT_MS:-8000}"
unset GNOME_ACCESSIBILITY ACCESSIBILITY_ENABLED

case "$browser" in
  firefox)
    bin=firefox-esr
    mkdir -p "$tmp/profile"
    cat > "$tmp/profile/user.js" <<'PREFS'
user_pref("browser.shell.checkDefaultBrowser", false);
user_pref("browser.startup.homepage_override.mstone", "ignore");
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);
user_pref("browser.aboutwelcome.enabled", false);
user_pref("browser.sessionstore.resume_from_crash", false);
user_pref("signon.rememberSignons", false);
PREFS
    cmd=(firefox-esr --no-remote --new-instance --profile "$tmp/profile" "$page")
    ;;
  chromium)
    bin=chromium
    # --test-type: no info bar about --no-sandbox (needed as root, as in CI containers).
    cmd=(chromium --force-renderer-accessibility --no-first-run --no-default-browser-check --password-store=basic
         --user-data-dir="$tmp/chromium" --disable-gpu --test-type
         --disable-features=Translate,AutofillServerCommunication "$page")
    [ "$(id -u)" = 0 ] && cmd+=(--no-sandbox)
    ;;
  *) echo "unknown browser $browser" >&2; exit 2 ;;
esac
command -v "$bin" >/dev/null || { echo "1..0 # SKIP $bin is not installed"; exit 0; }

if [ "$wm" = 1 ]; then
  command -v openbox >/dev/null || { echo "1..0 # SKIP openbox is not installed"; exit 0; }
  openbox --sm-disable > "$tmp/openbox.log" 2>&1 &
  pids+=($!)
  sleep 1
fi

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n - $*"; }

# The recording starts first: the browser then finds accessibility on when it starts.
"$WAYMARK" record --library "$tmp/web.db" --title "$browser" > "$tmp/out" 2> "$tmp/err" &
rec=$!
pids+=($rec)
for _ in $(seq 1 100); do grep -q . "$tmp/out" 2>/dev/null && break; sleep 0.1; done

"${cmd[@]}" > "$tmp/browser.log" 2>&1 &
pids+=($!)

# The page's corner: the magenta marker, once the page is drawn.
ox=""; oy=""
for _ in $(seq 1 60); do
  sleep 0.5
  geometry=$(import -window root png:- 2>/dev/null |
             convert - -fill black +opaque '#FF00FF' -trim info:- 2>/dev/null |
             awk '{ sub(/^[0-9]+x[0-9]+/, "", $4); print $3 $4 }')
  [[ "$geometry" =~ ^4x4\+([0-9]+)\+([0-9]+)$ ]] &&
    { ox=${BASH_REMATCH[1]}; oy=${BASH_REMATCH[2]}; break; }
done
[ -n "$ox" ] || { not_ok "$browser: the page was never shown"; echo "1..$n"; exit 1; }
sleep 2   # its accessibility tree is registered a moment after the page is drawn

# The steps printed so far (a step line starts with its number).
count_steps() { grep -cE '^[0-9]+  ' "$tmp/out"; }
steps=0
act() {
  case "$1" in
    click:*) local p=${1#click:}
             xdotool mousemove $((ox + ${p%,*})) $((oy + ${p#*,})) click 1
             steps=$((steps + 1))
             for _ in $(seq 1 150); do [ "$(count_steps)" -ge "$steps" ] && break; sleep 0.1; done ;;
    type:*)  xdotool type --delay 40 "${1#type:}"; steps=$((steps + 1)) ;;
    key:*)   xdotool key "${1#key:}"; steps=$((steps + 1)) ;;
  esac
  sleep 0.4
}

secret=S3cret-pw
act click:30,30       # the link
act click:100,88      # a button
act click:40,138      # an icon button named by aria-label
act click:100,208     # a field named by its <label>
act type:"Acme Corp"
act click:100,258     # a field named by aria-label
act type:ann@example.com
act click:100,308     # a field named by its placeholder
act type:PO-42
act click:31,420      # the checkbox
act click:100,488     # the password field
act type:"$secret"
act click:100,88      # the button again: the typing before it is a step of its own
kill -INT "$rec"; wait "$rec" 2>/dev/null

got=$(grep -E '^[0-9]+  ' "$tmp/out" | sed 's/^[0-9]*  //')
i=0
while IFS= read -r want; do
  i=$((i + 1))
  line=$(sed -n "${i}p" <<< "$got")
  if [ "$line" = "$want" ]; then ok "$browser step $i: $want"
  else not_ok "$browser step $i: wanted “$want”, got “$line”"; fi
done <<'STEPS'
Click the New invoice link in Invoices
Click the Save draft button in Invoices
Click the Delete button in Invoices
Click the Customer name field in Invoices
Type “Acme Corp” in the Customer name field
Click the Email field in Invoices
Type “ann@example.com” in the Email field
Click the Reference field in Invoices
Type “PO-42” in the Reference field
Click the Mark as paid check box in Invoices
Click the Password field in Invoices
Type your password
Click the Save draft button in Invoices
STEPS

if grep -rqa "$secret" "$tmp/out" "$tmp/err" "$tmp"/web.db*; then
  not_ok "$browser: the typed password reached the output, the log or the library"
else
  ok "$browser: the typed password is in neither the output, the log nor the library (nor its WAL)"
fi
if grep -q -- '--force-renderer-accessibility\|accessibility' "$tmp/err"; then
  not_ok "$browser: an accessibility hint although the page was named: $(grep -m1 accessib "$tmp/err")"
fi
[ "$failed" = 0 ] || { sed 's/^/# got: /' <<< "$got"; grep -v DBG "$tmp/err" | sed 's/^/# /' | tail -20; }
[ -n "${WM_WEB_KEEP:-}" ] && cp "$tmp/err" "$WM_WEB_KEEP"
echo "1..$n"
exit "$failed"
