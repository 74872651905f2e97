// Package query is relatoria's query language, a leaf that knows no index:
// Parse reads a query ("niñas tipo:operativo -\"Consejo de Seguridad\"")
// into a tree of Terms, Phrases, Fields, Nots, Ands and Ors, with a
// positioned SyntaxError for text it cannot read; ParseReference reads a
// citation of a document or paragraph ("51/34 §7", "S/RES/2776 (2025),
// Anexo A §7", "Caso Gelman Vs. Uruguay, párr. 193") and RefOf writes
// one. Package search turns a Query into results.
package query
