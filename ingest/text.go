package ingest

import (
	"strings"
)

// readText reads plain text in any of the encodings decode accepts and lays
// it out into paragraphs.
func readText(data []byte) (*extraction, error) {
	s, err := decode(data)
	if err != nil {
		return nil, err
	}
	lines, masthead := dropTextMasthead(splitLines(s))
	lines, symbols := dropFurniture(lines)
	ex := &extraction{blocks: paragraphsFromLines(lines), symbol: masthead}
	if len(symbols) > 0 && masthead == "" {
		ex.symbol = symbols[0]
	}
	return ex, nil
}

// splitLines splits s into lines, accepting \n, \r\n and \r endings.
func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Split(s, "\n")
}
