package completion

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// bigSources binds obj to an object with 10,000 methods (a tenth of them
// oneway) and 100 attributes, in no particular order.
func bigSources() *Sources {
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"get", "set", "echo", "list", "make", "fire", "count", "read", "write", "Reset"}
	var obj Object
	for i := range 10000 {
		name := fmt.Sprintf("%s_%s_%04d", words[rng.IntN(len(words))], words[rng.IntN(len(words))], i)
		obj.Methods = append(obj.Methods, name)
		if i%10 == 0 {
			obj.Oneway = append(obj.Oneway, name)
		}
	}
	for i := range 100 {
		obj.Attrs = append(obj.Attrs, fmt.Sprintf("attr_%03d", i))
	}
	rng.Shuffle(len(obj.Methods), func(i, j int) { obj.Methods[i], obj.Methods[j] = obj.Methods[j], obj.Methods[i] })
	return &Sources{Objects: map[string]Object{"obj": obj}, Variables: []string{"_", "r"}}
}

// BenchmarkComplete10k completes on an object with 10,000 methods, with
// the metadata shuffled and, as the shell keeps it, sorted.
func BenchmarkComplete10k(b *testing.B) {
	shuffled := bigSources()
	sorted := bigSources()
	obj := sorted.Objects["obj"]
	slices.Sort(obj.Methods)
	slices.Sort(obj.Oneway)
	shell := bigSources()
	shell.Objects["obj"] = obj
	shell.Max = 200 // what the shell asks for
	for _, order := range []struct {
		name string
		src  *Sources
	}{{"sorted", sorted}, {"shuffled", shuffled}, {"shell", shell}} {
		b.Run(order.name, func(b *testing.B) { benchmarkComplete(b, order.src) })
	}
}

func benchmarkComplete(b *testing.B, src *Sources) {
	for _, bc := range []struct{ name, text string }{
		{"prefix", "x = obj.echo_li"},
		{"fuzzy", "obj.ecls12"},
		{"transposed", "obj.ehc_lsit_01"},
		{"nomatch", "obj.zzz"},
		{"all", "obj."},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			var n int
			for b.Loop() {
				n = len(Complete(bc.text, len(bc.text), src).Candidates)
			}
			b.ReportMetric(float64(n), "candidates")
		})
	}
}
