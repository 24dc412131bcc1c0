# Sourced by scripts/tox.sh and scripts/test_wheels.sh: collect one result line
# per run and print them as a summary.
declare -A RESULT
RESULT_ORDER=()

# pytest's last summary line in a log ("4075 passed, 4 skipped ... in 167.2s"), or nothing.
summary_of() {
    { grep -E '^=+ .*(passed|failed|error|no tests ran).* in [0-9.]+s' "$1" || true; } \
        | tail -1 | sed -E 's/^=+ //; s/ =+$//'
}

# record NAME STATUS LOG [WHAT]: "ok: WHAT: summary", "FAILED ...", or "NOT RUN" when
# scripts/chroot.sh said the chroot could not be entered.
record() {
    local name="$1" status="$2" log="$3" what="${4:-}"
    RESULT_ORDER+=("$name")
    if grep -q "NOTHING WAS TESTED" "$log"; then
        RESULT[$name]="NOT RUN: the chroot could not be entered (see the log)"
    elif grep -q "could not find python interpreter" "$log"; then
        RESULT[$name]="MISSING interpreter (not run)"
    elif [ "$status" = 0 ]; then
        RESULT[$name]="ok: ${what:+$what: }$(summary_of "$log")"
    else
        RESULT[$name]="FAILED (exit $status): $(summary_of "$log")"
    fi
}

# print_results TITLE: the summary; returns 1 unless every result is ok.
print_results() {
    local name failed=0
    echo
    echo "== $1"
    for name in "${RESULT_ORDER[@]}"; do
        printf '   %-14s %s\n' "$name" "${RESULT[$name]}"
        case "${RESULT[$name]}" in ok*) ;; *) failed=1 ;; esac
    done
    return "$failed"
}
