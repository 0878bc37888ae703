package wire_test

import (
	"bytes"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/pyrotest"
	"github.com/pyrosh/pyrosh/pyro/wire"
)

var record = flag.String("record", "", "write the traffic recorded through the relay as JSON captures into this directory")

// TestRecordedTrafficDecodes records real Pyro4 traffic — a Python proxy
// calling a Python daemon through a relay — and checks that every message
// in both directions decodes. With -record DIR it also writes the captures
// as fixtures, the way pyro/testdata/vectors were made.
func TestRecordedTrafficDecodes(t *testing.T) {
	for _, ser := range []string{"serpent", "json", "marshal", "msgpack", "pickle"} {
		t.Run(ser, func(t *testing.T) {
			d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{HMACKey: "relay-key", Compression: true})
			relay := pyrotest.StartRelay(t, d.Location)
			uri := strings.Replace(d.URI("Thing"), d.Location, relay.Addr, 1)
			calls := []string{`echo([1, "two", 3.5, None])`, `add(2, 3)`, `divide(1, 0)`, `value`, `count(3)`, `fire(1)`, `big(50)`}
			res := pyrotest.PyCallsWith(t, uri, pyrotest.CallOptions{Serializer: ser, HMACKey: "relay-key"}, calls...)
			frames := relay.Frames()
			if len(frames) < 2*len(calls) {
				t.Fatalf("recorded %d frames for %d calls", len(frames), len(calls))
			}
			opts := &wire.Options{HMACKey: []byte("relay-key")}
			types := map[wire.MsgType]int{}
			for i, f := range frames {
				raw, err := hex.DecodeString(f.Hex)
				if err != nil {
					t.Fatal(err)
				}
				m, err := wire.Read(bytes.NewReader(raw), opts)
				if err != nil {
					t.Fatalf("frame %d (%s): %v", i, f.Direction, err)
				}
				types[m.Type]++
			}
			if types[wire.Connect] == 0 || types[wire.ConnectOK] == 0 || types[wire.Invoke] < len(calls) || types[wire.Result] < len(calls)-1 {
				t.Fatalf("message types seen: %v", types)
			}
			if *record != "" {
				if err := os.MkdirAll(*record, 0o755); err != nil {
					t.Fatal(err)
				}
				c := pyrotest.Capture{Title: fmt.Sprintf("Thing calls through a relay (%s, hmac, compression)", ser), Serializer: ser, Outcome: res[len(res)-1], Wire: frames}
				if err := pyrotest.WriteCapture(filepath.Join(*record, "relay_"+ser+".json"), c); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}
