package pickle

import (
	"math"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// firstResult decodes the first RESULT payload of a capture.
func firstResult(t *testing.T, name string) py.Value {
	t.Helper()
	for _, m := range codectest.CapturesIn(t, codec.IDPickle, name+".json") {
		if m.Dir != "server->client" || m.Type != 5 {
			continue
		}
		v, err := New().Decode(m.Payload)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return v
	}
	t.Fatalf("%s: no RESULT", name)
	return nil
}

func TestGoldenShapes(t *testing.T) {
	tb := "['Traceback (most recent call last):\\n', "
	cases := []struct{ file, want string }{
		{"pickle/result_datetime", "datetime.datetime(2024, 1, 2, 3, 4, 5, 678900)"},
		{"pickle/result_datetime_tz", "datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)"},
		{"pickle/result_date", "datetime.date(2024, 1, 2)"},
		{"pickle/result_time", "datetime.time(3, 4, 5, 6)"},
		{"pickle/result_timedelta", "datetime.timedelta(days=1, seconds=3, microseconds=5)"},
		{"pickle/result_decimal", "Decimal('3.14159265358979323846')"},
		{"pickle/result_uuid", "UUID('12345678-1234-5678-1234-567812345678')"},
		{"pickle/result_array_int", "array('i', [1, 2, 3])"},
		{"pickle/result_array_unicode", "array('u', 'hi')"},
		{"pickle/result_ordered_dict", "OrderedDict([('z', 1), ('a', 2)])"},
		{"pickle/result_bytearray", "bytearray(b'\\x00ba')"},
		{"pickle/result_uri", "{'__class__': 'Pyro4.core.URI', 'state': ('PYRO', 'child.a', None, '127.0.0.1', 45151)}"},
		{"nameserver/pickle/lookup", "{'__class__': 'Pyro4.core.URI', 'state': ('PYRO', 'Example', None, '127.0.0.1', 45151)}"},
		{"pickle/result_proxy", "{'__class__': '__main__.Child', '_name': 'a', '_pyroId': 'child.a', '_pyroDaemon': None}"},
		{"pickle/result_exception_object", "{'__class__': 'builtins.ValueError', '__exception__': True, 'args': ('as a value', 1), 'attributes': {}}"},
		{"pickle/stream_iterator", "{'__class__': 'Pyro4.errors.ProtocolError', '__exception__': True, 'args': ('result of call is an iterator',), 'attributes': {'_pyroTraceback': None}}"},
		{"pickle/exception_zerodivision", "{'__class__': 'builtins.ZeroDivisionError', '__exception__': True, 'args': ('division by zero',), 'attributes': {'_pyroTraceback': " + tb},
		{"pickle/batch_exception", "['hello', {'__class__': 'Pyro4.futures._ExceptionWrapper', 'exception': {'__class__': 'builtins.ZeroDivisionError', '__exception__': True, 'args': ('division by zero',), 'attributes': {'_pyroTraceback': " + tb},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			got := py.Repr(firstResult(t, c.file))
			if strings.HasSuffix(c.want, tb) {
				if !strings.HasPrefix(got, c.want) {
					t.Errorf("got  %s\nwant %s...", got, c.want)
				}
				return
			}
			if got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

func TestGoldenComplexNegativeZero(t *testing.T) {
	v := firstResult(t, "pickle/result_complex_neg_zero_imag")
	c, ok := v.(py.Complex)
	if !ok || real(c) != 1 || imag(c) != 0 || !math.Signbit(imag(c)) {
		t.Errorf("got %#v, want complex(1, -0.0)", v)
	}
}
