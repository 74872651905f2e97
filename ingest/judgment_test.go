package ingest

import (
	"testing"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/ingest/extract"
)

func TestJudgment(t *testing.T) {
	heading := func(s string) corpus.Paragraph { return corpus.Paragraph{Kind: corpus.Heading, Text: s} }
	for _, tt := range []struct {
		name  string
		paras []corpus.Paragraph
		want  *corpus.Case
	}{
		{"capitals", []corpus.Paragraph{heading("CORTE INTERAMERICANA DE DERECHOS HUMANOS"), heading("CASO GÓMEZ VIRULA Y OTROS VS. GUATEMALA"), heading("SENTENCIA DE 21 DE NOVIEMBRE DE 2019")},
			&corpus.Case{Name: "Caso Gómez Virula y otros Vs. Guatemala", Date: corpus.Date{Year: 2019, Month: 11, Day: 21}}},
		{"initials and series", []corpus.Paragraph{heading("Corte Interamericana de Derechos Humanos"), heading("CASO V.R.P., V.P.C. Y OTROS VS. NICARAGUA"), heading("Serie C No. 350")},
			&corpus.Case{Name: "Caso V.R.P., V.P.C. y otros Vs. Nicaragua", Series: "Serie C No. 350"}},
		{"the opening sentence, after the date", []corpus.Paragraph{heading("CORTE INTERAMERICANA DE DERECHOS HUMANOS"), heading("SENTENCIA DE 2 DE SEPTIEMBRE DE 2016"), {Kind: corpus.Plain, Text: "En el caso López Lone y otros, la Corte Interamericana de Derechos Humanos, integrada por"}},
			&corpus.Case{Name: "Caso López Lone y otros", Date: corpus.Date{Year: 2016, Month: 9, Day: 2}}},
		{"not the Court", []corpus.Paragraph{heading("Tribunal Supremo"), heading("Caso Pérez Vs. Gómez")}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc := &corpus.Document{Paragraphs: tt.paras}
			judgment(doc)
			switch {
			case tt.want == nil && doc.Case != nil:
				t.Errorf("Case = %+v, want none", doc.Case)
			case tt.want != nil && (doc.Case == nil || *doc.Case != *tt.want):
				t.Errorf("Case = %+v, want %+v", doc.Case, tt.want)
			}
		})
	}
}

func TestOwnCitations(t *testing.T) {
	// A separate opinion bound with the judgment cites it in full: that
	// gives the series number, and the citation is dropped.
	doc := &corpus.Document{
		Case: &corpus.Case{Name: "Caso Cordero Bernal Vs. Perú", Date: corpus.Date{Year: 2021, Month: 2, Day: 16}},
		Paragraphs: []corpus.Paragraph{
			{Kind: corpus.Footnote, Text: "3 Cfr. Caso Cordero Bernal Vs. Perú. Excepción Preliminar y Fondo. Sentencia de 16 de febrero de 2021. Serie C No. 421, párr. 102; Caso López Lone y otros Vs. Honduras. Sentencia de 5 de octubre de 2015. Serie C No. 302, párr. 257."},
		},
	}
	extract.CaseCitations(doc)
	ownCitations(doc)
	if doc.Case.Series != "Serie C No. 421" {
		t.Errorf("Series = %q, want Serie C No. 421", doc.Case.Series)
	}
	cs := doc.Paragraphs[0].Citations
	if len(cs) != 1 || cs[0].Symbol != "Serie C No. 302" {
		t.Errorf("citations = %+v, want only Serie C No. 302", cs)
	}
	// A resolution does not cite itself.
	res := &corpus.Document{Symbol: "S/RES/2776 (2025)", Paragraphs: []corpus.Paragraph{{Text: "x", Citations: []corpus.Citation{{Symbol: "S/RES/2776 (2025)"}, {Symbol: "2776 (2025)"}, {Symbol: "S/RES/2713 (2023)"}}}}}
	ownCitations(res)
	if cs := res.Paragraphs[0].Citations; len(cs) != 1 || cs[0].Symbol != "S/RES/2713 (2023)" {
		t.Errorf("citations of S/RES/2776 (2025) = %+v, want only S/RES/2713 (2023)", cs)
	}
}
