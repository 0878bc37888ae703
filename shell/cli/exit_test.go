package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pylit"
)

// TestExitCode pins the mapping of PRODUCT.md: 1 remote, 2 usage or
// syntax, 3 communication, whatever wraps the error.
func TestExitCode(t *testing.T) {
	_, uriErr := pyro.ParseURI("PYRO:x@host")
	_, synErr := pylit.ParseLiteral("[1,")
	cases := []struct {
		err  error
		want int
	}{
		{nil, ExitOK},
		{&pyro.RemoteError{Exception: &py.Exception{Class: "builtins.ValueError"}}, ExitRemote},
		{fmt.Errorf("wrapped: %w", &pyro.RemoteError{Exception: &py.Exception{Class: "builtins.KeyError"}}), ExitRemote},
		{uriErr, ExitUsage},
		{synErr, ExitUsage},
		{usageErrorf("bad flag"), ExitUsage},
		{&pyro.SerializeError{Serializer: "json", Err: errors.New("cannot serialize bytes")}, ExitUsage},
		{&pyro.ConnError{Op: "connect to", Addr: "PYRO:x@h:1", Err: errors.New("connection refused")}, ExitComm},
		{&pyro.ConnError{Op: "call x on", Addr: "PYRO:x@h:1", Err: context.DeadlineExceeded}, ExitComm},
		{&pyro.ProtocolError{Addr: "PYRO:x@h:1", Err: io.ErrUnexpectedEOF}, ExitComm},
		{errors.New("anything else"), ExitComm},
		{context.Canceled, ExitInterrupted},
		{StatusError(2), 2},
	}
	for _, c := range cases {
		if got := ExitCode(c.err); got != c.want {
			t.Errorf("ExitCode(%v) = %d, want %d", c.err, got, c.want)
		}
	}
}
