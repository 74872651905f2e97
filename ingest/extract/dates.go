package extract

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/relatoria/relatoria/corpus"
)

var months = map[string]int{
	"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
	"agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}

const monthRE = `(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|january|february|march|april|may|june|july|august|september|october|november|december)`

const yearRE = `((?:1[89]|20|21)[0-9]{2})`

// datePatterns are tried in order; a span taken by one is not reused.
// Each yields a start and an end date.
var datePatterns = []struct {
	re    *regexp.Regexp
	parse func(m []string) (corpus.Date, corpus.Date, bool)
}{
	// "del 2 al 13 de febrero de 2009", "2 a 13 de febrero de 2009"
	{regexp.MustCompile(`\b(?:del?\s+)?([0-9]{1,2})\s*(?:al?|-|–)\s*([0-9]{1,2})\s+de\s+` + monthRE + `\s+(?:de|del)\s+` + yearRE + `\b`),
		func(m []string) (corpus.Date, corpus.Date, bool) {
			return dayRange(m[1], m[2], m[3], m[4])
		}},
	// "4–15 September 1995"
	{regexp.MustCompile(`\b([0-9]{1,2})\s*[-–]\s*([0-9]{1,2})\s+` + monthRE + `\s+` + yearRE + `\b`),
		func(m []string) (corpus.Date, corpus.Date, bool) {
			return dayRange(m[1], m[2], m[3], m[4])
		}},
	// "7 de octubre de 2022", "1º de enero de 2020", "13 August 2024"
	{regexp.MustCompile(`\b([0-9]{1,2})\s*(?:º|°|\.º|o)?\s+(?:de\s+)?` + monthRE + `\s+(?:de\s+|del\s+|,\s*)?` + yearRE + `\b`),
		func(m []string) (corpus.Date, corpus.Date, bool) {
			d := corpus.Date{Year: atoi(m[3]), Month: months[strings.ToLower(m[2])], Day: atoi(m[1])}
			return d, d, d.Valid()
		}},
	// "August 13, 2024"
	{regexp.MustCompile(`\b` + monthRE + `\s+([0-9]{1,2}),\s+` + yearRE + `\b`),
		func(m []string) (corpus.Date, corpus.Date, bool) {
			d := corpus.Date{Year: atoi(m[3]), Month: months[strings.ToLower(m[1])], Day: atoi(m[2])}
			return d, d, d.Valid()
		}},
	// "Mayo – octubre de 2024", "de mayo a octubre de 2024"
	{regexp.MustCompile(`\b(?:de\s+)?` + monthRE + `\s*(?:[-–—]|a|al|hasta)\s*` + monthRE + `\s+(?:de\s+|del\s+)?` + yearRE + `\b`),
		func(m []string) (corpus.Date, corpus.Date, bool) {
			y := atoi(m[3])
			a := corpus.Date{Year: y, Month: months[strings.ToLower(m[1])]}
			b := corpus.Date{Year: y, Month: months[strings.ToLower(m[2])]}
			return a, b, a.Valid() && b.Valid() && a.Month <= b.Month
		}},
	// "octubre de 2024", "March 2010"
	{regexp.MustCompile(`\b` + monthRE + `\s+(?:de\s+|del\s+)?` + yearRE + `\b`),
		func(m []string) (corpus.Date, corpus.Date, bool) {
			d := corpus.Date{Year: atoi(m[2]), Month: months[strings.ToLower(m[1])]}
			return d, d, d.Valid()
		}},
	// "07/10/2022" (day first, the Spanish and UN convention); "2022-10-07"
	{regexp.MustCompile(`\b([0-3]?[0-9])/([01]?[0-9])/` + yearRE + `\b`),
		func(m []string) (corpus.Date, corpus.Date, bool) {
			d := corpus.Date{Year: atoi(m[3]), Month: atoi(m[2]), Day: atoi(m[1])}
			return d, d, d.Valid()
		}},
	{regexp.MustCompile(`\b` + yearRE + `-([01][0-9])-([0-3][0-9])\b`),
		func(m []string) (corpus.Date, corpus.Date, bool) {
			d := corpus.Date{Year: atoi(m[1]), Month: atoi(m[2]), Day: atoi(m[3])}
			return d, d, d.Valid()
		}},
	// "en 2015", "desde 2010", "para 2030", "hasta 2020", "el año 2015",
	// "in 2015", "by 2030": a year in a temporal phrase. A bare number is
	// never taken ("Agenda 2030", "tema 10", "51/34").
	{regexp.MustCompile(`\b(?:en(?:\s+el\s+año)?|desde|hasta|para|durante|antes\s+de|después\s+de|a\s+partir\s+de|el\s+año|año|in|since|until|by|during|before|after)\s+` + yearRE + `\b(?:\s*[-–]\s*` + yearRE + `\b)?`),
		func(m []string) (corpus.Date, corpus.Date, bool) {
			a := corpus.Date{Year: atoi(m[1])}
			b := a
			if m[2] != "" {
				b = corpus.Date{Year: atoi(m[2])}
			}
			return a, b, b.Year >= a.Year
		}},
}

func dayRange(d1, d2, month, year string) (corpus.Date, corpus.Date, bool) {
	m := months[strings.ToLower(month)]
	a := corpus.Date{Year: atoi(year), Month: m, Day: atoi(d1)}
	b := corpus.Date{Year: atoi(year), Month: m, Day: atoi(d2)}
	return a, b, a.Valid() && b.Valid() && a.Day < b.Day
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// precedingDay is a day that shares the month of the date after it.
var precedingDay = regexp.MustCompile(`\b([0-9]{1,2})\s*(?:y|e|,)\s+(?:el\s+)?$`)

// deadlineCue marks a date that something falls due by.
var deadlineCue = regexp.MustCompile(`(fecha\s+l[ií]mite|plazo|a\s+m[aá]s\s+tardar|vence|deadline|no\s+later\s+than|by\s+the\s+end\s+of)[^.;]{0,40}$`)

// Dates returns the dates written in text, in order of appearance. label is
// the paragraph's label ("Hito 1 | Fecha límite"), which can make a date a
// deadline. Resolution numbers ("51/34"), meetings ("44ª sesión") and
// session numbers ("50º período de sesiones") are never dates.
func Dates(text, label string) []corpus.DateMention {
	// Every date has a year of four digits (1800–2199): without one there
	// is nothing to find, and most paragraphs are passed over here.
	if !hasYear(text) {
		return nil
	}
	// The patterns are written in lower case and run on a copy lowered byte
	// by byte, so that offsets stay those of text (case-insensitive
	// matching costs a third of the time in RE2).
	original := text
	text = asciiLower(text)
	var all []found
	taken := make([]bool, len(text)+1)
	regions := yearRegions(text)
	cues := make([]regionCues, len(regions))
	for k, r := range regions {
		cues[k] = cuesOf(text, r)
	}
	for i, p := range datePatterns {
		for k, r := range regions {
			c, region := cues[k], text[r[0]:r[1]]
			if i < monthPatterns {
				// A month pattern's match has a month name, and starts
				// a little before the first one (the day, "del 2 al 13 de"),
				// or at it: the region is searched from there. Running
				// these patterns over whole regions was a third of parsing.
				if c.firstMonth < 0 || i == dayRangeDashPattern && !strings.ContainsAny(region, "-–") ||
					i == englishDayPattern && !strings.Contains(region, ",") || i == monthRangePattern && !c.twoMonths {
					continue
				}
				from := c.firstMonth - dayBeforeMonth
				if i >= englishDayPattern {
					from = c.firstMonth - len("de  ")
				}
				if from > r[0] {
					r[0] = spaceBefore(text, from)
				}
			}
			if i == slashPattern && !digitJoined(region, '/') || i == isoPattern && !digitJoined(region, '-') {
				continue
			}
			if i >= monthPatterns {
				// The other patterns' matches end at a year and start at
				// most a few words before it ("a partir de 2015").
				if from := c.firstYear - cueBeforeYear; from > r[0] {
					r[0] = spaceBefore(text, from)
				}
			}
			for _, loc := range p.re.FindAllStringSubmatchIndex(text[r[0]:r[1]], -1) {
				for k := range loc {
					if loc[k] >= 0 {
						loc[k] += r[0]
					}
				}
				all = takeDate(all, text, original, label, taken, p.parse, loc)
			}
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].start < all[j].start })
	out := make([]corpus.DateMention, len(all))
	for i, f := range all {
		out[i] = f.m
	}
	return out
}

// found is a date mention and its span in the text.
type found struct {
	start, end int
	m          corpus.DateMention
}

// takeDate adds the date that a pattern matched at loc, unless its span is
// taken already.
func takeDate(all []found, text, original, label string, taken []bool, parse func([]string) (corpus.Date, corpus.Date, bool), loc []int) []found {
	if overlaps(taken, loc[0], loc[1]) {
		return all
	}
	m := submatches(text, loc)
	a, b, ok := parse(m)
	if !ok {
		// "31 de febrero de 2023" is no date; nor is "febrero de
		// 2023" inside it.
		for i := loc[0]; i < loc[1]; i++ {
			taken[i] = true
		}
		return all
	}
	span := strings.TrimSpace(original[loc[0]:loc[1]])
	dm := corpus.DateMention{Text: span, Start: a, End: b.Last()}
	dm.Precision = a.Precision()
	dm.Value = a.String()
	if b != a {
		dm.Value += "/" + b.String()
	}
	if deadlineCue.MatchString(text[max(0, loc[0]-80):loc[0]]) || strings.Contains(strings.ToLower(label), "fecha límite") || strings.Contains(strings.ToLower(label), "plazo") {
		dm.Role = corpus.RoleDeadline
	}
	for i := loc[0]; i < loc[1]; i++ {
		taken[i] = true
	}
	all = append(all, found{loc[0], loc[1], dm})
	// "el 19 y el 21 de marzo de 1990": the first day shares the
	// month and year of the second.
	if dm.Precision == "day" && a == b {
		from := spaceBefore(text, loc[0]-24)
		if pm := precedingDay.FindStringSubmatchIndex(text[from:loc[0]]); pm != nil {
			pm[2], pm[3] = pm[2]+from, pm[3]+from
			d := corpus.Date{Year: a.Year, Month: a.Month, Day: atoi(text[pm[2]:pm[3]])}
			if d.Valid() && !overlaps(taken, pm[2], pm[3]) {
				for i := pm[2]; i < pm[3]; i++ {
					taken[i] = true
				}
				all = append(all, found{pm[2], pm[3], corpus.DateMention{Text: original[pm[2]:pm[3]], Value: d.String(), Precision: "day", Role: dm.Role, Start: d, End: d}})
			}
		}
	}
	return all
}

// regionReach is how far before and after a year a date may reach: "del 12
// al 13 de septiembre de " before, "-2020" or "-10-07" after.
const regionBefore, regionAfter = 80, 24

// yearRegions returns the spans of text, cut at spaces, that lie around its
// possible years (every date has one), merged where they overlap, so that
// the patterns run over a small part of a long paragraph.
func yearRegions(text string) [][2]int {
	var out [][2]int
	run := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c < '0' || c > '9' {
			run = 0
			continue
		}
		run++
		if run != 4 {
			continue
		}
		if c2 := text[i-3 : i-1]; c2 != "18" && c2 != "19" && c2 != "20" && c2 != "21" {
			continue
		}
		start, end := spaceBefore(text, i-3-regionBefore), spaceAfter(text, i+1+regionAfter)
		if n := len(out); n > 0 && start <= out[n-1][1] {
			out[n-1][1] = end
		} else {
			out = append(out, [2]int{start, end})
		}
	}
	return out
}

// spaceBefore returns the offset of the last space at or before i (0 when
// there is none), so that a region never starts inside a word.
func spaceBefore(text string, i int) int {
	if i <= 0 {
		return 0
	}
	if j := strings.LastIndexByte(text[:i+1], ' '); j >= 0 {
		return j
	}
	return 0
}

// spaceAfter returns the offset of the first space at or after i (the end
// of text when there is none), so that a region never ends inside a word.
func spaceAfter(text string, i int) int {
	if i >= len(text) {
		return len(text)
	}
	if j := strings.IndexByte(text[i:], ' '); j >= 0 {
		return i + j
	}
	return len(text)
}

// monthPatterns is the number of leading datePatterns that need a month
// name; slashPattern ("07/10/2022") and isoPattern ("2022-10-07") are the
// indexes of the numeric ones. The others name patterns with a cue of
// their own: a dash ("4–15 September 1995"), a comma ("August 13, 2024"),
// two months ("mayo a octubre de 2024").
const (
	dayRangeDashPattern = 1
	englishDayPattern   = 3
	monthRangePattern   = 4
	monthPatterns       = 6
	slashPattern        = 6
	isoPattern          = 7
)

// dayBeforeMonth is the most bytes a month pattern's match has before its
// month name: "del 12 al 13 de " is 16.
const dayBeforeMonth = 24

// cueBeforeYear is the most bytes a pattern without a month has before
// its year: "después del año " is 17.
const cueBeforeYear = 24

// regionCues is what the patterns need of a region.
type regionCues struct {
	firstYear  int  // offset of the first possible year in the text
	firstMonth int  // offset of the first month name in the text; -1: none
	twoMonths  bool // a second month name starts after the first
}

// cuesOf finds the month names of region r of text (lowered). A name
// inside a word ("mayo" in "mayor") counts: the patterns decide.
func cuesOf(text string, r [2]int) regionCues {
	c := regionCues{firstYear: r[0], firstMonth: -1}
	region := text[r[0]:r[1]]
	if i := firstYearIn(region); i >= 0 {
		c.firstYear = r[0] + i
	}
	for m := range months {
		for from := 0; from < len(region); {
			i := strings.Index(region[from:], m)
			if i < 0 {
				break
			}
			at := r[0] + from + i
			switch {
			case c.firstMonth < 0:
				c.firstMonth = at
			case at < c.firstMonth:
				c.twoMonths = c.twoMonths || c.firstMonth-at >= len("may")
				c.firstMonth = at
			case at-c.firstMonth >= len("may"):
				c.twoMonths = true
			}
			from += i + len(m)
		}
	}
	return c
}

// digitJoined reports whether s has sep between two digits.
func digitJoined(s string, sep byte) bool {
	for i := 1; i+1 < len(s); i++ {
		if s[i] == sep && s[i-1] >= '0' && s[i-1] <= '9' && s[i+1] >= '0' && s[i+1] <= '9' {
			return true
		}
	}
	return false
}

// firstYearIn returns the offset of the first four digits in a row of s
// that could be a year from 1800 to 2199, or -1.
func firstYearIn(s string) int {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			run++
			if run == 4 {
				c := s[i-3 : i-1]
				if c == "18" || c == "19" || c == "20" || c == "21" {
					return i - 3
				}
			}
		} else {
			run = 0
		}
	}
	return -1
}

// hasYear reports whether s holds four digits in a row that could be a
// year from 1800 to 2199.
func hasYear(s string) bool { return firstYearIn(s) >= 0 }

// asciiLower lowers the ASCII letters of s, leaving every other byte (and
// so every offset) as it is.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func overlaps(taken []bool, a, b int) bool {
	for i := a; i < b; i++ {
		if taken[i] {
			return true
		}
	}
	return false
}

func submatches(s string, loc []int) []string {
	m := make([]string, len(loc)/2)
	for i := range m {
		if loc[2*i] >= 0 {
			m[i] = s[loc[2*i]:loc[2*i+1]]
		}
	}
	return m
}

// FullDate parses a string that is exactly one date with day, month and
// year, in Spanish ("7 de octubre de 2022", "1º de enero de 2020", "el 7 de
// octubre de 2022") or English ("13 August 2024"), as resolutions print
// their adoption date.
func FullDate(s string) (corpus.Date, bool) {
	s = strings.TrimSuffix(strings.TrimSpace(s), ".")
	for _, prefix := range []string{"el ", "El ", "on ", "On "} {
		s = strings.TrimPrefix(s, prefix)
	}
	ds := Dates(s, "")
	if len(ds) != 1 || ds[0].Precision != "day" || ds[0].Start != ds[0].End || strings.TrimSpace(ds[0].Text) != s {
		return corpus.Date{}, false
	}
	return ds[0].Start, true
}
