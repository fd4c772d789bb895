#!/usr/bin/env bash
# Screenshots for the README, taken from a real run: the built `keypol --sandbox` in an 80×24
# tmux pane (private socket), driven with keys. Each step is saved as the pane's ANSI text
# (media/NAME.ans, `cat` it in a terminal) and, when aha and wkhtmltoimage are installed
# (Debian: apt-get install aha wkhtmltopdf), rendered to media/NAME.png.
# Usage: npm run build && bash media/capture.sh   (KEYPOL_TIMEOUT=60 on a loaded machine)
set -euo pipefail
cd "$(dirname "$0")/.."
NODE=${NODE:-node_modules/.bin/node}
[[ -x $NODE ]] || NODE=node
[[ -f dist/cli.js ]] || { echo "dist/cli.js is missing: run npm run build first" >&2; exit 1; }

SOCK="-L keypol-media-$$"
S=media
STATE=$(mktemp -d)
trap 'tmux $SOCK kill-server 2>/dev/null || true; rm -rf "$STATE"' EXIT

wait_for() { # text [seconds]
  local end=$((SECONDS + ${2:-60}))
  until tmux $SOCK capture-pane -p -t $S | grep -qF -- "$1"; do
    ((SECONDS < end)) || { echo "timed out waiting for: $1" >&2; tmux $SOCK capture-pane -p -t $S >&2; exit 1; }
    sleep 0.1
  done
}
gone() { # text
  local end=$((SECONDS + 60))
  while tmux $SOCK capture-pane -p -t $S | grep -qE -- "$1"; do
    ((SECONDS < end)) || { echo "timed out waiting for $1 to go" >&2; exit 1; }
    sleep 0.1
  done
}
keys() { tmux $SOCK send-keys -t $S "$@"; sleep 0.4; }
shot() { # name
  tmux $SOCK capture-pane -e -p -t $S > "media/$1.ans"
  if command -v aha >/dev/null && command -v wkhtmltoimage >/dev/null; then
    {
      echo '<!DOCTYPE html><html><head><meta charset="utf-8"><style>'
      echo 'body{margin:0;background:#1d1f21} pre{margin:12px;font:15px/1.25 "DejaVu Sans Mono",monospace;color:#e6e6e6}'
      echo '</style></head><body>'
      echo '<pre>'
      aha --no-header --black < "media/$1.ans"
      echo '</pre></body></html>'
    } > "$STATE/$1.html"
    wkhtmltoimage --quiet --width 760 --format png --quality 30 "$STATE/$1.html" "media/$1.png" 2>/dev/null
  fi
  echo "media/$1.ans${HAVE_PNG:+ + .png}"
}
command -v aha >/dev/null && command -v wkhtmltoimage >/dev/null && HAVE_PNG=1

tmux $SOCK new-session -d -s $S -x 80 -y 24 \
  "env -u CI -u NO_COLOR TERM=xterm-256color KEYPOL_STATE_DIR=$STATE XDG_CONFIG_HOME=$STATE $NODE dist/cli.js --sandbox; sleep 5"
wait_for 'console-v1'
gone 'metadata|policies [0-9]'
shot keys

keys / b a d g e : o u t d a t e d
keys Enter
wait_for 'filter badge:outdated'
shot keys-filtered
keys Escape

keys / c o n s o l e - v 2
keys Enter
wait_for 'filter console-v2'
keys Enter
wait_for '1 Policy'
sleep 0.5
shot key-policy
keys 2
sleep 0.6
shot key-access
keys 3
sleep 0.6
shot key-findings
keys '?'
wait_for 'press ? or Esc to close'
shot help
keys '?'

# The upgrade walkthrough on the outdated v2 key (four steps: a v2 policy has the deletion choice
# already), through to the verified result.
keys 1
keys u
wait_for 'Step 1 of 4'
shot upgrade-1-explain
keys Enter
wait_for 'Step 2 of 4'
shot upgrade-2-review
keys Enter
wait_for 'Step 3 of 4'
shot upgrade-3-confirm
keys y
wait_for 'Step 4 of 4'
wait_for 'verified'
shot upgrade-4-result
keys Escape
wait_for '4 History'

# History after the upgrade: its backup, Enter restores it.
keys 4
wait_for 'Backups of this key'
shot key-history

# The access wizard: step 1, then the principal picker of step 2.
keys a
wait_for 'What do you want to change?'
shot wizard-1
keys Enter
wait_for 'Which principal?'
wait_for ' of '
shot wizard-picker
keys Escape
wait_for 'What do you want to change?'
keys Escape
wait_for '4 History'
keys Escape
wait_for 'filter console-v2'

# A key pending deletion with three aliases: the header keeps badge, state and id; Details lists them.
keys Escape
keys / p e n d i n g
keys Enter
wait_for 'filter pending'
keys Enter
wait_for '1 Policy'
keys 6
wait_for 'Deletion on'
shot key-details
keys Escape
wait_for 'filter pending'
keys Escape

# Grants made by hand over the years: the Grants tab and its findings.
keys / s h a r e d - g r a n t s
keys Enter
wait_for 'filter shared-grants'
keys Enter
wait_for '1 Policy'
keys 5
wait_for 'GRANT ID'
shot key-grants
keys Escape
keys q
