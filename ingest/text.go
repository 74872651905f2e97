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
	ex := &extraction{}
	all := splitLines(s)
	lines, masthead := dropTextMasthead(all)
	for i, l := range lines {
		if l == "" {
			ex.drop("masthead", all[i])
		}
	}
	lines, symbols := dropFurniture(lines, ex)
	ex.blocks, ex.symbol = paragraphsFromLines(lines), masthead
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
