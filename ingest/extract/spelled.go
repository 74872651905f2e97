package extract

import (
	"regexp"

	"github.com/relatoria/relatoria/corpus"
)

// This file reads the dates that Dates leaves alone because they are not
// written with figures: courts write the date of a judgment in words ("Lima,
// veintiuno de mayo de dos mil veintiséis"), registers with abbreviated
// months ("Fecha Promulgación: 22-ENE-2018").

// dayWords are the days of a month in words, folded.
var dayWords = map[string]int{
	"primero": 1, "uno": 1, "un": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
	"nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15,
	"dieciseis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20,
	"veintiuno": 21, "veintiun": 21, "veintidos": 22, "veintitres": 23, "veinticuatro": 24, "veinticinco": 25,
	"veintiseis": 26, "veintisiete": 27, "veintiocho": 28, "veintinueve": 29, "treinta": 30,
	"treinta y uno": 31, "treintaiuno": 31,
}

// unitWords are the words of the last part of a year in words: "dos mil
// veintiséis", "mil novecientos noventa y siete".
var unitWords = map[string]int{
	"uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
	"diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciseis": 16,
	"diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintidos": 22,
	"veintitres": 23, "veinticuatro": 24, "veinticinco": 25, "veintiseis": 26, "veintisiete": 27,
	"veintiocho": 28, "veintinueve": 29, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60,
	"setenta": 70, "ochenta": 80, "noventa": 90,
}

// spelledDate matches "veintiuno de mayo de dos mil veintiséis", "primero
// de enero de mil novecientos noventa y ocho" on folded, lower-case text.
var spelledDate = regexp.MustCompile(`\b((?:treinta y uno|[a-z]+))\s+(?:\(\d{1,2}\)\s+)?(?:dias\s+)?(?:del?\s+(?:mes\s+de\s+)?)?` + monthRE + `\s+(?:del?\s+(?:ano\s+)?)((?:dos\s+mil|mil\s+novecientos|mil\s+ochocientos)(?:\s+[a-z]+){0,3})`)

// abbrevDate matches a day, an abbreviated month and a year: "22-ENE-2018",
// "10-Jun-2026", "06/mar/2022".
var abbrevDate = regexp.MustCompile(`\b([0-3]?[0-9])[-/ ](ene|feb|mar|abr|may|jun|jul|ago|sep|set|oct|nov|dic|jan|apr|aug|dec)[a-z]*\.?[-/ ]` + yearRE + `\b`)

var abbrevMonths = map[string]int{
	"ene": 1, "jan": 1, "feb": 2, "mar": 3, "abr": 4, "apr": 4, "may": 5, "jun": 6, "jul": 7,
	"ago": 8, "aug": 8, "sep": 9, "set": 9, "oct": 10, "nov": 11, "dic": 12, "dec": 12,
}

// SpelledDates returns the days written in words ("veintiuno de mayo de
// dos mil veintiséis", "el primero de enero de mil novecientos noventa y
// ocho") and with abbreviated months ("22-ENE-2018") in text, in order,
// each at day precision with its text as written.
func SpelledDates(text string) []corpus.DateMention {
	folded, at := foldASCII(text)
	type span struct {
		start int
		m     corpus.DateMention
	}
	var out []span
	for _, loc := range spelledDate.FindAllStringSubmatchIndex(folded, -1) {
		day, ok := dayWords[folded[loc[2]:loc[3]]]
		if !ok {
			continue
		}
		month := months[folded[loc[4]:loc[5]]]
		year, end, ok := spelledYear(folded[loc[6]:loc[7]])
		if !ok {
			continue
		}
		d := corpus.Date{Year: year, Month: month, Day: day}
		if !d.Valid() {
			continue
		}
		to := loc[6] + end
		out = append(out, span{at[loc[0]], corpus.DateMention{Text: text[at[loc[0]]:at[to]], Value: d.String(), Precision: "day", Start: d, End: d}})
	}
	for _, loc := range abbrevDate.FindAllStringSubmatchIndex(folded, -1) {
		d := corpus.Date{Year: atoi(folded[loc[6]:loc[7]]), Month: abbrevMonths[folded[loc[4]:loc[5]]], Day: atoi(folded[loc[2]:loc[3]])}
		if !d.Valid() {
			continue
		}
		out = append(out, span{at[loc[0]], corpus.DateMention{Text: text[at[loc[0]]:at[loc[1]]], Value: d.String(), Precision: "day", Start: d, End: d}})
	}
	res := make([]corpus.DateMention, 0, len(out))
	for len(out) > 0 {
		first := 0
		for i := range out {
			if out[i].start < out[first].start {
				first = i
			}
		}
		res = append(res, out[first].m)
		out = append(out[:first], out[first+1:]...)
	}
	return res
}

// spelledYear reads a year in words at the start of s ("dos mil
// veintiséis y …" → 2026) and returns it with the length of s it used.
func spelledYear(s string) (int, int, bool) {
	var ws []string
	var ends []int
	for start, end := range wordSpans(s) {
		ws, ends = append(ws, s[start:end]), append(ends, end)
	}
	year, used := 0, 0
	switch {
	case len(ws) >= 2 && ws[0] == "dos" && ws[1] == "mil":
		year, used = 2000, 2
	case len(ws) >= 2 && ws[0] == "mil" && ws[1] == "novecientos":
		year, used = 1900, 2
	case len(ws) >= 2 && ws[0] == "mil" && ws[1] == "ochocientos":
		year, used = 1800, 2
	default:
		return 0, 0, false
	}
	rest := 0
	if used < len(ws) {
		if u, ok := unitWords[ws[used]]; ok {
			rest, used = u, used+1
			// "noventa y siete"
			if u >= 30 && used+1 < len(ws) && ws[used] == "y" {
				if v, ok := unitWords[ws[used+1]]; ok && v < 10 {
					rest, used = u+v, used+2
				}
			}
		}
	}
	return year + rest, ends[used-1], true
}

// wordSpans yields the start and end of each run of letters of s (ASCII
// lower case, as foldASCII leaves it).
func wordSpans(s string) func(yield func(int, int) bool) {
	return func(yield func(int, int) bool) {
		start := -1
		for i := 0; i <= len(s); i++ {
			letter := i < len(s) && s[i] >= 'a' && s[i] <= 'z'
			switch {
			case letter && start < 0:
				start = i
			case !letter && start >= 0:
				if !yield(start, i) {
					return
				}
				start = -1
			}
		}
	}
}

// foldASCII lowers text and replaces the accented letters of Spanish with
// their bare letters; any other non-ASCII character becomes a space. at
// maps each byte of the result (and its end) to its offset in text.
func foldASCII(text string) (string, []int) {
	out := make([]byte, 0, len(text))
	at := make([]int, 0, len(text)+1)
	for i, r := range text {
		switch r {
		case 'á', 'Á':
			r = 'a'
		case 'é', 'É':
			r = 'e'
		case 'í', 'Í':
			r = 'i'
		case 'ó', 'Ó':
			r = 'o'
		case 'ú', 'Ú', 'ü', 'Ü':
			r = 'u'
		case 'ñ', 'Ñ':
			r = 'n'
		}
		switch {
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		case r >= 0x80:
			r = ' '
		}
		out = append(out, byte(r))
		at = append(at, i)
	}
	at = append(at, len(text))
	return string(out), at
}
