package cli

import (
	"net"
	"strconv"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/pyrotest"
	"github.com/pyrosh/pyrosh/shell/iostreams"
)

func TestPlainCall(t *testing.T) {
	for _, tc := range []struct {
		in    string
		plain bool
	}{
		{"call URI hello", true},
		{"call URI echo 1 'a' k=2 @file -", true},
		{"call URI", false},            // cobra's usage error
		{"call", false},                // same
		{"bench URI hello", false},     // another command
		{"-o json call URI x", false},  // a flag
		{"call URI x -o json", false},  // a flag anywhere
		{"call URI x --ssl", false},    // a flag without a value
		{"call URI x -h", false},       // help
		{"call URI echo -1 -.5", true}, // negative numbers are arguments
		{"call -- URI echo", false},    // "--"
		{"call URI echo --", false},    // same
		{"__complete call URI", false}, // completion
		{"PYRO:x@h:1", false},          // the shell
	} {
		words, ok := plainCall(strings.Fields(tc.in))
		if ok != tc.plain {
			t.Errorf("%q: plain %v, want %v", tc.in, ok, tc.plain)
		}
		if ok && strings.Join(words, " ") != strings.TrimPrefix(tc.in, "call ") {
			t.Errorf("%q: words %q", tc.in, words)
		}
	}
}

// TestPlainCallAsCobra runs each one-off call twice, as `call WORDS...`
// (plainCall, without the command tree) and as `call -- WORDS...` (which
// means the same to normalizeArgs, through cobra), and wants the same
// stdout, stderr and exit status from both: results, remote exceptions,
// usage and syntax errors, connection errors with their hints, and the
// environment's settings and their errors.
func TestPlainCallAsCobra(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "PYRO:Thing@" + l.Addr().String()
	l.Close()
	thing, example := d.URI("Thing"), d.URI("Example")
	for _, tc := range []struct {
		words  []string
		env    map[string]string
		status int // both paths'
	}{
		{words: []string{example, "hello"}, status: 0},
		{words: []string{example, "hello()"}, status: 0},
		{words: []string{thing, "echo_kw", "1", `"a"`, "[2.5, None]", "k=2"}, status: 0},
		{words: []string{thing, `echo_kw(1, "a", k={"x": (1, 2)})`}, status: 0},
		{words: []string{thing, "divide", "1", "0"}, status: 1},      // ZeroDivisionError, with its traceback
		{words: []string{thing, "custom_error"}, status: 1},          // an exception class of the daemon's own
		{words: []string{thing, "nosuch"}, status: 1},                // unknown method
		{words: []string{thing, "value"}, status: 0},                 // an attribute, read
		{words: []string{thing, "value", "1"}, status: 2},            // an attribute, called
		{words: []string{thing, "fire", "1"}, status: 0},             // oneway
		{words: []string{thing, "count", "3"}, status: 0},            // a remote generator
		{words: []string{thing, "echo", "abc"}, status: 2},           // not a literal
		{words: []string{thing, "echo(1"}, status: 2},                // a syntax error
		{words: []string{thing, "echo(x)"}, status: 2},               // a variable
		{words: []string{thing, "1x"}, status: 2},                    // not a method name
		{words: []string{thing, "echo(1)", "2"}, status: 2},          // a whole call and more
		{words: []string{thing, "echo", "k=1", "2"}, status: 2},      // positional after keyword
		{words: []string{thing, "echo", "@/nonexistent"}, status: 2}, // an unreadable @FILE
		{words: []string{d.URI("Nobody"), "hello"}, status: 3},       // unknown object: the hint
		{words: []string{closed, "hello"}, status: 3},                // connection refused
		{words: []string{"PYRO:x@", "hello"}, status: 2},             // a bad URI
		{words: []string{"nosuch.name", "hello"}, env: map[string]string{"PYRO_NS_HOST": "127.0.0.1", "PYRO_NS_PORT": strconv.Itoa(l.Addr().(*net.TCPAddr).Port)}, status: 3},
		{words: []string{example, "hello"}, env: map[string]string{"PYRO_SERIALIZER": "json"}, status: 0},
		{words: []string{thing, "types"}, env: map[string]string{"PYRO_SERIALIZER": "marshal"}, status: 1},
		{words: []string{example, "hello"}, env: map[string]string{"PYRO_SERIALIZER": "yaml"}, status: 2},
		{words: []string{example, "hello"}, env: map[string]string{"PYROSH_PROTOCOL": "7"}, status: 2},
		{words: []string{example, "hello"}, env: map[string]string{"PYROSH_PROTOCOL": "5"}, status: 3},
		{words: []string{example, "hello"}, env: map[string]string{"PYRO_COMMTIMEOUT": "x"}, status: 2},
		{words: []string{example, "hello"}, env: map[string]string{"PYROSH_HANDSHAKE": "oops"}, status: 2},
		{words: []string{example, "hello"}, env: map[string]string{"PYROSH_HMAC_KEY": "k"}, status: 3},
		{words: []string{example, "hello"}, env: map[string]string{"PYRO_SSL": "maybe"}, status: 2},
		{words: []string{example, "hello"}, env: map[string]string{"PYRO_MAX_MESSAGE_SIZE": "10"}, status: 3},
		{words: []string{thing, "types"}, env: map[string]string{"NO_COLOR": "1"}, status: 0},
	} {
		name := strings.Join(tc.words[1:], " ")
		if len(tc.env) > 0 {
			name += " " + strings.Join(envList(tc.env), " ")
		}
		t.Run(name, func(t *testing.T) {
			run := func(args ...string) (int, string, string) {
				ios, _, out, errOut := iostreams.Test()
				code := Main(args, ios, func(k string) string { return tc.env[k] })
				return code, out.String(), errOut.String()
			}
			if _, ok := plainCall(append([]string{"call"}, tc.words...)); !ok {
				t.Fatal("not a plain call")
			}
			code, out, errOut := run(append([]string{"call"}, tc.words...)...)
			wantCode, wantOut, wantErr := run(append([]string{"call", "--"}, tc.words...)...)
			if code != wantCode || out != wantOut || errOut != wantErr {
				t.Errorf("plain call: status %d, stdout %q, stderr %q\nthrough cobra: status %d, stdout %q, stderr %q",
					code, out, errOut, wantCode, wantOut, wantErr)
			}
			if code != tc.status {
				t.Errorf("status %d, want %d: stdout %q, stderr %q", code, tc.status, out, errOut)
			}
		})
	}
}

func envList(env map[string]string) []string {
	var l []string
	for k, v := range env {
		l = append(l, k+"="+v)
	}
	return l
}
