// Package audit measures how faithfully relatoria extracted a file: it
// compares the text relatoria prints for it (one paragraph a block, each
// with its number as written, as "relatoria normalize" prints it) with an
// independent reference, and counts the words lost, added, glued and split
// and the paragraph numbers kept.
//
// The reference is made without relatoria's extraction: a text file is
// itself; Markdown is its text without markup (by rules of its own, not
// ingest's); HTML is the text of its elements outside script, style,
// navigation, header, footer and aside; a PDF is what pdftotext (poppler)
// makes of it. Words are compared folded (lower case, accents dropped),
// numbers included, in order (a word diff), so that a word moved counts as
// lost and added.
//
//	rep := audit.Compare(reference, printed, audit.Options{Lexicon: lex})
//	fmt.Println(rep.WordError()) // 0.0021: 2.1 errors in 1,000 words
package audit

import (
	"maps"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/internal/worddiff"
)

// Lexicon says whether a word, as written, is a known word: the glued-word
// count asks it about both halves of a token it does not know.
// *ocr.Lexicon satisfies it.
type Lexicon interface {
	Lookup(w string) (float64, bool)
}

// Report is the outcome of a comparison.
type Report struct {
	// RefWords and Words are the words of the reference and of the
	// extraction.
	RefWords int `json:"ref_words"`
	Words    int `json:"words"`
	// Lost counts reference words missing from the extraction, Added
	// extraction words the reference lacks. Errors counts word errors as
	// an edit distance does: in each run of differences, the larger of
	// its lost and added words (a substitution is one error, not two).
	Lost   int `json:"lost"`
	Added  int `json:"added"`
	Errors int `json:"errors"`
	// Furniture counts lost words that are page furniture in the
	// reference: runs of numbers alone (page numbers, job numbers, the
	// processing dates of a UN footer). They are not errors.
	Furniture int `json:"furniture"`
	// Dropped counts lost words that the extraction declared it left out
	// (Options.Dropped: mastheads, running heads, site chrome); Repaired
	// the words that differ by an OCR repair the extraction declared
	// (Options.Repairs); Moved the words found elsewhere in the other text
	// (a footnote placed after its paragraph); RefSpacing the words the
	// reference glued or split where the extraction has known words
	// ("ofsociety" for "of society"). None of them are errors.
	Dropped int `json:"dropped"`
	// Marks counts numbers of one to three digits the extraction has
	// where the reference has none (a note's number the reference prints
	// apart).
	Marks      int `json:"marks"`
	Repaired   int `json:"repaired"`
	Moved      int `json:"moved"`
	RefSpacing int `json:"ref_spacing"`
	// Glued lists extracted tokens the lexicon lacks that are two words it
	// knows written together ("yniñas"), where the reference has them
	// apart; Split lists reference words the extraction cut in two
	// ("dere chos").
	Glued []string `json:"glued,omitempty"`
	Split []string `json:"split,omitempty"`
	// Numbers counts the paragraph numbers the reference prints at a line
	// start ("7. Destaca", "84.3 Proseguir"); NumbersKept how many of them
	// open a paragraph of the extraction with the same number as written;
	// Missing lists the others.
	Numbers     int      `json:"numbers"`
	NumbersKept int      `json:"numbers_kept"`
	Missing     []string `json:"missing_numbers,omitempty"`
	// LostWords counts the reference's words found nowhere in the
	// extraction, as a bag of words (order aside: a table read by rows
	// rather than columns loses nothing), besides the words of lines it
	// declared dropped and numbers of one to three digits (page numbers,
	// note marks); LostList lists the first of them.
	LostWords int      `json:"lost_words"`
	LostList  []string `json:"lost_list,omitempty"`
	// Accents counts the words written alike but for their accents in
	// the reference and the extraction ("de" and "dé", "periodo" and
	// "período"); AccentChanges lists the first, "de → dé".
	Accents       int      `json:"accents"`
	AccentChanges []string `json:"accent_changes,omitempty"`
	// DroppedWords counts the words of the lines the extraction declared
	// dropped (Options.Dropped), found in the reference or not.
	DroppedWords int `json:"dropped_words"`
	// Diffs shows the first differences (up to MaxDiffs), furniture left
	// out: the reference's words and the extraction's, as written.
	Diffs []Diff `json:"diffs,omitempty"`
	// Approximate is true when the texts differ too much for a word diff
	// in bounded memory; counts then come from word frequencies.
	Approximate bool `json:"approximate,omitempty"`
}

// Diff is one run of differences: words of the reference replaced by
// words of the extraction (either may be empty).
type Diff struct {
	Reference string `json:"reference"`
	Extracted string `json:"extracted"`
}

// MaxDiffs is the number of differences a Report shows.
const MaxDiffs = 50

// WordError returns Errors per reference word, furniture excluded.
func (r Report) WordError() float64 {
	if r.RefWords == 0 {
		return 0
	}
	return float64(r.Errors) / float64(r.RefWords)
}

// NumbersRate returns the share of the reference's paragraph numbers kept,
// 1 when it has none.
func (r Report) NumbersRate() float64 {
	if r.Numbers == 0 {
		return 1
	}
	return float64(r.NumbersKept) / float64(r.Numbers)
}

// Add adds the counts of o to r (the lists are not merged), for a total
// over several files.
func (r *Report) Add(o Report) {
	r.RefWords += o.RefWords
	r.Words += o.Words
	r.Lost += o.Lost
	r.Added += o.Added
	r.Errors += o.Errors
	r.Furniture += o.Furniture
	r.Numbers += o.Numbers
	r.NumbersKept += o.NumbersKept
	r.LostWords += o.LostWords
	r.Accents += o.Accents
	r.DroppedWords += o.DroppedWords
	r.Dropped += o.Dropped
}

// Options says what an extraction declared about itself, so that Compare
// tells what it did on purpose from what it lost.
type Options struct {
	// Lexicon finds glued words; nil counts none.
	Lexicon Lexicon
	// Repairs are the OCR repairs made, as written: {from, to}.
	Repairs [][2]string
	// Dropped are the lines left out as furniture.
	Dropped []string
	// PDF says the reference is pdftotext's reading of a PDF, where a
	// paragraph number set apart from its text (a tab after "10.") stands
	// alone on its line, before the paragraph's first line.
	PDF bool
}

// OptionsFor returns what doc declares about its extraction: its OCR
// repairs and the lines it dropped.
func OptionsFor(doc *corpus.Document, lex Lexicon) Options {
	opt := Options{Lexicon: lex, PDF: doc.Format == corpus.FormatPDF}
	for _, p := range doc.Paragraphs {
		for _, r := range p.Repairs {
			opt.Repairs = append(opt.Repairs, [2]string{r.From, r.To})
		}
	}
	for _, d := range doc.DroppedLines {
		opt.Dropped = append(opt.Dropped, d.Text)
	}
	return opt
}

// Compare compares an extraction, printed one paragraph a block (blocks
// separated by blank lines, each opening with its number as written),
// with its reference text.
func Compare(reference, printed string, opt Options) Report {
	lex := opt.Lexicon
	ref, refRaw := tokens(reference)
	got, gotRaw := tokens(printed)
	rep := Report{RefWords: len(ref), Words: len(got)}
	dropped := map[string]int{}
	for _, l := range opt.Dropped {
		for _, w := range Words(l) {
			dropped[w]++
			rep.DroppedWords++
		}
	}
	declared := maps.Clone(dropped)
	for _, r := range opt.Repairs {
		for _, w := range Words(r[0]) {
			declared[w]++ // what an OCR repair changed is not lost
		}
	}
	rep.LostWords, rep.LostList = missing(ref, refRaw, got, declared)
	repaired := map[[2]string]bool{}
	for _, r := range opt.Repairs {
		from, to := Words(r[0]), Words(r[1])
		repaired[[2]string{strings.Join(from, " "), strings.Join(to, " ")}] = true
		if len(from) == len(to) {
			// "36° período" → "36º período": the words that changed.
			for i := range from {
				repaired[[2]string{from[i], to[i]}] = true
			}
		}
	}
	ops, ok := worddiff.Anchored(ref, got)
	if !ok {
		rep.Approximate = true
		rep.Lost, rep.Added = bagDifference(ref, got)
		rep.Errors = max(rep.Lost, rep.Added)
	} else {
		refVocab, gotVocab := vocabulary(ref), vocabulary(got)
		var chs []change
		for _, h := range ops {
			chs = append(chs, change{ref[h.A0:h.A1], got[h.B0:h.B1], refRaw[h.A0:h.A1], gotRaw[h.B0:h.B1]})
		}
		chs, rep.Moved = moved(chs)
		rep.Accents, rep.AccentChanges = accentChanges(ops, refRaw, gotRaw)
		for _, c := range chs {
			del, ins := c.del, c.ins
			if len(del) == 0 && len(ins) == 0 {
				continue
			}
			if len(ins) == 0 {
				words, numbers := splitNumbers(del)
				if takeAll(dropped, words) {
					rep.Dropped += len(words)
					rep.Furniture += numbers
					continue
				}
			}
			if len(del) == 0 && shortNumbers(ins) {
				// A note's own number ("8 Ibid.") that the reference
				// prints apart, on a line of its own elsewhere.
				rep.Marks += len(ins)
				continue
			}
			if n := repairedWords(repaired, del, ins); n > 0 {
				rep.Repaired += n
				if len(del) == len(ins) && n == len(del) {
					continue
				}
			}
			if refSpaced(c, lex, refVocab, gotVocab) {
				rep.RefSpacing += len(del)
				continue
			}
			rep.Lost += len(del)
			rep.Added += len(ins)
			rep.Errors += max(len(del), len(ins))
			if len(rep.Diffs) < MaxDiffs {
				rep.Diffs = append(rep.Diffs, Diff{strings.Join(c.delRaw, " "), strings.Join(c.insRaw, " ")})
			}
			rep.Glued = append(rep.Glued, glued(c.delRaw, c.insRaw, lex)...)
			rep.Split = append(rep.Split, split(del, ins)...)
		}
		rep.RefWords -= rep.Furniture + rep.Dropped
	}
	rep.Numbers, rep.NumbersKept, rep.Missing = compareNumbers(reference, printed, opt.PDF)
	return rep
}

// Words returns the folded words of s: runs of letters and digits, in
// lower case, without accents ("Niñas," → "ninas"; "84.3" → "84", "3").
// Ligatures are not folded: "ﬁ" stays a character of its own, as an
// extraction that failed to decode it leaves it.
func Words(s string) []string {
	folded, _ := tokens(s)
	return folded
}

// tokens returns the words of s folded, and as written.
func tokens(s string) (folded, raw []string) {
	var f, r strings.Builder
	flush := func() {
		if f.Len() > 0 {
			folded = append(folded, f.String())
			raw = append(raw, norm.NFC.String(r.String()))
			f.Reset()
			r.Reset()
		}
	}
	for _, c := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, c):
			if f.Len() > 0 {
				r.WriteRune(c)
			}
		case unicode.IsLetter(c) || unicode.IsDigit(c):
			f.WriteRune(unicode.ToLower(c))
			r.WriteRune(c)
		case c == '\u00ad': // a soft hyphen is no boundary
		default:
			flush()
		}
	}
	flush()
	return folded, raw
}

// splitNumbers returns the words of ws that are not numbers, and how many
// are.
func splitNumbers(ws []string) (words []string, numbers int) {
	for _, w := range ws {
		if strings.TrimFunc(w, unicode.IsDigit) == "" {
			numbers++
		} else {
			words = append(words, w)
		}
	}
	return words, numbers
}

func vocabulary(ws []string) map[string]bool {
	v := make(map[string]bool, len(ws)/4)
	for _, w := range ws {
		v[w] = true
	}
	return v
}

// refSpaced reports whether a change is the reference's mistake rather
// than the extraction's: the same letters, spaced otherwise ("ofsociety"
// for "of society", "raci al" for "racial"), where the extraction's words
// are known (to the lexicon, or as words the reference writes elsewhere)
// and the reference's are not; or a footnote mark glued to the word before
// it ("Agreement2" for "Agreement").
func refSpaced(c change, lex Lexicon, refVocab, gotVocab map[string]bool) bool {
	if len(c.del) == 1 && len(c.ins) == 1 {
		w, x := c.del[0], c.ins[0]
		glued := len(w) > len(x) && strings.HasPrefix(w, x) && strings.TrimFunc(w[len(x):], unicode.IsDigit) == ""
		// A note mark glued to a word ("Agreement2") or to a year
		// ("199350": 1993 and note 50).
		return glued && (strings.TrimFunc(x, unicode.IsDigit) != "" || len(x) == 4 && (x[:2] == "19" || x[:2] == "20") && len(w)-len(x) <= 3)
	}
	if len(c.del) == len(c.ins) || strings.Join(c.del, "") != strings.Join(c.ins, "") {
		return false
	}
	if known(lex, c.insRaw) && !known(lex, c.delRaw) {
		return true
	}
	for _, w := range c.ins {
		if !refVocab[w] {
			return false
		}
	}
	for _, w := range c.del {
		if !gotVocab[w] {
			return true
		}
	}
	return false
}

// takeAll reports whether every word of ws is in the bag, and takes them
// out of it when so.
func takeAll(bag map[string]int, ws []string) bool {
	need := map[string]int{}
	for _, w := range ws {
		need[w]++
		if need[w] > bag[w] {
			return false
		}
	}
	for w, n := range need {
		bag[w] -= n
	}
	return true
}

// repairedWords counts the words of a run of differences that pair up, in
// order, as declared repairs.
func repairedWords(repaired map[[2]string]bool, del, ins []string) int {
	if len(repaired) == 0 || len(del) != len(ins) {
		return 0
	}
	n := 0
	for i := range del {
		if repaired[[2]string{del[i], ins[i]}] {
			n++
		}
	}
	return n
}

// known reports whether the lexicon knows every word of ws (digits count
// as known).
func known(lex Lexicon, ws []string) bool {
	if lex == nil {
		return false
	}
	for _, w := range ws {
		if strings.TrimFunc(w, unicode.IsDigit) == "" {
			continue
		}
		if _, ok := lex.Lookup(w); !ok {
			return false
		}
	}
	return true
}

// change is a run of differences: words of the reference (del) replaced
// by words of the extraction (ins), folded and as written.
type change struct {
	del, ins       []string
	delRaw, insRaw []string
}

// moved pairs runs of three or more words deleted in one place with runs
// inserted in another that share most of their words (a footnote the
// extraction places after its paragraph, without its number), takes the
// shared words out of both and returns the changes left and the number of
// words moved.
func moved(chs []change) ([]change, int) {
	n := 0
	for i := range chs {
		d := &chs[i]
		if len(d.del) < 3 {
			continue
		}
		for j := range chs {
			c := &chs[j]
			if len(c.ins) < 3 || i == j {
				continue
			}
			common := bagOverlap(d.del, c.ins)
			if common*10 < min(len(d.del), len(c.ins))*6 {
				continue
			}
			del := d.del
			d.del, d.delRaw = subtract(d.del, d.delRaw, c.ins)
			c.ins, c.insRaw = subtract(c.ins, c.insRaw, del)
			n += common
			break
		}
	}
	return chs, n
}

// bagOverlap counts the words a and b share, with repetitions.
func bagOverlap(a, b []string) int {
	bag := map[string]int{}
	for _, w := range a {
		bag[w]++
	}
	n := 0
	for _, w := range b {
		if bag[w] > 0 {
			bag[w]--
			n++
		}
	}
	return n
}

// subtract returns the words of ws (and their raw forms) that are not in
// other, each word of other taken once.
func subtract(ws, raw, other []string) ([]string, []string) {
	bag := map[string]int{}
	for _, w := range other {
		bag[w]++
	}
	var out, outRaw []string
	for i, w := range ws {
		if bag[w] > 0 {
			bag[w]--
			continue
		}
		out, outRaw = append(out, w), append(outRaw, raw[i])
	}
	return out, outRaw
}

// shortNumbers reports whether ws are all numbers of one to three digits.
func shortNumbers(ws []string) bool {
	for _, w := range ws {
		if len(w) > 3 || strings.TrimFunc(w, unicode.IsDigit) != "" {
			return false
		}
	}
	return len(ws) > 0
}

func allNumbers(ws []string) bool {
	for _, w := range ws {
		if strings.TrimFunc(w, unicode.IsDigit) != "" {
			return false
		}
	}
	return len(ws) > 0
}

// glued returns the added tokens that are two lost words written
// together, when the lexicon does not know the token but knows both
// halves.
func glued(del, ins []string, lex Lexicon) []string {
	var out []string
	for _, w := range ins {
		if lex == nil {
			break
		}
		if _, ok := lex.Lookup(w); ok || strings.TrimFunc(w, unicode.IsLetter) != "" {
			continue
		}
		for i := 1; i < len(del); i++ {
			if strings.EqualFold(del[i-1]+del[i], w) {
				_, ok1 := lex.Lookup(del[i-1])
				_, ok2 := lex.Lookup(del[i])
				if ok1 && ok2 {
					out = append(out, w)
				}
				break
			}
		}
	}
	return out
}

// split returns the lost words that the extraction wrote as two added
// tokens.
func split(del, ins []string) []string {
	var out []string
	for _, w := range del {
		for i := 1; i < len(ins); i++ {
			if ins[i-1]+ins[i] == w {
				out = append(out, ins[i-1]+" "+ins[i])
				break
			}
		}
	}
	return out
}

func bagDifference(ref, got []string) (lost, added int) {
	n := map[string]int{}
	for _, w := range ref {
		n[w]++
	}
	for _, w := range got {
		n[w]--
	}
	for _, c := range n {
		if c > 0 {
			lost += c
		} else {
			added -= c
		}
	}
	return lost, added
}

// numberStart matches a paragraph number at a line start in either text:
// "7. Destaca", "84.3 Proseguir", "4.a. Considere", after list or emphasis
// marks. A number of one part needs its point ("14 August 2024" is a
// date); a capital or an opening quote follows, so that "26.165 de 2006)"
// is no number.
var numberStart = regexp.MustCompile(`^[ \t]*(?:[>*+-][ \t]+)?(?:\*\*|__)?(?:([0-9]{1,3}(?:\.(?:[0-9]{1,3}|[a-z])){1,3})\.?|([0-9]{1,3})[.,])(?:\*\*)?[ \t]+(?:\*\*|__)?[\p{Lu}¿¡"“«]`)

// numberStartPDF is numberStart for pdftotext's reading of a PDF, without
// OCR's comma for a point: "1, Considerando cuarto." is the wrapped end of
// a note citing "supra nota 1", no paragraph.
var numberStartPDF = regexp.MustCompile(strings.Replace(numberStart.String(), `([0-9]{1,3})[.,]`, `([0-9]{1,3})[.]`, 1))

// loneNumber matches a paragraph number alone on its line, with its point:
// "10.", "84.3", "4.a.".
var loneNumber = regexp.MustCompile(`^[ \t]*(?:([0-9]{1,3}(?:\.(?:[0-9]{1,3}|[a-z])){1,3})\.?|([0-9]{1,3})\.)[ \t]*$`)

// nextStartsUpper reports whether the first non-blank line of lines
// starts with a capital or an opening quote.
func nextStartsUpper(lines []string) bool {
	for _, l := range lines {
		if t := strings.TrimSpace(l); t != "" {
			r, _ := utf8.DecodeRuneInString(t)
			return unicode.IsUpper(r) || strings.ContainsRune("¿¡\"“«", r)
		}
	}
	return false
}

// compareNumbers counts the paragraph numbers at the line starts of the
// reference and how many of them open a paragraph of the printed
// extraction; in pdftotext's reading of a PDF (pdf), a number alone on its
// line before a line that starts with a capital counts too.
func compareNumbers(reference, printed string, pdf bool) (total, kept int, missing []string) {
	have := map[string]int{}
	for block := range strings.SplitSeq(printed, "\n\n") {
		if m := numberStart.FindStringSubmatch(strings.TrimLeft(block, "\n")); m != nil {
			have[m[1]+m[2]]++
		}
	}
	refLines := strings.Split(reference, "\n")
	starts := numberStart
	if pdf {
		starts = numberStartPDF
	}
	for i, line := range refLines {
		m := starts.FindStringSubmatch(line)
		if m == nil {
			// pdftotext writes a number set apart from its text
			// (Word's tab after "10.") alone on its line.
			if pdf {
				m = loneNumber.FindStringSubmatch(line)
			}
			if m == nil || !nextStartsUpper(refLines[i+1:]) {
				continue
			}
		}
		total++
		if n := m[1] + m[2]; have[n] > 0 {
			have[n]--
			kept++
		} else {
			missing = append(missing, n)
		}
	}
	return total, kept, missing
}

// MaxListed is the number of words a Report lists as missing, or as
// changed in their accents.
const MaxListed = 30

// missing returns how many words of ref (as a bag) got lacks, besides
// those of the declared bag (drops, repairs) and short numbers, and the first of them as
// written.
func missing(ref, refRaw, got []string, declared map[string]int) (int, []string) {
	bag := make(map[string]int, len(got)/4)
	for _, w := range got {
		bag[w]++
	}
	for w, n := range declared {
		bag[w] += n
	}
	n := 0
	var list []string
	for i, w := range ref {
		if bag[w] > 0 {
			bag[w]--
			continue
		}
		if len(w) <= 3 && strings.TrimFunc(w, unicode.IsDigit) == "" {
			continue
		}
		// pdftotext glues a note mark to the word before it
		// ("jueces1", "199523": 1995 and note 23), and the halves of a
		// compound broken at a line end ("detenidos-" and
		// "desaparecidos" as "detenidosdesaparecidos").
		stem := strings.TrimRightFunc(w, unicode.IsDigit)
		if stem == "" && len(w) >= 5 && len(w) <= 7 {
			stem = w[:4]
		}
		if stem != w && stem != "" && len(w)-len(stem) <= 3 && bag[stem] > 0 {
			bag[stem]--
			continue
		}
		if rest := strings.TrimLeftFunc(w, unicode.IsDigit); rest != w && rest != "" && len(w)-len(rest) <= 3 && bag[rest] > 0 {
			bag[rest]-- // the mark before a note's first word ("3III")
			continue
		}
		if a, b, ok := twoWords(w, bag); ok {
			bag[a]--
			bag[b]--
			continue
		}
		n++
		if len(list) < MaxListed {
			list = append(list, refRaw[i])
		}
	}
	return n, list
}

// twoWords splits w into two words of the bag, of three letters or more
// each.
func twoWords(w string, bag map[string]int) (string, string, bool) {
	for i := 3; i <= len(w)-3; i++ {
		a, b := w[:i], w[i:]
		if bag[a] > 0 && bag[b] > 0 && (a != b || bag[a] > 1) {
			return a, b, true
		}
	}
	return "", "", false
}

// accentChanges counts the words that the word diff pairs as equal
// (folded) but whose accents differ, outside the hunks of differences.
func accentChanges(ops []worddiff.Hunk, refRaw, gotRaw []string) (int, []string) {
	n := 0
	var list []string
	i, j := 0, 0
	check := func(a1 int) {
		for ; i < a1 && j < len(gotRaw); i, j = i+1, j+1 {
			a, b := strings.ToLower(refRaw[i]), strings.ToLower(gotRaw[j])
			if a != b {
				n++
				if len(list) < MaxListed {
					list = append(list, refRaw[i]+" → "+gotRaw[j])
				}
			}
		}
	}
	for _, h := range ops {
		check(h.A0)
		i, j = h.A1, h.B1
	}
	check(len(refRaw))
	return n, list
}
