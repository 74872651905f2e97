// Package testcorpus holds the documents and indexes that the tests of
// several packages (search, web) are written against: the bundled sample
// indexed with recurrence flags, a temporary index of given documents,
// and small made-up documents. It is imported by tests only.
package testcorpus

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/ingest"
	"github.com/relatoria/relatoria/recurrence"
)

// SampleIndex returns a memory index of the bundled sample corpus, in two
// shards (results and facets are merged), with the paragraphs'
// recurrence flags; it is closed when the test ends.
func SampleIndex(tb testing.TB) *index.Index {
	tb.Helper()
	ix, err := index.NewTemporary(2)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	l := Linker(tb, ix)
	for doc, err := range ingest.Dir(corpus.Sample, ingest.Options{}) {
		if err != nil {
			tb.Fatal(err)
		}
		if err := l.Add(context.Background(), doc); err != nil {
			tb.Fatal(err)
		}
	}
	return ix
}

// Indexed returns a temporary index of docs, added through a Linker
// (which it finds recurrences with), and that Linker; both are closed
// when the test ends.
func Indexed(tb testing.TB, docs ...*corpus.Document) (*index.Index, *recurrence.Linker) {
	tb.Helper()
	ix, err := index.NewTemporary()
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	l := Linker(tb, ix)
	if err := l.Add(context.Background(), docs...); err != nil {
		tb.Fatal(err)
	}
	return ix, l
}

// Linker returns a Linker of ix with its store beside it, closed before
// ix when the test ends (ix's Cleanup must be registered first).
func Linker(tb testing.TB, ix *index.Index) *recurrence.Linker {
	tb.Helper()
	l := recurrence.NewLinker(ix, recurrence.Open(ix.Dir()))
	tb.Cleanup(func() {
		if err := l.Close(); err != nil {
			tb.Error(err)
		}
	})
	return l
}

// RenewedPair returns a Human Rights Council resolution and the one that
// renews it a year later, citing it, with one paragraph changed, one new
// and one removed; a paragraph carries markup to be escaped.
func RenewedPair() (old, new *corpus.Document) {
	doc := func(sym string, year int, texts ...string) *corpus.Document {
		d := &corpus.Document{ID: sym, Symbol: corpus.Symbol(sym), Kind: corpus.KindResolution, Format: corpus.FormatText,
			Source: sym + ".txt", Title: "Los derechos humanos y el cambio climático", Body: "Consejo de Derechos Humanos",
			Adopted: corpus.Date{Year: year, Month: 7, Day: 10}}
		for i, t := range texts {
			p := corpus.Paragraph{Ordinal: i + 1, Number: corpus.NumberOf(i + 1), Kind: corpus.Operative, Text: t, Original: t}
			if strings.Contains(t, "resolución 50/9") {
				p.Citations = []corpus.Citation{{Symbol: "A/HRC/RES/50/9", Text: "resolución 50/9"}}
			}
			d.Paragraphs = append(d.Paragraphs, p)
		}
		return d
	}
	old = doc("A/HRC/RES/50/9", 2022,
		"Exhorta a los Estados a que adopten medidas para proteger los derechos de las personas afectadas por el cambio climático",
		"Pide a la Alta Comisionada que presente un informe al Consejo en su 52º período de sesiones sobre <script>alert(1)</script>",
		"Alienta a los Estados a que cooperen con los procedimientos especiales del Consejo de Derechos Humanos en esta materia",
		"Decide seguir ocupándose de la cuestión")
	new = doc("A/HRC/RES/53/6", 2023,
		"Recordando su resolución 50/9, exhorta a los Estados a que adopten medidas para proteger los derechos de las personas afectadas por el cambio climático",
		"Pide a la Alta Comisionada que presente un informe al Consejo en su 55º período de sesiones sobre <script>alert(1)</script>",
		"Reconoce la contribución de las defensoras del medio ambiente a la acción climática y pide que se las proteja",
		"Decide seguir ocupándose de la cuestión")
	return old, new
}

// CountryDocs are four documents: three about a State each, one about
// none.
func CountryDocs() []*corpus.Document {
	mk := func(id, title, body, typ, country string, date corpus.Date, texts ...string) *corpus.Document {
		d := &corpus.Document{ID: id, Source: id + ".pdf", Format: corpus.FormatPDF, Kind: corpus.KindOther,
			Title: title, Body: body, Type: typ, Country: country, Adopted: date}
		for i, t := range texts {
			d.Paragraphs = append(d.Paragraphs, corpus.Paragraph{Ordinal: i + 1, Number: corpus.NumberOf(i + 1), Kind: corpus.Plain, Text: t, Original: t})
		}
		return d
	}
	return []*corpus.Document{
		mk("doc-gelman", "CORTE INTERAMERICANA DE DERECHOS HUMANOS / CASO GELMAN VS. URUGUAY", "Corte Interamericana de Derechos Humanos",
			corpus.TypeSentencia, "Uruguay", corpus.Date{Year: 2011, Month: 2, Day: 24},
			"La desaparición forzada de María Claudia García constituye una violación múltiple de derechos.",
			"El Estado debe investigar la violencia contra las mujeres detenidas."),
		mk("doc-artavia", "CASO ARTAVIA MURILLO Y OTROS VS. COSTA RICA", "Corte Interamericana de Derechos Humanos",
			corpus.TypeVoto, "Costa Rica", corpus.Date{Year: 2012, Month: 11, Day: 28},
			"La prohibición de la fecundación in vitro afecta la vida privada y familiar.",
			"La violencia contra las mujeres es una forma de discriminación."),
		mk("doc-rd", "Examen Periódico Universal: República Dominicana", "Grupo de Trabajo sobre el Examen Periódico Universal",
			corpus.TypeInformeEPU, "República Dominicana", corpus.Date{},
			"Adoptar medidas contra la violencia de género y la trata de personas."),
		mk("doc-region", "Informe regional", "", corpus.TypeInforme, "", corpus.Date{},
			"La violencia contra las mujeres en la región exige respuestas coordinadas."),
	}
}

// RefsFiles are the documents of the reference tests: compilations whose
// reports number their paragraphs from 1 each (CLADEM), a resolution whose
// annexes number their own items, and two judgments of the
// Inter-American Court (operative points, separate opinions and quoted
// lists numbered from 1 again; one cites the other), as paths from the
// module's root.
var RefsFiles = []string{
	"search/testdata/cladem/2001-01-05-Comite_para_la_Eliminacion_de_la_Discriminacion_contra_la_Mujer_Conclusiones_y_recomendaciones_para_Argentina.md",
	"search/testdata/cladem/2006-01-08-Examen_Periodico_Universal_EPU_Observaciones_referidas_a_las_mujeres_y_las_ninas.md",
	"search/testdata/cladem/2003-01-02-Comite_de_Derechos_Humanos_Observaciones_referidas_a_las_mujeres_y_las_ninas.md",
	"ingest/testdata/docs/S_RES_2776__2025_.en.pdf",
	"search/testdata/refs/corteidh_1988_velasquezrodriguez_sentencia.pdf",
	"search/testdata/refs/corteidh_2021_corderobernal_sentencia.pdf",
}

// RefsIndex returns a temporary index of RefsFiles, read from the module
// whose root is root; withoutJudgments leaves the two judgments out (the
// race detector makes reading them outlast ingest's deadline).
func RefsIndex(root string, withoutJudgments bool) (*index.Index, error) {
	ix, err := index.NewTemporary(2)
	if err != nil {
		return nil, err
	}
	for _, name := range RefsFiles {
		if withoutJudgments && strings.Contains(name, "corteidh") {
			continue
		}
		doc, err := ingest.File(os.DirFS(root), name, ingest.Options{})
		if err != nil {
			ix.Close()
			return nil, err
		}
		if err := ix.Add(context.Background(), doc); err != nil {
			ix.Close()
			return nil, err
		}
	}
	return ix, nil
}

// LineageDocs returns RenewedPair's two resolutions, an undated
// compilation without a symbol that quotes the older one's first
// paragraph three times, and twelve reports without symbols that end on
// the same formula.
func LineageDocs() []*corpus.Document {
	old, new := RenewedPair()
	quote := old.Paragraphs[0].Text
	comp := &corpus.Document{ID: "doc-1cc14b834dc23633", Kind: corpus.KindOther, Format: corpus.FormatMarkdown, Source: "sistematizacion.md",
		Title: "Sistematización por temáticas: cambio climático", Country: "Argentina"}
	for i, t := range []string{"Recomendaciones de los órganos de tratados sobre el cambio climático y los derechos humanos en el país", quote, quote, quote} {
		comp.Paragraphs = append(comp.Paragraphs, corpus.Paragraph{Ordinal: i + 1, Kind: corpus.ListItem, Text: t, Original: t})
	}
	docs := []*corpus.Document{old, new, comp}
	for i := range 12 {
		country := []string{"Chile", "Perú", "Bolivia", "Ecuador"}[i%4]
		d := &corpus.Document{ID: fmt.Sprintf("doc-%016x", 0xabc0+i), Kind: corpus.KindOther, Format: corpus.FormatMarkdown,
			Source: fmt.Sprintf("epu-%d.md", i), Title: "Examen Periódico Universal: observaciones referidas a las mujeres", Country: country}
		for j, t := range []string{fmt.Sprintf("El Estado examinado número %d recibió recomendaciones sobre la violencia de género en su ciclo de examen", i),
			"No se observan recomendaciones con perspectiva de género."} {
			d.Paragraphs = append(d.Paragraphs, corpus.Paragraph{Ordinal: j + 1, Kind: corpus.Preambular, Text: t, Original: t})
		}
		docs = append(docs, d)
	}
	return docs
}
