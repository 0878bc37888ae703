// Package shell is pyrosh's interactive shell and script runner: the
// read-eval-print loop, the evaluation of shell statements against remote
// Pyro4 objects, the meta command table, and the line editor's adapter.
//
// [Run] is the one entry point. It is interactive when stdin is a
// terminal and neither -c (Options.Statements) nor -f (Options.Script)
// was given; otherwise it reads statements line by line with no prompt
// and no colour, runs every one, and returns the status of the first that
// failed. Both modes run the same loop over a small line-reader interface
// (reader.go); the line editor is confined to prompt.go, and tests drive the
// loop with a scripted reader.
//
// # Statements
//
// Statements are parsed by shell/lang; a buffer is run once lang says it
// is complete (brackets and triple-quoted strings closed; the prompt is
// "... " meanwhile), and ';' outside strings and brackets separates
// statements on a line. As in Python, the buffer is one logical line: the
// first statement that fails ends it (runSource). Evaluation:
//
//   - obj.m(args, k=v) calls m; a oneway method prints "(oneway, no
//     result)" on stderr; a generator prints its items as they arrive
//     (Ctrl+C closes it), and `_` becomes the list of them.
//   - obj.a reads a (a Pyro4 property) when the metadata lists it as an
//     attribute; a method named without parentheses is a value printed as
//     <remote method m of URI>, callable later (f = obj.m; f(1)).
//     obj.a = v writes it.
//   - x = expr binds a variable and prints nothing; a generator assigned or
//     passed as an argument is drained into a list. `_` is the last value
//     printed. A remote call's None result is printed, so every call shows
//     that it returned.
//   - A Pyro proxy inside a result is a live object: calling through it
//     dials it on first use with the session's options; the proxies are
//     kept per URI for the session.
//   - v[i] works on local values (list, tuple, str, bytes, dict) with
//     Python's errors.
//
// # Errors and exit statuses
//
// The shell prints every error itself, so the caller prints nothing more
// for an error that has an ExitCode method:
//
//   - 1: a remote exception (with the remote traceback), or a local
//     evaluation error (NameError, IndexError, KeyError, TypeError,
//     AttributeError), printed as Python's last traceback line followed by
//     "(local)";
//   - 2: a syntax error (the line with a caret), a meta command used
//     wrongly, an invalid URI, a -f script that cannot be opened;
//   - 3: anything about the connection: refused, timed out (the call
//     timeout included), handshake or HMAC refused, protocol violation,
//     name server unreachable. After a lost or timed-out call the proxy
//     has dropped its connection and the next call re-dials; the message
//     says so;
//   - 130: a script stopped by Ctrl+C; 128+n: an interactive session ended
//     by SIGTERM or SIGHUP (signal n).
//
// An interactive session returns nil on Ctrl+D and :quit, whatever failed
// before. A statement's failure never ends a session and never loses its
// variables.
//
// # Terminal handling
//
// The line editor is shell/lineedit (prompt.go adapts it): nothing calls
// os.Exit, the terminal descriptor is never made non-blocking, the modes
// are raw only while a line is read and restored on return from Run and
// when SIGTERM or SIGHUP ends the session, and bytes read ahead are kept
// for the next line. SIGINT during a statement cancels its context: the
// proxy drops the connection (re-dialled on the next call), the rest of a
// result being printed is dropped (stopWriter), the keys typed ahead are
// dropped (the terminal has NOFLSH while a statement runs, see
// lineedit's between), and the prompt returns.
// Ctrl+C while editing clears the statement without leaving.
//
// Completion (complete.go) adapts the completion package and adds
// matching history entries. It never touches the network: metadata is
// what the last handshake said, and name server names are fetched once in
// the background the first time they are wanted.
//
// History is kept only for interactive sessions, in Options.HistoryPath
// (history.DefaultPath when empty, memory only for NoHistory); a file that
// cannot be used is reported once and the session goes on in memory.
// :hmac input is read without echo (by the line editor, after any keys
// typed ahead) and never stored.
package shell
