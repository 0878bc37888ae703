package wire

import (
	"bytes"
	"compress/zlib"
)

// minCompressSize is the payload size below which Pyro4 does not try to
// compress (SerializerBase.__compressdata in util.py).
const minCompressSize = 200

// compress returns data zlib-compressed at the default level, as Python's
// zlib.compress, if that is worth it: Compress is set, the message is not
// a PING, the payload has at least 200 bytes and shrinks strictly.
func compress(t MsgType, data []byte, o *Options) ([]byte, bool) {
	if o == nil || !o.Compress || t == Ping || len(data) < minCompressSize {
		return data, false
	}
	var buf bytes.Buffer
	buf.Grow(len(data) / 2)
	zw := zlib.NewWriter(&buf)
	// Writes to a bytes.Buffer cannot fail.
	zw.Write(data)
	zw.Close()
	if buf.Len() >= len(data) {
		return data, false
	}
	return buf.Bytes(), true
}
