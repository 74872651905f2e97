package lineage

import "testing"

// BenchmarkNewSketch sketches a typical operative paragraph, as ingest
// does for every paragraph.
func BenchmarkNewSketch(b *testing.B) {
	text := "Exhorta a todos los Estados a que adopten medidas eficaces, incluidas medidas legislativas, para prevenir, investigar y sancionar la violencia contra las mujeres y las niñas en todas sus formas y manifestaciones, y a que garanticen a las víctimas el acceso a la justicia y a una reparación efectiva, en consulta con la sociedad civil"
	b.ReportAllocs()
	for b.Loop() {
		NewSketch(text)
	}
}
