package corpus

// The document types of Document.Type: what a document is, in the Spanish
// words researchers file it under. A Kind says how relatoria reads a
// document (a resolution's preamble and operative part, a page, anything
// else); a Type says what it is among the documents of the human-rights
// system: a judgment and an order on provisional measures are both
// KindOther, a resolution of the Human Rights Council and one of the
// Inter-American Court's president are of different Kinds but both
// TypeResolucion.
const (
	TypeResolucion     = "resolución"                                // a resolution: of a UN organ, or a court's or its president's order
	TypeProyecto       = "proyecto de resolución"                    // a draft resolution (an L document)
	TypeDeclaracion    = "declaración"                               // a declaration (the Universal Declaration)
	TypeSentencia      = "sentencia"                                 // a court's judgment
	TypeMedidas        = "medidas provisionales"                     // an order on provisional (or urgent) measures
	TypeSupervision    = "supervisión de cumplimiento"               // a resolution monitoring compliance with a judgment
	TypeInterpretacion = "interpretación de sentencia"               // a judgment interpreting an earlier one
	TypeVoto           = "voto separado"                             // a judge's separate, concurring or dissenting opinion
	TypeObservaciones  = "observaciones finales"                     // a treaty body's concluding observations
	TypeInformeEPU     = "informe del Grupo de Trabajo sobre el EPU" // the UPR working group's report on a State
	TypeAdmisibilidad  = "informe de admisibilidad"                  // an IACHR admissibility report
	TypeFondo          = "informe de fondo"                          // an IACHR merits report
	TypeInforme        = "informe"                                   // another report
	TypeLey            = "ley"                                       // a statute
	TypeAcuerdo        = "acuerdo"                                   // a court's or council's agreement (Colombia's "Acuerdo 02 de 2015")
	TypeTaquigrafica   = "versión taquigráfica"                      // the verbatim record of a court's or chamber's session
	TypeCompilacion    = "compilación"                               // a compilation of other documents' paragraphs
)

// DocumentTypes lists every document type, in a stable order.
var DocumentTypes = []string{
	TypeResolucion, TypeProyecto, TypeDeclaracion, TypeSentencia, TypeMedidas, TypeSupervision,
	TypeInterpretacion, TypeVoto, TypeObservaciones, TypeInformeEPU, TypeAdmisibilidad, TypeFondo,
	TypeInforme, TypeLey, TypeAcuerdo, TypeTaquigrafica, TypeCompilacion,
}
