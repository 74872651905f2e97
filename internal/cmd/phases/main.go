// Command phases reads CPU profiles of relatoria ingest
// (RELATORIA_CPUPROFILE=FILE relatoria ingest …) and prints where the CPU
// time went, by phase of the pipeline: reading files, normalising,
// OCR repair, structure, extraction, lineage, building records, analysis,
// writing segments, persisting, merging and the garbage collector.
//
//	go run ./internal/cmd/phases base.prof [new.prof]
//
// Each sample goes to the first phase of the list (phaseRules, in order)
// that one of its stack's frames belongs to, so that work a phase asks of
// another (lineage reading a paragraph back from the index) counts for the
// one that asked. With two profiles it prints them side by side.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"strings"

	"google.golang.org/protobuf/encoding/protowire"
)

// rule assigns a sample to a phase when one of its frames' function names
// or files contains one of funcs or files.
type rule struct {
	phase        string
	funcs, files []string
}

// phaseRules are the phases, in the order they are tried.
var phaseRules = []rule{
	{phase: "lineage", funcs: []string{"relatoria/relatoria/lineage.", "relatoria/relatoria/linestore.", "relatoria/relatoria/recur"},
		files: []string{"/index/lineage.go", "/index/linepairs.go", "/index/linestore.go", "/index/recurs.go"}},
	{phase: "merge", funcs: []string{"scorch.(*Scorch).mergerLoop", "scorch.(*Scorch).ForceMerge", "scorch.(*Scorch).planMergeAtSnapshot", "scorch.mergeSegmentBases", "zapx/v17.Merge", "zapx/v17.MergeToWriter"}},
	{phase: "persist", funcs: []string{"scorch.(*Scorch).persisterLoop", "scorch.(*Scorch).persistSnapshot"}},
	{phase: "analyse", funcs: []string{"relatoria/relatoria/index.(*textField).Analyze", "relatoria/relatoria/index.(*keywordsField).Analyze"}},
	{phase: "write segments", funcs: []string{"scorch.(*Scorch).Batch", "scorch.(*Scorch).introducerLoop", "zapx/v17.New", "scorch.(*Builder)", "zapx/v17.(*ZapPlugin).New"}},
	{phase: "records", funcs: []string{"relatoria/relatoria/index."}},
	{phase: "repair", funcs: []string{"relatoria/relatoria/ingest/ocr."}},
	{phase: "extract", funcs: []string{"relatoria/relatoria/ingest/extract.", "relatoria/relatoria/entity.", "relatoria/relatoria/ingest.annotate"}},
	{phase: "normalise", funcs: []string{"relatoria/relatoria/spanish.", "relatoria/relatoria/ingest.joinLines"}},
	{phase: "structure", funcs: []string{"relatoria/relatoria/ingest.structure", "relatoria/relatoria/ingest.build", "relatoria/relatoria/corpus."},
		files: []string{"/ingest/structure.go", "/ingest/boilerplate.go", "/ingest/furniture.go"}},
	{phase: "read", funcs: []string{"ledongthuc/pdf", "golang.org/x/net/html", "golang.org/x/text", "relatoria/relatoria/ingest.", "crypto/sha256", "os.ReadFile", "io.ReadAll"}},
	{phase: "gc", funcs: []string{"runtime.gcBgMarkWorker", "runtime.bgsweep", "runtime.bgscavenge", "runtime.gcMarkTermination", "runtime.forEachG"}},
}

func main() {
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: phases PROFILE [PROFILE2]")
		flag.PrintDefaults()
	}
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("phases: ")
	if flag.NArg() < 1 || flag.NArg() > 2 {
		flag.Usage()
		os.Exit(2)
	}
	var tables []map[string]float64
	for _, path := range flag.Args() {
		t, err := phasesOf(path)
		if err != nil {
			log.Fatal(err)
		}
		tables = append(tables, t)
	}
	order := []string{}
	for _, r := range phaseRules {
		order = append(order, r.phase)
	}
	order = append(order, "other", "total")
	if len(tables) == 1 {
		fmt.Println("| phase | CPU s | share |\n| --- | --- | --- |")
		for _, p := range order {
			fmt.Printf("| %s | %.2f | %.0f%% |\n", p, tables[0][p], 100*tables[0][p]/tables[0]["total"])
		}
		return
	}
	fmt.Println("| phase | CPU s, first | CPU s, second | change |\n| --- | --- | --- | --- |")
	for _, p := range order {
		a, b := tables[0][p], tables[1][p]
		fmt.Printf("| %s | %.2f | %.2f | %+.2f |\n", p, a, b, b-a)
	}
}

// phasesOf returns the CPU seconds of each phase in the profile at path,
// and their total under "total".
func phasesOf(path string) (map[string]float64, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if data, err = io.ReadAll(zr); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	p, err := parseProfile(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := map[string]float64{}
	memo := map[string]string{} // a stack's key → its phase
	for _, s := range p.samples {
		if len(s.values) == 0 {
			continue
		}
		v := float64(s.values[len(s.values)-1]) / 1e9 // CPU nanoseconds
		key := fmt.Sprint(s.locations)
		phase, ok := memo[key]
		if !ok {
			phase = p.classify(s.locations)
			memo[key] = phase
		}
		out[phase] += v
		out["total"] += v
	}
	return out, nil
}

// profile is what phases needs of a pprof profile.
type profile struct {
	samples   []sample
	locations map[uint64][]uint64 // location → its functions, innermost first
	functions map[uint64][2]int64 // function → name and file, as string indexes
	strings   []string
}

type sample struct {
	locations []uint64 // leaf first
	values    []int64
}

// classify returns the phase of a stack.
func (p *profile) classify(locs []uint64) string {
	type frame struct{ name, file string }
	var frames []frame
	for _, l := range locs {
		for _, f := range p.locations[l] {
			fn := p.functions[f]
			frames = append(frames, frame{p.str(fn[0]), p.str(fn[1])})
		}
	}
	for _, r := range phaseRules {
		for _, f := range frames {
			for _, s := range r.funcs {
				if strings.Contains(f.name, s) {
					return r.phase
				}
			}
			for _, s := range r.files {
				if strings.HasSuffix(f.file, s) {
					return r.phase
				}
			}
		}
	}
	return "other"
}

func (p *profile) str(i int64) string {
	if i < 0 || int(i) >= len(p.strings) {
		return ""
	}
	return p.strings[i]
}

// parseProfile decodes the fields of profile.proto that phases reads.
func parseProfile(b []byte) (*profile, error) {
	p := &profile{locations: map[uint64][]uint64{}, functions: map[uint64][2]int64{}}
	err := fields(b, func(num protowire.Number, typ protowire.Type, v []byte, x uint64) error {
		switch num {
		case 2: // sample
			var s sample
			err := fields(v, func(num protowire.Number, typ protowire.Type, v []byte, x uint64) error {
				switch num {
				case 1:
					s.locations = appendVarints(s.locations, typ, v, x)
				case 2:
					for _, u := range appendVarints(nil, typ, v, x) {
						s.values = append(s.values, int64(u))
					}
				}
				return nil
			})
			p.samples = append(p.samples, s)
			return err
		case 4: // location
			var id uint64
			var fns []uint64
			err := fields(v, func(num protowire.Number, typ protowire.Type, v []byte, x uint64) error {
				switch num {
				case 1:
					id = x
				case 4: // line
					return fields(v, func(num protowire.Number, _ protowire.Type, _ []byte, x uint64) error {
						if num == 1 {
							fns = append(fns, x)
						}
						return nil
					})
				}
				return nil
			})
			p.locations[id] = fns
			return err
		case 5: // function
			var id uint64
			var nf [2]int64
			err := fields(v, func(num protowire.Number, _ protowire.Type, _ []byte, x uint64) error {
				switch num {
				case 1:
					id = x
				case 2:
					nf[0] = int64(x)
				case 4:
					nf[1] = int64(x)
				}
				return nil
			})
			p.functions[id] = nf
			return err
		case 6:
			p.strings = append(p.strings, string(v))
		}
		return nil
	})
	return p, err
}

// fields calls f with each field of the message b: a varint's value in x,
// a length-delimited field's bytes in v.
func fields(b []byte, f func(num protowire.Number, typ protowire.Type, v []byte, x uint64) error) error {
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return protowire.ParseError(n)
		}
		b = b[n:]
		var v []byte
		var x uint64
		switch typ {
		case protowire.VarintType:
			x, n = protowire.ConsumeVarint(b)
		case protowire.BytesType:
			v, n = protowire.ConsumeBytes(b)
		default:
			n = protowire.ConsumeFieldValue(num, typ, b)
		}
		if n < 0 {
			return protowire.ParseError(n)
		}
		b = b[n:]
		if err := f(num, typ, v, x); err != nil {
			return err
		}
	}
	return nil
}

// appendVarints appends a repeated varint field's values: one value, or a
// packed list.
func appendVarints(dst []uint64, typ protowire.Type, v []byte, x uint64) []uint64 {
	if typ == protowire.VarintType {
		return append(dst, x)
	}
	for len(v) > 0 {
		u, n := protowire.ConsumeVarint(v)
		if n < 0 {
			break
		}
		dst = append(dst, u)
		v = v[n:]
	}
	return dst
}
