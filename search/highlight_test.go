package search

import (
	"strings"
	"testing"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/query"
)

func TestHighlight(t *testing.T) {
	long := strings.Repeat("texto de relleno sin nada que ver ", 12)
	tests := []struct {
		query, text string
		repairs     []corpus.Repair
		want        string
	}{
		{"cooperacion tecnica", "La Cooperación técnica <y> más", nil, "La <mark>Cooperación</mark> <mark>técnica</mark> &lt;y&gt; más"},
		{"niñas", "las niñas y los niños", nil, "las <mark>niñas</mark> y los <mark>niños</mark>"}, // gender endings are ignored, as in matching
		{"'niñas'", "las niñas y las ninas", nil, "las <mark>niñas</mark> y las ninas"},
		{"'derechos de las mujeres'", "derechos de las mujeres y derecho de la mujer", nil, "<mark>derechos</mark> de las <mark>mujeres</mark> y derecho de la mujer"},
		{"coopera*", "la cooperación y los cooperantes", nil, "la <mark>cooperación</mark> y los <mark>cooperantes</mark>"},
		{"dialgo~", "un diálogo constructivo", nil, "un <mark>diálogo</mark> constructivo"},
		{"didlogo", "un diálogo constructivo", []corpus.Repair{{From: "didlogo", To: "diálogo"}}, "un <mark>diálogo</mark> constructivo"},
		{"violencia -niñas", "violencia contra niñas", nil, "<mark>violencia</mark> contra niñas"},
		{"organo:CDH", "violencia contra niñas", nil, ""},
		{"mujeres", long + "las mujeres rurales. " + long, nil, "…"},
	}
	for _, tt := range tests {
		q, err := query.Parse(tt.query)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.query, err)
		}
		got := newMarker(q).highlight(&corpus.Paragraph{Text: tt.text, Repairs: tt.repairs})
		if tt.want == "…" {
			if !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") || !strings.Contains(got, "<mark>mujeres</mark>") || len(got) > fragmentSize+40 {
				t.Errorf("%q on a long text: %q", tt.query, got)
			}
			continue
		}
		if got != tt.want {
			t.Errorf("%q on %q:\n got %q\nwant %q", tt.query, tt.text, got, tt.want)
		}
	}
}

func TestWriteTextCount(t *testing.T) {
	for total, want := range map[uint64]string{0: `ningún párrafo para «x»`, 1: `1 párrafo para «x»`, 17: `17 párrafos para «x»`, 4321: `4.321 párrafos para «x»`} {
		var b strings.Builder
		WriteText(&b, &Results{Query: "x", Total: total}, 0)
		if first, _, _ := strings.Cut(b.String(), "\n"); first != want {
			t.Errorf("total %d: %q, want %q", total, first, want)
		}
	}
}
