package pyro_test

import (
	"bytes"
	"testing"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/codec/serpent"
	"github.com/pyrosh/pyrosh/pyro/wire"
)

// A batch reply is a list with one result per call, or fewer ending in
// the exception that stopped the batch (Pyro4 daemon._handleRequest). A
// daemon that answers anything else gets a protocol error, not results
// silently missing and success.
func TestBatchReplyOutOfShapeIsProtocolError(t *testing.T) {
	calls := []pyro.BatchCall{{Method: "bomb"}, {Method: "bomb"}}
	for _, reply := range []string{"'not a list'", "None", "[1]", "[1, 2, 3]", "{1: 2}"} {
		var frame bytes.Buffer
		if err := wire.Write(&frame, &wire.Message{Type: wire.Result, SerializerID: codec.IDSerpent, Data: []byte(serpent.Header + reply)}, nil); err != nil {
			t.Fatal(err)
		}
		p, err := pyro.Dial(faultCtx(t, faultDeadline), replyPeer(t, frame.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		res, err := p.Batch(faultCtx(t, faultDeadline), calls)
		p.Close()
		if err == nil {
			t.Errorf("batch reply %s: results %v and no error", reply, res)
			continue
		}
		wantKind(t, err, "protocol")
	}
}
