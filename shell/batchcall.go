package shell

import (
	"context"
	"errors"
	"fmt"

	"github.com/pyrosh/pyrosh/completion"
	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/shell/lang"
)

// pendingBatch holds the calls typed between :batch and :end. They go to
// one object in one Pyro batch request (Pyro4 core.BatchProxy), so their
// arguments are evaluated as each is typed, and the object is the one
// the first call names.
type pendingBatch struct {
	target *remote
	name   string // as the first call wrote it, for error messages
	calls  []pyro.BatchCall
}

func (s *session) metaBatch(_ context.Context, args []string) error {
	switch {
	case len(args) == 1 && args[0] == "cancel":
		if s.batch == nil {
			return usagef("no batch to cancel")
		}
		s.cancelBatch()
		return nil
	case len(args) != 0:
		return usagef("usage: :batch (then calls, then :end), or :batch cancel")
	case s.batch != nil:
		return usagef("a batch is already being collected (%d %s): :end sends it, :batch cancel drops it",
			len(s.batch.calls), plural(len(s.batch.calls), "call", "calls"))
	}
	s.batch = &pendingBatch{}
	s.confirmf("batch: the calls go out together at :end (:batch cancel drops them)")
	return nil
}

// addToBatch records a call statement typed while a batch is collected.
func (s *session) addToBatch(ctx context.Context, st lang.Stmt) error {
	es, ok := st.(*lang.ExprStmt)
	var call *lang.Call
	var attr *lang.Attr
	if ok {
		call, ok = es.X.(*lang.Call)
	}
	if ok {
		attr, ok = call.Fn.(*lang.Attr)
	}
	if !ok {
		return usagef("only remote calls like obj.method(1, 2) can go in a batch (:end sends it, :batch cancel drops it)")
	}
	r, err := s.remoteOf(ctx, attr.X)
	if err != nil {
		return err
	}
	b := s.batch
	if b.target != nil && b.target != r {
		return usagef("a batch goes to one object: this one is for %s", b.name)
	}
	// The daemon looks every method of a batch up before running any, so
	// one unknown name would fail them all: say so as it is typed.
	md, err := s.metadata(ctx, r)
	if err != nil {
		return err
	}
	if hasMeta(md) && !md.HasMethod(attr.Name) {
		if md.HasAttr(attr.Name) {
			return usagef("%s is an attribute: a batch holds method calls only", attr.Name)
		}
		msg := fmt.Sprintf("%s has no method '%s'", exprText(attr.X), attr.Name)
		if near := completion.Closest(attr.Name, md.Methods, 1); len(near) > 0 {
			msg += fmt.Sprintf(" (did you mean %q?)", near[0])
		}
		return localf("AttributeError", "%s; not added to the batch", msg)
	}
	args, kwargs, err := s.arguments(ctx, call, nil) // kept in the batch
	if err != nil {
		return err
	}
	if b.target == nil {
		b.target = r
		b.name = exprText(attr.X)
	}
	b.calls = append(b.calls, pyro.BatchCall{Method: attr.Name, Args: args, Kwargs: kwargs})
	return nil
}

// exprText names the object of a call for a message: obj, r[0].child.
func exprText(x lang.Expr) string {
	switch x := x.(type) {
	case *lang.Name:
		return x.Name
	case *lang.Attr:
		return exprText(x.X) + "." + x.Name
	}
	return "that object"
}

// metaEnd sends the collected calls as one batch request and prints each
// result in order; if a call raised, the results before it, then its
// exception, and how many calls did not run.
func (s *session) metaEnd(ctx context.Context, args []string) error {
	if len(args) != 0 {
		return usagef(":end takes no arguments")
	}
	b := s.batch
	if b == nil {
		return usagef("no batch to send: start one with :batch")
	}
	s.batch = nil
	if len(b.calls) == 0 {
		s.infof("empty batch: nothing sent")
		return nil
	}
	p, err := s.dial(ctx, b.target)
	if err != nil {
		return err
	}
	cctx, cancel := s.callCtx(ctx)
	defer cancel()
	results, err := p.Batch(cctx, b.calls)
	for _, v := range results {
		if v == nil {
			v = py.None
		}
		if perr := s.show(ctx, v); perr != nil {
			return perr
		}
	}
	var remote *pyro.RemoteError
	if errors.As(err, &remote) {
		if n := len(b.calls) - len(results) - 1; n > 0 {
			return &batchError{err: err, notRun: n}
		}
	}
	return err
}

// batchError is a batch stopped by a call that raised: the exception,
// and the calls after it that the daemon did not run.
type batchError struct {
	err    error
	notRun int
}

func (e *batchError) Error() string {
	return fmt.Sprintf("%v (%d more %s not run)", e.err, e.notRun, plural(e.notRun, "call", "calls"))
}

func (e *batchError) Unwrap() error { return e.err }

// cancelBatch drops the batch being collected (:batch cancel, or Ctrl+D at
// the batch> prompt) and says how many calls were not sent.
func (s *session) cancelBatch() {
	n := len(s.batch.calls)
	s.batch = nil
	s.confirmf("batch cancelled (%d %s not sent)", n, plural(n, "call", "calls"))
}
