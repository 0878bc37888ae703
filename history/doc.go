// Package history keeps the pyrosh shell's history file.
//
// The file lives at DefaultPath ($XDG_STATE_HOME/pyrosh/history, else
// ~/.local/state/pyrosh/history) unless the shell is given --history FILE. It
// is created with mode 0600 in a directory created with mode 0700, and a
// looser mode on an existing file is tightened when it is opened.
//
// # Format
//
// One record per line, in UTF-8 or whatever bytes were typed: the entry with
// '\\', newline, carriage return and NUL escaped as `\\`, `\n`, `\r` and `\0`,
// so a statement continued over several lines is one record. Unknown escapes
// load as written. A line holding a raw NUL is not a record.
//
// # Durability and concurrency
//
// Every Add is its own append: under an exclusive flock on the file, one
// write(2) of the record to the O_APPEND descriptor, then fsync. A crash
// therefore loses at most the entry being written, and several shells
// appending at once never interleave records. A process killed mid-write can
// leave a last line without its newline; loading ignores it, and the next
// append first writes "\x00\n", ending the fragment as a NUL-holding line the
// loader skips, so the fragment never resurfaces as an entry.
//
// Consecutive duplicates are folded twice: against this History's last entry
// and, under the lock, against the last record in the file, so two shells
// repeating the same statement write it once. Blank entries and secrets
// (IsSecret: the :hmac meta command and anything naming an HMAC key) are
// neither written nor kept in memory.
//
// # Degrading
//
// History must never stop the shell. OpenOrMemory always returns a usable
// History, memory-only when the file cannot be opened, with the error to
// print once. If a later write fails, Add returns that error once and the
// History continues in memory only.
//
// The file is append-only and never compacted; only the newest Options.Max
// entries are loaded.
package history
