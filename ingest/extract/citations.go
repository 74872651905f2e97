package extract

import (
	"regexp"
	"strings"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/spanish"
)

// Context is what the citing document tells about its citations: who
// adopted it, so that "su resolución 33/28" and "del Consejo" can be
// resolved.
type Context struct {
	Body string // Spanish name of the adopting body: "Consejo de Derechos Humanos"
}

var (
	// fullSymbol matches a UN document symbol written out: "A/HRC/RES/51/34",
	// "CEDAW/C/MEX/CO/9", "S/RES/2768 (2025)", "E/CN.4/2005/L.10".
	// A space after a dot is tolerated, as old documents print it
	// ("CCPR/C/SR. 118").
	fullSymbol     = regexp.MustCompile(`\b[A-Z]{1,8}(?:\.[0-9]+)?(?:/(?:[A-Za-z]+\.\s?[0-9]+|[A-Za-z0-9][A-Za-z0-9.\-]*))+(?:\s*\([0-9]{4}\))?`)
	dotSpace       = regexp.MustCompile(`\.\s+`)
	trailingNumber = regexp.MustCompile(`[0-9]+$`)
	symbolList     = regexp.MustCompile(`^(?:\s*(?:,|y|e|and|a)\s*(?:[A-Z][A-Za-z]{1,4}\.\s?)?[0-9]{1,5}\b)+`)
	listItem       = regexp.MustCompile(`(?:[A-Z][A-Za-z]{1,4}\.\s?)?[0-9]{1,5}`)
	// resolutionKeyword opens a reference to resolutions or decisions.
	resolutionKeyword = regexp.MustCompile(`(?i)\b(resoluci[oó]n(?:es)?|resolutions?|decisi[oó]n(?:es)?|decisions?)\b`)
	// resolutionNumber is "60/251", or a Security Council "2417 (2018)".
	resolutionNumber = regexp.MustCompile(`^(?:[0-9]{1,4}/[0-9]{1,4}(?:\s+[A-Z]\b)?|[0-9]{3,4}\s*\([0-9]{4}\))`)
	// possessiveBefore is "su", "sus" or "its" just before a keyword.
	possessiveBefore = regexp.MustCompile(`(?i)\b(su|sus|its)\s+$`)
	delConsejo       = regexp.MustCompile(`(?i)\bdel\s+consejo\b`)
	// generalComment is a treaty body's general recommendation or comment.
	generalComment = regexp.MustCompile(`(?i)\b(recomendaci[oó]n(?:es)?\s+general(?:es)?|observaci[oó]n(?:es)?\s+general(?:es)?|general\s+recommendations?|general\s+comments?)\s+(?:n[uú]m(?:ero)?\.?\s*|n\.?[º°o]\.?\s*|no\.\s*)?([0-9]{1,3})\b`)
)

// bodyNames maps the names a text uses for adopting bodies to the Spanish
// names that corpus.Bodies knows, longest first when matching.
var bodyNames = []struct{ name, body string }{
	{"Consejo de Derechos Humanos", "Consejo de Derechos Humanos"},
	{"Human Rights Council", "Consejo de Derechos Humanos"},
	{"Consejo de Seguridad", "Consejo de Seguridad"},
	{"Security Council", "Consejo de Seguridad"},
	{"Consejo Económico y Social", "Consejo Económico y Social"},
	{"Economic and Social Council", "Consejo Económico y Social"},
	{"Comisión de Derechos Humanos", "Comisión de Derechos Humanos"},
	{"Commission on Human Rights", "Comisión de Derechos Humanos"},
	{"Asamblea General", "Asamblea General"},
	{"General Assembly", "Asamblea General"},
}

// bodyIn returns the body named last in s (the one nearest to what
// follows), and its position, or "" and -1.
func bodyIn(s string) (string, int) {
	best, at := "", -1
	for _, b := range bodyNames {
		if i := strings.LastIndex(s, b.name); i > at {
			best, at = b.body, i
		}
	}
	return best, at
}

// fillerWord is what may stand between a resolution keyword and the
// numbers it introduces, or between the numbers of a list: connectors,
// body names, dates.
var fillerWord = regexp.MustCompile(`(?i)^(?:[,()]|y|e|and|of|de|del|la|las|el|los|the|su|sus|its|en|particular|in|nos?\.?|núms?\.?|n\.º|consejo|asamblea|general|derechos|humanos|seguridad|económico|social|human|rights|council|assembly|security|economic|commission|comisión|on|adoptadas?|aprobadas?|adopted|[0-9]{1,2}|[0-9]{4}|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|january|february|march|april|may|june|july|august|september|october|november|december)$`)

var listToken = regexp.MustCompile(`[0-9]{1,4}/[0-9]{1,4}(?:\s+[A-Z]\b)?|[0-9]{3,4}\s*\([0-9]{4}\)|[\p{L}.º]+|[0-9]+|[,()]`)

// inAddress reports whether text[i:j] is part of a web address or a file
// path: the word it stands in holds "://", "www." or a drive ("C:/"), or
// it is joined to a path before it ("…/es/A/HRC/…") or to a file
// extension after it ("….pdf").
func inAddress(text string, i, j int) bool {
	if i > 0 && strings.ContainsRune("/\\:.", rune(text[i-1])) {
		return true
	}
	if j < len(text) && text[j] == '.' && j+1 < len(text) && isASCIILetter(text[j+1]) {
		return true
	}
	start := strings.LastIndexAny(text[:i], " \t\n(«\"") + 1
	word := strings.ToLower(text[start:i])
	return strings.Contains(word, "://") || strings.Contains(word, "www.") || strings.Contains(word, ":/")
}

func isASCIILetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// Citations returns the documents text cites, each once, in order:
// written-out symbols, resolutions and decisions by number (resolved to a
// full symbol when the adopting body is clear from the context, kept as
// written otherwise) and treaty bodies' general recommendations.
func Citations(text string, ctx Context) []corpus.Citation {
	var out []corpus.Citation
	seen := map[corpus.Symbol]bool{}
	add := func(sym corpus.Symbol, written string) {
		if sym == "" || seen[sym] {
			return
		}
		seen[sym] = true
		out = append(out, corpus.Citation{Symbol: sym, Text: strings.TrimSpace(written)})
	}
	hasSlash := strings.Contains(text, "/")
	for _, loc := range fullSymbolIndex(text, hasSlash) {
		m := strings.TrimRight(text[loc[0]:loc[1]], ".-")
		if !strings.ContainsAny(m, "0123456789") || strings.Count(m, "/") < 2 {
			continue
		}
		if inAddress(text, loc[0], loc[1]) {
			continue // "http://www.un.org/es/A/HRC/RES/5/1.pdf": a link, not a citation
		}
		s, err := corpus.ParseSymbol(dotSpace.ReplaceAllString(m, "."))
		if err != nil || !s.IsFull() {
			continue
		}
		add(s, m)
		// "CCPR/C/SR.2690 y 2691", "CRC/C/SR.177, 178 y 179",
		// "CCPR/C/58/Add.2 y Add.4", "CCPR/C/SR.942 a SR.945": what
		// follows shares the symbol's stem.
		str := s.String()
		lastPart := str[:strings.LastIndexByte(str, '/')+1]
		numStem := trailingNumber.ReplaceAllString(str, "")
		if more := symbolList.FindString(text[loc[0]+len(m):]); more != "" {
			for _, item := range listItem.FindAllString(more, -1) {
				sibling := numStem + item
				if !spanish.IsDigits(item) {
					sibling = lastPart + dotSpace.ReplaceAllString(item, ".")
				} else if numStem == str {
					continue
				}
				if sib, err := corpus.ParseSymbol(sibling); err == nil {
					add(sib, item)
				}
			}
		}
	}
	var keywords [][]int
	if containsFoldASCII(text, "resol") || containsFoldASCII(text, "decisi") {
		keywords = resolutionKeyword.FindAllStringIndex(text, -1)
	}
	for _, kw := range keywords {
		start, end := kw[0], kw[1]
		// Who adopted what follows? "de la Asamblea General en su
		// resolución": the body just before "su"; "su resolución" alone:
		// the citing document's body.
		before := text[max(0, start-90):start]
		if i := strings.LastIndexAny(before, ";."); i >= 0 {
			before = before[i+1:]
		}
		var preBody string
		if b, at := bodyIn(before); at >= 0 {
			preBody = b
		}
		possessive := possessiveBefore.MatchString(text[max(0, start-6):start])
		if preBody == "" && possessive {
			preBody = ctx.Body
		}
		// Scan the list that follows.
		rest := text[end:]
		var nums, numText []string
		scanned := 0
		for _, loc := range listToken.FindAllStringIndex(rest, 40) {
			if strings.TrimSpace(rest[scanned:loc[0]]) != "" {
				break // something that is not part of the list
			}
			tok := rest[loc[0]:loc[1]]
			scanned = loc[1]
			if resolutionNumber.MatchString(tok) {
				nums = append(nums, tok)
				numText = append(numText, text[start:end+loc[1]])
				continue
			}
			if !fillerWord.MatchString(tok) {
				break
			}
		}
		if len(nums) == 0 {
			continue
		}
		listText := rest[:scanned]
		body := preBody
		if b, at := bodyIn(listText); at >= 0 {
			body = b // "resoluciones del Consejo 5/1", "70/1 de la Asamblea General"
		} else if delConsejo.MatchString(listText) && strings.HasPrefix(ctx.Body, "Consejo") {
			body = ctx.Body
		}
		for i, n := range nums {
			written := n
			if i == 0 {
				written = numText[0]
			}
			if strings.Contains(n, "(") {
				// "2417 (2018)" is a Security Council resolution.
				if s, err := corpus.ParseSymbol("S/RES/" + n); err == nil {
					add(s, written)
				}
				continue
			}
			sym, err := corpus.ParseSymbol(n)
			if err != nil {
				continue
			}
			add(sym.Resolve(body), written)
		}
	}
	var comments [][]string
	// "general" alone is in most UN paragraphs ("Asamblea General"); the
	// pattern also needs one of these.
	if containsFoldASCII(text, "general") && (containsFoldASCII(text, "recomendaci") || containsFoldASCII(text, "observaci") ||
		containsFoldASCII(text, "recommendation") || containsFoldASCII(text, "comment")) {
		comments = generalComment.FindAllStringSubmatch(text, -1)
	}
	for _, m := range comments {
		kind := strings.ToLower(m[1])
		switch {
		case strings.HasPrefix(kind, "recomendaci"), strings.HasPrefix(kind, "general recommendation"):
			kind = "recomendación general"
		default:
			kind = "observación general"
		}
		add(corpus.Symbol(kind+" "+m[2]), m[0])
	}
	return out
}

// containsFoldASCII reports whether s contains needle (lower-case ASCII)
// in any case, without lowering a copy of s.
func containsFoldASCII(s, needle string) bool {
	for i := 0; i+len(needle) <= len(s); i++ {
		j := 0
		for j < len(needle) && s[i+j]|0x20 == needle[j] {
			j++
		}
		if j == len(needle) {
			return true
		}
	}
	return false
}

func fullSymbolIndex(text string, hasSlash bool) [][]int {
	if !hasSlash {
		return nil
	}
	return fullSymbol.FindAllStringIndex(text, -1)
}
