package ingest

import (
	"testing"

	"github.com/relatoria/relatoria/corpus"
)

// asPDFText builds a Document from text as ingest builds one from a PDF's
// text (paragraphs split at blank lines, no font sizes).
func asPDFText(tb testing.TB, text string) *corpus.Document {
	tb.Helper()
	ex, err := readText([]byte(text))
	if err != nil {
		tb.Fatal(err)
	}
	return build("x.pdf", corpus.FormatPDF, ex, Options{NoRepair: true})
}

// TestIdentityCues has a document for each kind of cue a document names
// itself by; each fails without the rule that reads it.
func TestIdentityCues(t *testing.T) {
	tests := []struct {
		name                            string
		text                            string
		title, body, date, typ, country string
	}{
		{
			name:  "provisional measures respecto de, date in the heading",
			text:  "RESOLUCIÓN DE LA\nCORTE INTERAMERICANA DE DERECHOS HUMANOS\nDE 22 DE FEBRERO DE 2011\n\nMEDIDAS PROVISIONALES RESPECTO DE HAITÍ\n\nVISTO:\n\n1. El escrito de 9 de febrero de 2011, mediante el cual la Comisión Interamericana sometió a la Corte una solicitud.\n",
			title: "RESOLUCIÓN DE LA CORTE INTERAMERICANA DE DERECHOS HUMANOS DE 22 DE FEBRERO DE 2011 / MEDIDAS PROVISIONALES RESPECTO DE HAITÍ",
			body:  "Corte Interamericana de Derechos Humanos", date: "2011-02-22", typ: corpus.TypeMedidas, country: "Haití",
		},
		{
			name:  "judgment: Caso … Vs., Sentencia de",
			text:  "Corte Interamericana de Derechos Humanos\n\nCaso Gelman Vs. Uruguay\n\nSentencia de 24 de febrero de 2011\n(Fondo y Reparaciones)\n\nEn el caso Gelman, la Corte Interamericana de Derechos Humanos, integrada por los siguientes jueces:\n",
			title: "Corte Interamericana de Derechos Humanos / Caso Gelman Vs. Uruguay / Sentencia de 24 de febrero de 2011 (Fondo y Reparaciones)",
			body:  "Corte Interamericana de Derechos Humanos", date: "2011-02-24", typ: corpus.TypeSentencia, country: "Uruguay",
		},
		{
			name: "treaty body: adoptadas el, symbol with ISO alpha-3",
			text: "CEDAW/C/ARG/CO/6\n\nObservaciones finales del Comité para la Eliminación de la Discriminación contra la Mujer\n\n1. El Comité examinó el sexto informe periódico del Estado parte en sus sesiones 718ª y 719ª. Las presentes observaciones finales fueron adoptadas el 9 de marzo de 2006.\n\n2. El Comité encomia al Estado parte.\n\n3. El Comité insta al Estado parte.\n",
			body: "Comité para la Eliminación de la Discriminación contra la Mujer", date: "2006-03-09", typ: corpus.TypeObservaciones, country: "Argentina",
		},
		{
			name:  "IACHR report: a country alone on a line with its date, subject defined (en adelante)",
			text:  "INFORME No. 47/09\nPETICIÓN 969-03\nADMISIBILIDAD\nBONIFACIO RÍOS AVALOS\nPARAGUAY\n19 de marzo de 2009\n\nI. RESUMEN\n\n1. Las actuaciones fueron iniciadas por la Comisión Interamericana de Derechos Humanos (en lo sucesivo \"Comisión\") tras recibir una petición.\n",
			title: "INFORME No. 47/09 / PETICIÓN 969-03 / ADMISIBILIDAD / BONIFACIO RÍOS AVALOS / PARAGUAY / 19 de marzo de 2009",
			body:  "Comisión Interamericana de Derechos Humanos", date: "2009-03-19", typ: corpus.TypeAdmisibilidad, country: "Paraguay",
		},
		{
			name:  "court in a place-and-date line, date in words, State by its judiciary",
			text:  "SALA DE DERECHO CONSTITUCIONAL Y SOCIAL PERMANENTE\nCORTE SUPREMA DE JUSTICIA DE LA REPÚBLICA\n\nPROCESO DE AMPARO N.º 1231-2025\n\nLima, veintiuno de mayo de dos mil veintiséis.\n\nI. VISTA: La causa número mil doscientos treinta y uno, en audiencia pública de la fecha; ha emitido la siguiente sentencia, conforme a la Constitución Política del Perú:\n",
			title: "SALA DE DERECHO CONSTITUCIONAL Y SOCIAL PERMANENTE / CORTE SUPREMA DE JUSTICIA DE LA REPÚBLICA / PROCESO DE AMPARO N.º 1231-2025",
			body:  "Corte Suprema de Justicia de la República", date: "2026-05-21", typ: corpus.TypeSentencia, country: "Perú",
		},
		{
			name:  "the State defined as the party, signature line at the end",
			text:  "RESOLUCIÓN DE LA CORTE INTERAMERICANA DE DERECHOS HUMANOS\n\nCASO HERRERA ULLOA\n\nSUPERVISIÓN DE CUMPLIMIENTO DE SENTENCIA\n\nVISTOS:\n\n1. El escrito mediante el cual el Estado de Costa Rica (en adelante “el Estado” o “Costa Rica”) remitió una comunicación.\n\nRESUELVE:\n\n1. Requerir al Estado que adopte las medidas necesarias.\n\nSan José, Costa Rica, 26 de noviembre de 2010\n",
			title: "RESOLUCIÓN DE LA CORTE INTERAMERICANA DE DERECHOS HUMANOS / CASO HERRERA ULLOA / SUPERVISIÓN DE CUMPLIMIENTO DE SENTENCIA",
			body:  "Corte Interamericana de Derechos Humanos", date: "2010-11-26", typ: corpus.TypeSupervision, country: "Costa Rica",
		},
		{
			name:  "a law: register's promulgation date, legislature",
			text:  "Ley 21067\n\nCREA LA DEFENSORÍA DE LOS DERECHOS DE LA NIÑEZ\nMINISTERIO SECRETARÍA GENERAL DE LA PRESIDENCIA\nFecha Publicación: 29-ENE-2018 | Fecha Promulgación: 22-ENE-2018\n\nTeniendo presente que el H. Congreso Nacional ha dado su aprobación al siguiente\n\nProyecto de ley:\n",
			title: "Ley 21067 / CREA LA DEFENSORÍA DE LOS DERECHOS DE LA NIÑEZ / MINISTERIO SECRETARÍA GENERAL DE LA PRESIDENCIA",
			body:  "Congreso Nacional", date: "2018-01-22", typ: corpus.TypeLey,
		},
		{
			name:  "a register's record: Roj and ECLI, labelled court and date",
			text:  "Roj: STS 3378/2022 - ECLI:ES:TS:2022:3378\nId Cendoj: 28079140012022100647\nÓrgano: Tribunal Supremo. Sala de lo Social\nFecha: 20/09/2022\nTipo de Resolución: Sentencia\n",
			title: "Roj: STS 3378/2022 - ECLI:ES:TS:2022:3378",
			body:  "Tribunal Supremo", date: "2022-09-20", typ: corpus.TypeSentencia, country: "España",
		},
		{
			name:  "UPR report: the State on its own line under the title",
			text:  "Consejo de Derechos Humanos\n17º período de sesiones\nTema 6 de la agenda\nExamen periódico universal\n\nInforme del Grupo de Trabajo sobre el Examen Periódico Universal*\n\nChile\n\nI. Resumen del proceso de examen\n\n1. El Grupo de Trabajo celebró su décimo período de sesiones.\n",
			title: "Informe del Grupo de Trabajo sobre el Examen Periódico Universal / Chile",
			body:  "Grupo de Trabajo sobre el Examen Periódico Universal", typ: corpus.TypeInformeEPU, country: "Chile",
		},
		{
			name:  "a separate opinion; an adjective names the State",
			text:  "VOTO CONCURRENTE DEL JUEZ SERGIO GARCÍA RAMÍREZ\n\nCORTE INTERAMERICANA DE DERECHOS HUMANOS\n\nSENTENCIA DE 2 DE JULIO DE 2004\n\n1. Concurro con la sentencia, que condena al Estado costarricense por la violación del artículo 13.\n",
			title: "VOTO CONCURRENTE DEL JUEZ SERGIO GARCÍA RAMÍREZ / CORTE INTERAMERICANA DE DERECHOS HUMANOS / SENTENCIA DE 2 DE JULIO DE 2004",
			body:  "Corte Interamericana de Derechos Humanos", date: "2004-07-02", typ: corpus.TypeVoto, country: "Costa Rica",
		},
		{
			name:  "several States named: no country",
			text:  "INFORME ANUAL SOBRE LA SITUACIÓN DE LOS DERECHOS HUMANOS EN LA REGIÓN\n\n1. El Estado de Chile y el Estado de Guatemala (en adelante “los Estados”) presentaron información, como la República de Colombia.\n",
			title: "INFORME ANUAL SOBRE LA SITUACIÓN DE LOS DERECHOS HUMANOS EN LA REGIÓN",
			typ:   corpus.TypeInforme,
		},
		{
			name:  "a region named like a territory is no State",
			text:  "PROCESO DE AMPARO N.º 12-2025\nSAN MARTÍN\n\nEl juzgado de San Martín resolvió no dictar medidas.\n",
			title: "PROCESO DE AMPARO N.º 12-2025 / SAN MARTÍN",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := asPDFText(t, tt.text)
			got := [5]string{doc.Title, doc.Body, doc.Adopted.String(), doc.Type, doc.Country}
			want := [5]string{tt.title, tt.body, tt.date, tt.typ, tt.country}
			names := [5]string{"title", "body", "date", "type", "country"}
			for k := range got {
				if k == 0 && want[0] == "" {
					continue
				}
				if got[k] != want[k] {
					t.Errorf("%s = %q, want %q", names[k], got[k], want[k])
				}
			}
		})
	}
}

// TestVoteLineDate checks that a resolution whose vote line carries the
// date ("[Aprobada sin votación.] 6 de octubre de 2020") is dated by it.
func TestVoteLineDate(t *testing.T) {
	text := "45/31. Promoción de un orden internacional democrático y equitativo\n\nEl Consejo de Derechos Humanos,\n\nReafirmando sus resoluciones anteriores,\n\n1. Decide seguir examinando la cuestión;\n\n40ª sesión\n\n[Aprobada sin votación.] 6 de octubre de 2020\n"
	doc, err := Read("r.txt", []byte(text), Options{NoRepair: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Adopted.String(); got != "2020-10-06" {
		t.Errorf("Adopted = %q, want 2020-10-06", got)
	}
	if doc.Vote != "Aprobada sin votación." {
		t.Errorf("Vote = %q, want %q", doc.Vote, "Aprobada sin votación.")
	}
	if doc.Type != corpus.TypeResolucion || doc.Body != "Consejo de Derechos Humanos" {
		t.Errorf("Type, Body = %q, %q", doc.Type, doc.Body)
	}
}

// TestIdentityMarkdown checks a compilation's country from its front
// matter and body from its heading; a compilation of several reports has
// no one date.
func TestIdentityMarkdown(t *testing.T) {
	text := "---\ntitle: \"Comité contra la Tortura: Observaciones referidas a las mujeres y las niñas\"\ncategories:\n   - \"Guatemala\"\n---\n# Comité contra la Tortura: Observaciones referidas a las mujeres y las niñas\n\n## 1º Observaciones finales adoptadas el 10 de mayo de 2006\n\n12. El Comité recomienda.\n\n## 2º Observaciones finales adoptadas el 12 de mayo de 2013\n\n14. El Comité insta.\n"
	doc, err := Read("c.md", []byte(text), Options{NoRepair: true})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Country != "Guatemala" || doc.Body != "Comité contra la Tortura" || !doc.Adopted.IsZero() || doc.Type != corpus.TypeCompilacion {
		t.Errorf("Country, Body, Adopted, Type = %q, %q, %q, %q; want Guatemala, Comité contra la Tortura, none, %s", doc.Country, doc.Body, doc.Adopted, doc.Type, corpus.TypeCompilacion)
	}
}
