// Package extract finds what analysts filter and count by in a paragraph of
// Spanish (or English) UN text: dates (normalised to ISO 8601 with their
// precision), named entities (UN bodies, agencies, treaties, goals, States
// and places, resolved to one canonical name whatever acronym or variant
// the text uses) and citations of other documents (resolved to full UN
// symbols where the adopting body is clear from the context).
//
// Everything here is hand-written regular expressions and an embedded
// gazetteer: go-dateparser was evaluated on this text (see the project's
// ECOSYSTEM notes) and resolves "Mayo – octubre de 2024" to the current
// year, takes "44ª" for a date under its n-gram strategy, and is about 20
// times slower than these patterns; no Spanish named-entity recogniser
// exists for Go.
package extract
