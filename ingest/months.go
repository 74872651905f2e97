package ingest

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/relatoria/relatoria/corpus"
)

// monthNumber maps Spanish and English month names, lower case, to 1–12.
var monthNumber = map[string]int{
	"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
	"agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}

// fullDate matches a whole date with day, month and year in Spanish
// ("7 de octubre de 2022", "1º de enero de 2020") or English ("13 August
// 2024").
var fullDate = regexp.MustCompile(`(?i)^(?:el\s+|on\s+)?([0-9]{1,2})\s*[º°o]?\s+(?:de\s+)?(\p{L}+)\s+(?:de\s+|del\s+)?([0-9]{4})\.?$`)

// parseFullDate parses a string that is exactly one full date.
func parseFullDate(s string) (corpus.Date, bool) {
	m := fullDate.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return corpus.Date{}, false
	}
	month, ok := monthNumber[strings.ToLower(m[2])]
	if !ok {
		return corpus.Date{}, false
	}
	day, _ := strconv.Atoi(m[1])
	year, _ := strconv.Atoi(m[3])
	d := corpus.Date{Year: year, Month: month, Day: day}
	return d, d.Valid()
}
