// Command bench measures relatoria at scale and, when the project's peer
// scripts are at hand, PostgreSQL full-text search and Xapian on the same
// paragraphs and queries, in the same run.
//
//	go run ./internal/cmd/bench -n 100000 -out /tmp/bench -peers ../shared/tools/peers
//
// It writes a corpus of n paragraphs recombined from real Spanish sentences
// (text, one document in ten as HTML, one in twenty as PDF; reproducible
// from -seed), runs "relatoria ingest" on it as a separate process (end to
// end: parsing, OCR repair, extraction, indexing) and measures its time,
// CPU time, peak memory (RSS) and index size, times a second, incremental run over the
// unchanged corpus, then times the queries of testdata/queries.txt (50
// analyst queries: words and quoted phrases, which every engine runs; hits
// with facets and highlights), cold (the first run of each on a freshly
// opened index) and warm (-reps runs), and apart those of
// testdata/queries-filters.txt (words with filters and exclusions, which
// only relatoria has). It prints a table and writes OUT/results.json.
//
// -steps K adds the corpus to the index in K runs, to see how adding a
// document costs as the index grows; -rounds R repeats the ingest into
// fresh indexes and reports medians; -lineage-ab runs every ingest with
// lineage off and on, back to back (off first in odd rounds, on first in
// even ones, alternating from step to step), and prints what lineage
// adds:
//
//	go run ./internal/cmd/bench -n 100000 -dated -rounds 5 -lineage-ab
//	go run ./internal/cmd/bench -n 1000000 -dated -steps 10 -lineage-ab
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/search"
)

type result struct {
	Engine       string  `json:"engine"`
	Paragraphs   int     `json:"paragraphs"`
	LoadSeconds  float64 `json:"load_seconds"`
	ParagraphsPS float64 `json:"paragraphs_per_second"`
	MBPerSecond  float64 `json:"mb_per_second,omitempty"`
	PeakRSSMB    float64 `json:"peak_rss_mb,omitempty"`
	// LoadCPUSeconds is the user and system CPU time of the ingest: on
	// a machine others share, a steadier figure than its wall time.
	LoadCPUSeconds float64 `json:"load_cpu_seconds,omitempty"`
	IndexMB        float64 `json:"index_mb"`
	RerunSeconds   float64 `json:"rerun_seconds,omitempty"`
	ColdP50ms      float64 `json:"cold_p50_ms,omitempty"`
	ColdP99ms      float64 `json:"cold_p99_ms,omitempty"`
	P50ms          float64 `json:"p50_ms"`
	P95ms          float64 `json:"p95_ms"`
	P99ms          float64 `json:"p99_ms,omitempty"`
	// QueryCPUms is the CPU time (user and system) of the warm queries
	// over their number: on a machine others share, steadier than their
	// latencies. A peer that reports none leaves it 0.
	QueryCPUms float64 `json:"query_cpu_ms,omitempty"`
	Queries    int     `json:"queries"`
	CorpusMB   float64 `json:"corpus_mb,omitempty"`
	Notes      string  `json:"notes,omitempty"`
	// Runs are the ingest's runs with -steps, -rounds or -lineage-ab.
	Runs []ingestRun `json:"runs,omitempty"`
}

// ingestRun is one run of relatoria ingest: with -steps, one slice of the
// corpus added to the index the earlier steps of its round built.
type ingestRun struct {
	Round      int     `json:"round"`
	Step       int     `json:"step"`
	Lineage    string  `json:"lineage"`         // "on" or "off"
	Documents  int     `json:"documents"`       // added by this run
	IndexDocs  int     `json:"index_documents"` // in the index after it
	Seconds    float64 `json:"seconds"`
	CPUSeconds float64 `json:"cpu_seconds"`
}

func main() {
	n := flag.Int("n", 100_000, "paragraphs in the corpus")
	out := flag.String("out", "/tmp/relatoria-bench", "working folder (corpus, indexes, results)")
	src := flag.String("src", "../shared/corpora,../shared/seeds", "comma-separated folders of real Spanish text to draw sentences from")
	seed := flag.Uint64("seed", 7, "random seed of the corpus")
	dated := flag.Bool("dated", false, "write each document as a resolution with an adoption date (dates run forward with the document number, one in four out of order), as lineage's flags compare dates")
	queries := flag.String("queries", "internal/cmd/bench/testdata/queries.txt", "queries, one a line (for every engine)")
	filters := flag.String("filters", "internal/cmd/bench/testdata/queries-filters.txt", "queries with filters, one a line (relatoria only; empty: none)")
	reps := flag.Int("reps", 5, "timed runs of each query")
	peers := flag.String("peers", "", "folder of the peer scripts (pg-fts, xapian); empty: relatoria only")
	reuse := flag.Bool("reuse", false, "time the queries on the index a previous run left, without ingesting again")
	steps := flag.Int("steps", 1, "ingest the corpus in this many runs, each adding the next slice of its documents (by name) to the index, and time each: how the cost of adding a document grows with the index")
	rounds := flag.Int("rounds", 1, "ingest the corpus this many times, each into a fresh index, and report medians (the machine's speed drifts)")
	lineageAB := flag.Bool("lineage-ab", false, "time every ingest run with lineage off (RELATORIA_LINEAGE=off, into a second index) and on, back to back, which goes first alternating from run to run, and report what lineage adds, run by run; the queries run on the index with lineage on")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the warm queries to this file")
	memProfile := flag.String("memprofile", "", "write a profile of the memory the warm queries allocate to this file")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("bench: ")

	corpusDir := filepath.Join(*out, fmt.Sprintf("corpus-%d-%d", *n, *seed))
	if *dated {
		corpusDir += "-dated"
	}
	if _, err := os.Stat(filepath.Join(corpusDir, "corpus.jsonl")); err != nil {
		sents, err := sentences(strings.Split(*src, ","))
		if err != nil {
			log.Fatal(err)
		}
		log.Printf("writing %d paragraphs from %d real sentences to %s", *n, len(sents), corpusDir)
		docs, err := writeCorpus(corpusDir, *n, sents, *seed, *dated)
		if err != nil {
			log.Fatal(err)
		}
		log.Printf("%d documents", docs)
	}
	qs := readQueries(*queries)
	var fqs []string
	if *filters != "" {
		fqs = readQueries(*filters)
	}
	corpusMB := dirMB(filepath.Join(corpusDir, "docs"))

	bin := filepath.Join(*out, "relatoria")
	if err := run(exec.Command("go", "build", "-o", bin, "./cmd/relatoria")); err != nil {
		log.Fatal(err)
	}
	var results []result
	if *steps < 1 || *rounds < 1 {
		log.Fatalf("-steps %d, -rounds %d: each at least 1", *steps, *rounds)
	}
	plan := ingestPlan{steps: *steps, rounds: *rounds, lineageAB: *lineageAB}
	results = append(results, benchRelatoria(bin, corpusDir, *n, plan, corpusMB, qs, fqs, *reps, *reuse, *cpuProfile, *memProfile)...)
	if *peers != "" {
		for _, peer := range []string{"pg-fts", "xapian"} {
			r, err := benchPeer(filepath.Join(*peers, peer), peer, corpusDir, *queries, *n, *reps)
			if err != nil {
				log.Printf("%s: %v (skipped)", peer, err)
				continue
			}
			r.Queries = len(qs) // the same file of queries
			results = append(results, r)
		}
	}
	printTable(results)
	printRuns(results)
	data, _ := json.MarshalIndent(results, "", "  ")
	name := fmt.Sprintf("results-%d.json", *n)
	if *reuse {
		name = fmt.Sprintf("results-%d-queries.json", *n) // the full run's results stay
	}
	os.WriteFile(filepath.Join(*out, name), append(data, '\n'), 0o644)
	log.Printf("wrote %s", filepath.Join(*out, name))
}

// benchRelatoria ingests the corpus (unless reuse) and times the queries
// qs, then the filter queries fqs: a result for each list.
func benchRelatoria(bin, corpusDir string, n int, plan ingestPlan, corpusMB float64, qs, fqs []string, reps int, reuse bool, cpuProfile, memProfile string) []result {
	idx := filepath.Join(corpusDir, "relatoria-index")
	r := result{Engine: "relatoria", Paragraphs: n, CorpusMB: corpusMB, Queries: len(qs)}
	if !reuse {
		ingestRelatoria(bin, corpusDir, idx, n, plan, corpusMB, &r)
	}
	r.IndexMB = dirMB(idx)
	ix, err := index.Open(idx)
	if err != nil {
		log.Fatal(err)
	}
	defer ix.Close()
	s := search.New(ix)
	// The garbage collector as relatoria serve sets it (tuneServing in
	// cmd/relatoria/gc.go), unless GOGC or GOMEMLIMIT say otherwise.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(768 << 20)
	}
	if cpuProfile != "" {
		f, err := os.Create(cpuProfile)
		if err != nil {
			log.Fatal(err)
		}
		pprof.StartCPUProfile(f) // the cold runs too, a small part
		defer pprof.StopCPUProfile()
	}
	timeQueries(s, qs, reps, &r)
	r.Notes = fmt.Sprintf("%d shards; facets and highlights on", ix.Shards())
	if os.Getenv("RELATORIA_LINEAGE") == "off" {
		r.Notes += "; lineage off (RELATORIA_LINEAGE=off)"
	}
	out := []result{r}
	if len(fqs) > 0 {
		f := result{Engine: "relatoria, filter queries", Paragraphs: n, IndexMB: r.IndexMB, Queries: len(fqs)}
		timeQueries(s, fqs, reps, &f)
		f.Notes = "words with filters (tipo:, entidad:, cita:, formato:, menciona:, ocr:) and exclusions; relatoria only"
		out = append(out, f)
	}
	if memProfile != "" {
		f, err := os.Create(memProfile)
		if err != nil {
			log.Fatal(err)
		}
		pprof.Lookup("allocs").WriteTo(f, 0)
		f.Close()
	}
	return out
}

// timeQueries runs each of qs once (cold), then reps times (warm), and sets
// the latencies of r. BENCH_VERBOSE=1 logs each query's median and hits.
func timeQueries(s *search.Searcher, qs []string, reps int, r *result) {
	ctx := context.Background()
	totals := map[string]uint64{}
	query := func(q string) time.Duration {
		t := time.Now()
		res, err := s.Search(ctx, search.Request{Query: q, Size: 10, Facets: true})
		if err != nil {
			log.Fatalf("query %q: %v", q, err)
		}
		d := time.Since(t)
		totals[q] = res.Total
		return d
	}
	var cold, warm []time.Duration
	for _, q := range qs {
		cold = append(cold, query(q))
	}
	cpu0 := cpuTime()
	for range reps {
		for _, q := range qs {
			warm = append(warm, query(q))
		}
	}
	if len(warm) > 0 {
		r.QueryCPUms = float64((cpuTime() - cpu0).Microseconds()) / 1000 / float64(len(warm))
	}
	r.ColdP50ms, r.ColdP99ms = pct(cold, 50), pct(cold, 99)
	r.P50ms, r.P95ms, r.P99ms = pct(warm, 50), pct(warm, 95), pct(warm, 99)
	if os.Getenv("BENCH_VERBOSE") != "" {
		for i, q := range qs {
			var ds []time.Duration
			for k := range reps {
				ds = append(ds, warm[k*len(qs)+i])
			}
			log.Printf("%8.2f ms %8d hits  %s", pct(ds, 50), totals[q], q)
		}
	}
}

// cpuTime returns the user and system CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// ingestPlan is how the bench runs the ingest: in how many steps, how
// many times, and whether with lineage off beside on.
type ingestPlan struct {
	steps, rounds int
	lineageAB     bool
}

// ingestRelatoria runs relatoria ingest on the corpus as plan says, then
// once more over the whole unchanged corpus, and records times (the
// median round's, lineage on), memory and size in r. The index at idx
// is the last round's with lineage on; with plan.lineageAB the one with
// it off is idx + "-lineage-off".
func ingestRelatoria(bin, corpusDir, idx string, n int, plan ingestPlan, corpusMB float64, r *result) {
	docsDir := filepath.Join(corpusDir, "docs")
	runs := [][]string{{docsDir}}
	if plan.steps > 1 {
		var err error
		if runs, err = sliceFiles(docsDir, plan.steps); err != nil {
			log.Fatal(err)
		}
	}
	modes := []string{"on"}
	if plan.lineageAB {
		modes = []string{"off", "on"}
	}
	dirOf := map[string]string{"on": idx, "off": idx + "-lineage-off"}
	var totals []float64 // seconds of each round with lineage on
	var cpus []float64
	for round := 1; round <= plan.rounds; round++ {
		for _, mode := range modes {
			os.RemoveAll(dirOf[mode])
		}
		var total, cpu float64
		done := 0
		for i, paths := range runs {
			done += len(paths)
			order := modes
			if plan.lineageAB && (round+i)%2 == 0 {
				// Every other run lineage on goes first: a machine
				// whose speed drifts favours neither side.
				order = []string{"on", "off"}
			}
			for _, mode := range order {
				cmd := exec.Command(bin, append([]string{"ingest", "-quiet", "-index", dirOf[mode]}, paths...)...)
				cmd.Env = os.Environ()
				if mode == "off" {
					cmd.Env = append(cmd.Env, "RELATORIA_LINEAGE=off")
				}
				start := time.Now()
				if err := run(cmd); err != nil {
					log.Fatalf("ingest (round %d, run %d of %d, lineage %s): %v", round, i+1, len(runs), mode, err)
				}
				ir := ingestRun{Round: round, Step: i + 1, Lineage: mode, Documents: len(paths), IndexDocs: done, Seconds: time.Since(start).Seconds()}
				if plan.steps == 1 {
					ir.Documents, ir.IndexDocs = 0, 0 // a folder: the documents are not counted
				}
				if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
					r.PeakRSSMB = max(r.PeakRSSMB, float64(ru.Maxrss)/1024)
					ir.CPUSeconds = time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
				}
				if mode == "on" {
					total += ir.Seconds
					cpu += ir.CPUSeconds
				}
				r.Runs = append(r.Runs, ir)
				log.Printf("round %d, run %d of %d, lineage %s: %.1f s (%.1f CPU s)", round, i+1, len(runs), mode, ir.Seconds, ir.CPUSeconds)
			}
		}
		totals, cpus = append(totals, total), append(cpus, cpu)
	}
	if plan.steps == 1 && plan.rounds == 1 && !plan.lineageAB {
		r.Runs = nil // the table says it all
	}
	r.LoadSeconds, r.LoadCPUSeconds = median(totals), median(cpus)
	r.ParagraphsPS = float64(n) / r.LoadSeconds
	r.MBPerSecond = corpusMB / r.LoadSeconds
	start := time.Now()
	if err := run(exec.Command(bin, "ingest", "-quiet", "-index", idx, docsDir)); err != nil {
		log.Fatalf("second ingest: %v", err)
	}
	r.RerunSeconds = time.Since(start).Seconds()
}

// median returns the median of xs (the mean of the middle two for an even
// count), 0 for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// sliceFiles returns the files of dir, by name, in k slices of nearly
// equal length.
func sliceFiles(dir string, k int) ([][]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range entries {
		if !e.IsDir() {
			files = append(files, filepath.Join(dir, e.Name()))
		}
	}
	if len(files) < k {
		return nil, fmt.Errorf("%s: %d files, fewer than the %d runs of -steps", dir, len(files), k)
	}
	out := make([][]string, k)
	for i := range k {
		out[i] = files[i*len(files)/k : (i+1)*len(files)/k]
	}
	return out, nil
}

// printRuns prints the ingest's runs: by step, the median over rounds of
// each mode's seconds and, with both modes, the median of the rounds'
// ratios of on to off (each round's two runs ran one after the other, so
// the machine's drift mostly cancels out in their ratio).
func printRuns(rs []result) {
	for _, r := range rs {
		if len(r.Runs) == 0 {
			continue
		}
		type key struct {
			step int
			mode string
		}
		secs, cpus := map[key][]float64{}, map[key][]float64{}
		ratios, cpuRatios := map[int][]float64{}, map[int][]float64{}
		docs, indexDocs := map[int]int{}, map[int]int{}
		steps := 0
		off := map[[2]int]ingestRun{}
		for _, ir := range r.Runs {
			k := key{ir.Step, ir.Lineage}
			secs[k], cpus[k] = append(secs[k], ir.Seconds), append(cpus[k], ir.CPUSeconds)
			docs[ir.Step], indexDocs[ir.Step] = ir.Documents, ir.IndexDocs
			steps = max(steps, ir.Step)
			if ir.Lineage == "off" {
				off[[2]int{ir.Round, ir.Step}] = ir
			}
		}
		// Each run with lineage on beside the one off of its round and
		// step, whichever went first.
		for _, ir := range r.Runs {
			if o, ok := off[[2]int{ir.Round, ir.Step}]; ok && ir.Lineage == "on" {
				ratios[ir.Step] = append(ratios[ir.Step], ir.Seconds/o.Seconds)
				cpuRatios[ir.Step] = append(cpuRatios[ir.Step], ir.CPUSeconds/o.CPUSeconds)
			}
		}
		fmt.Printf("\n| step | documents added | documents in the index | lineage on: s (CPU s) | ms a document | lineage off: s (CPU s) | on / off: time, CPU (median of rounds) |\n| --- | --- | --- | --- | --- | --- | --- |\n")
		for st := 1; st <= steps; st++ {
			on, offS := key{st, "on"}, key{st, "off"}
			perDoc, offCol, ratio := "—", "—", "—"
			if docs[st] > 0 {
				perDoc = fmt.Sprintf("%.2f", 1000*median(secs[on])/float64(docs[st]))
			}
			if len(secs[offS]) > 0 {
				offCol = fmt.Sprintf("%.1f (%.1f)", median(secs[offS]), median(cpus[offS]))
				ratio = fmt.Sprintf("%+.0f%%, %+.0f%% (%s)", 100*(median(ratios[st])-1), 100*(median(cpuRatios[st])-1), percents(ratios[st]))
			}
			fmt.Printf("| %d | %d | %d | %.1f (%.1f) | %s | %s | %s |\n", st, docs[st], indexDocs[st], median(secs[on]), median(cpus[on]), perDoc, offCol, ratio)
		}
		if steps > 1 && len(ratios[1]) > 0 {
			// Each round's whole ingest, its steps summed.
			tot := map[string]map[int]float64{"on": {}, "off": {}}
			for _, ir := range r.Runs {
				tot[ir.Lineage][ir.Round] += ir.Seconds
			}
			var on, offS, rs []float64
			for round := 1; round <= len(tot["on"]); round++ {
				t, o := tot["on"][round], tot["off"][round]
				on, offS, rs = append(on, t), append(offS, o), append(rs, t/o)
			}
			fmt.Printf("| all | %d | %d | %.1f | | %.1f | %+.0f%% (%s) |\n", indexDocs[steps], indexDocs[steps], median(on), median(offS), 100*(median(rs)-1), percents(rs))
		}
	}
}

// percents formats ratios as the changes they are: "+12% +20% +9%".
func percents(ratios []float64) string {
	var out []string
	for _, x := range ratios {
		out = append(out, fmt.Sprintf("%+.0f%%", 100*(x-1)))
	}
	return strings.Join(out, " ")
}

var (
	peerLoad = regexp.MustCompile(`loaded (\d+) paragraphs in ([0-9.]+) s`)
	peerLat  = regexp.MustCompile(`p50 ([0-9.]+) ms, p95 ([0-9.]+) ms`)
	peerPG   = regexp.MustCompile(`total ([0-9.]+) MB`)
	peerXap  = regexp.MustCompile(`([0-9.]+) MB compacted`)
	// peerCPU is a load's CPU time, which the peer scripts may print
	// ("load CPU 2.96 s"): PostgreSQL's server processes, Xapian's own.
	peerCPU = regexp.MustCompile(`load CPU ([0-9.]+) s`)
	// peerQueryCPU is the CPU time of a query, likewise ("query CPU 0.4 ms").
	peerQueryCPU = regexp.MustCompile(`query CPU ([0-9.]+) ms`)
)

func benchPeer(script, name, corpusDir, queries string, n, reps int) (result, error) {
	r := result{Engine: name, Paragraphs: n}
	cmd := exec.Command("python3", script, "-o", filepath.Join(corpusDir, "peers", name), "--reps", strconv.Itoa(reps), filepath.Join(corpusDir, "corpus.jsonl"), queries)
	if strings.HasPrefix(name, "pg") || strings.HasPrefix(name, "xapian") {
		cmd.Path, _ = exec.LookPath("/usr/bin/python3")
	}
	outb, err := cmd.CombinedOutput()
	text := string(outb)
	if err != nil {
		return r, fmt.Errorf("%v: %s", err, lastLines(text, 5))
	}
	if m := peerLoad.FindStringSubmatch(text); m != nil {
		r.LoadSeconds, _ = strconv.ParseFloat(m[2], 64)
		r.ParagraphsPS = float64(n) / r.LoadSeconds
	}
	if m := peerLat.FindStringSubmatch(text); m != nil {
		r.P50ms, _ = strconv.ParseFloat(m[1], 64)
		r.P95ms, _ = strconv.ParseFloat(m[2], 64)
	}
	if m := peerCPU.FindStringSubmatch(text); m != nil {
		r.LoadCPUSeconds, _ = strconv.ParseFloat(m[1], 64)
	}
	if m := peerQueryCPU.FindStringSubmatch(text); m != nil {
		r.QueryCPUms, _ = strconv.ParseFloat(m[1], 64)
	}
	for _, re := range []*regexp.Regexp{peerPG, peerXap} {
		if m := re.FindStringSubmatch(text); m != nil {
			r.IndexMB, _ = strconv.ParseFloat(m[1], 64)
		}
	}
	r.Notes = "as its script reports it"
	return r, nil
}

func printTable(rs []result) {
	fmt.Printf("\n| engine | paragraphs | load s (CPU s) | paragraphs/s | MB/s | peak RSS MB | index MB | re-run s | cold p50/p99 ms | warm p50 / p95 / p99 ms | CPU ms a query |\n")
	fmt.Printf("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
	for _, r := range rs {
		cold := "—"
		if r.ColdP50ms > 0 {
			cold = fmt.Sprintf("%.2f / %.2f", r.ColdP50ms, r.ColdP99ms)
		}
		p99 := "—"
		if r.P99ms > 0 {
			p99 = fmt.Sprintf("%.2f", r.P99ms)
		}
		fmt.Printf("| %s | %d | %.1f (%s) | %.0f | %s | %s | %.1f | %s | %s | %.2f / %.2f / %s | %s |\n",
			r.Engine, r.Paragraphs, r.LoadSeconds, orDash(r.LoadCPUSeconds, "%.1f"), r.ParagraphsPS, orDash(r.MBPerSecond, "%.2f"), orDash(r.PeakRSSMB, "%.0f"), r.IndexMB, orDash(r.RerunSeconds, "%.1f"), cold, r.P50ms, r.P95ms, p99, orDash(r.QueryCPUms, "%.2f"))
	}
}

func orDash(v float64, f string) string {
	if v == 0 {
		return "—"
	}
	return fmt.Sprintf(f, v)
}

func pct(d []time.Duration, p int) float64 {
	s := slices.Clone(d)
	slices.Sort(s)
	i := (len(s) - 1) * p / 100
	return float64(s[i].Microseconds()) / 1000
}

func readQueries(path string) []string {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	var qs []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			qs = append(qs, l)
		}
	}
	if err := sc.Err(); err != nil {
		log.Fatalf("%s: %v", path, err)
	}
	if len(qs) == 0 {
		log.Fatalf("%s: no queries (one a line; lines starting with # are comments)", path)
	}
	return qs
}

func dirMB(dir string) float64 {
	var total int64
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				total += fi.Size()
			}
		}
		return nil
	})
	return float64(total) / (1 << 20)
}

func run(cmd *exec.Cmd) error {
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	return cmd.Run()
}

func lastLines(s string, n int) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(l[max(0, len(l)-n):], " | ")
}
