// Package entity finds the named entities of Spanish (or English) UN text:
// UN bodies, agencies, treaties, development goals, States and places,
// each resolved to one canonical name whatever acronym or variant the text
// uses, from an embedded gazetteer of the UN system and the countries and
// territories of CLDR.
//
// The countries are also a table of their own (data/countries.tsv: ISO
// 3166-1 codes, Spanish and English names from CLDR, official long names,
// demonyms), for the State a document concerns: LookupCountry ("haiti",
// "República Oriental del Uruguay"), CountryByCode ("ARG" in
// "CEDAW/C/ARG/CO/6"), CountryOfDemonym ("el Estado argentino") and
// FindCountries; search resolves its country filter with LookupCountry.
//
// Ingest uses it to label every paragraph (Gazetteer.Entities, with the
// acronyms a document defines, Gazetteer.Define); search uses it to
// resolve an analyst's entity filter ("acnur", "Alto Comisionado para los
// Refugiados") to the same canonical name (Gazetteer.Lookup). It lives
// outside ingest so that search does not import the readers of PDF and
// HTML, and outside package spanish so that the packages that only need
// the text rules (index, lineage, OCR repair) do not load the gazetteer
// and CLDR's display names. Names are matched folded (spanish.FoldLower),
// so case and accents do not matter.
package entity
