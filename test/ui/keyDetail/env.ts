// Imported first by the key-detail UI tests: ES imports are hoisted, so these must be set by a
// module that is evaluated before ink (and chalk) are. COLUMNS/LINES spare Ink a `tput` per frame
// (stack.md); FORCE_COLOR lets the tests assert colours without a TTY.
process.env.COLUMNS = '100';
process.env.LINES = '30';
process.env.FORCE_COLOR = '1';
