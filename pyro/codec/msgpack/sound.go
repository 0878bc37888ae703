package msgpack

import (
	"unicode/utf8"

	"github.com/pyrosh/pyrosh/pyro/codec"
)

// Sound implements codec.SoundChecker: it walks data's type bytes and
// lengths to the end, as decode reads them, checking bounds, depth,
// UTF-8, Pyro4's ext types and the budget decode would charge (to b,
// which it spends), and reports true only when decode of data under the
// same budget succeeds. It allocates nothing but for a big int ext. A
// map key other than an int, str, bool or nil (one a dict may refuse) is
// left to decode: Sound reports false.
func (Codec) Sound(data []byte, b *codec.Budget) bool {
	d := decoder{data: data, budget: codec.BudgetFor(b, len(data))}
	return d.sound(false) && d.pos == len(d.data)
}

// sound is value without building it; key restricts it to the map keys
// every dict takes.
func (d *decoder) sound(key bool) bool {
	at := d.pos
	if d.pos >= len(d.data) {
		return false
	}
	c := d.data[d.pos]
	d.pos++
	switch {
	case c <= 0x7f || c >= 0xe0:
		return true
	case c <= 0x8f:
		return !key && d.soundContainer(int(c&0x0f), true, at)
	case c <= 0x9f:
		return !key && d.soundContainer(int(c&0x0f), false, at)
	case c <= 0xbf:
		return d.soundStr(int(c&0x1f), at)
	case c >= 0xca && c <= 0xd3:
		// A float or int of a fixed size.
		n := scalarSize[c-0xca]
		if n > len(d.data)-d.pos {
			return false
		}
		d.pos += n
		return !key || c >= 0xcc
	}
	switch c {
	case 0xc0, 0xc2, 0xc3:
		return true
	case 0xc4, 0xc5, 0xc6:
		n, err := d.length(1<<(c-0xc4), 1)
		if key || err != nil || d.charge(n, at) != nil {
			return false
		}
		d.pos += n
		return true
	case 0xc7, 0xc8, 0xc9:
		n, err := d.length(1<<(c-0xc7), 1)
		if key || err != nil {
			return false
		}
		_, err = d.ext(n, at)
		return err == nil
	case 0xd4, 0xd5, 0xd6, 0xd7, 0xd8:
		if key {
			return false
		}
		_, err := d.ext(1<<(c-0xd4), at)
		return err == nil
	case 0xd9, 0xda, 0xdb:
		n, err := d.length(1<<(c-0xd9), 1)
		return err == nil && d.soundStr(n, at)
	case 0xdc, 0xdd:
		n, err := d.length(2<<(c-0xdc), 1)
		return !key && err == nil && d.soundContainer(n, false, at)
	case 0xde, 0xdf:
		n, err := d.length(2<<(c-0xde), 2)
		return !key && err == nil && d.soundContainer(n, true, at)
	}
	return false
}

// scalarSize is the size after the type byte of 0xca (float32) to 0xd3
// (int64).
var scalarSize = [...]int{4, 8, 1, 2, 4, 8, 1, 2, 4, 8}

func (d *decoder) soundStr(n, at int) bool {
	if n > len(d.data)-d.pos {
		return false
	}
	b := d.data[d.pos : d.pos+n]
	d.pos += n
	return utf8.Valid(b) && d.budget.Charge(n)
}

// soundContainer is arrayN (n values) or mapN (n pairs) without
// building it: the same depth, bounds and charge.
func (d *decoder) soundContainer(n int, isMap bool, at int) bool {
	slots := n
	if isMap {
		slots = 2 * n
	}
	if d.enter(at) != nil || slots > len(d.data)-d.pos || d.charge(slots*codec.ValueCost, at) != nil {
		return false
	}
	for i := 0; i < slots; i++ {
		if !d.sound(isMap && i%2 == 0) {
			return false
		}
	}
	d.depth--
	return true
}
