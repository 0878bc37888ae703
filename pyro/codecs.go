package pyro

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pyrosh/pyrosh/pyro/codec"
	jsoncodec "github.com/pyrosh/pyrosh/pyro/codec/json"
	"github.com/pyrosh/pyrosh/pyro/codec/marshal"
	"github.com/pyrosh/pyrosh/pyro/codec/msgpack"
	"github.com/pyrosh/pyrosh/pyro/codec/pickle"
	"github.com/pyrosh/pyrosh/pyro/codec/serpent"
)

// codecs holds every serializer pyrosh speaks, by Pyro4 name.
var codecs = index(serpent.Codec{}, jsoncodec.Codec{}, marshal.Codec{}, msgpack.Codec{}, pickle.Codec{})

func index(cs ...codec.Codec) map[string]codec.Codec {
	m := make(map[string]codec.Codec, len(cs))
	for _, c := range cs {
		m[c.Name()] = c
	}
	return m
}

// Serializers lists the serializer names pyrosh speaks, sorted.
func Serializers() []string {
	names := make([]string, 0, len(codecs))
	for n := range codecs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Codec returns the serializer called name.
func Codec(name string) (codec.Codec, error) {
	if name == "" {
		name = "serpent"
	}
	if c, ok := codecs[strings.ToLower(name)]; ok {
		return c, nil
	}
	switch strings.ToLower(name) {
	case "dill", "cloudpickle":
		return nil, pickle.Unsupported(strings.ToLower(name))
	}
	return nil, fmt.Errorf("unknown serializer %q (choose from %s)", name, strings.Join(Serializers(), ", "))
}

// codecsByID holds codecs by Pyro4 serializer id: every reply's id is
// looked up, and ranging over the map cost more than the rest of the
// reply's header.
// Pyro4's ids are small (1 to 7).
var codecsByID = func() (byID [16]codec.Codec) {
	for _, c := range codecs {
		byID[c.ID()] = c
	}
	return byID
}()

func codecByID(id uint16) (codec.Codec, bool) {
	if int(id) >= len(codecsByID) || codecsByID[id] == nil {
		return nil, false
	}
	return codecsByID[id], true
}

func serializerName(id uint16) string {
	if c, ok := codecByID(id); ok {
		return c.Name()
	}
	switch id {
	case codec.IDPickle:
		return "pickle"
	case codec.IDDill:
		return "dill"
	case codec.IDCloudpickle:
		return "cloudpickle"
	}
	return fmt.Sprintf("serializer %d", id)
}
