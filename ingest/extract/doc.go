// Package extract finds what analysts filter and count by in a paragraph of
// Spanish (or English) UN text: dates (normalised to ISO 8601 with their
// precision) and citations of other documents (resolved to full UN
// symbols where the adopting body is clear from the context). Named
// entities are package entity's, which search shares.
//
// Everything here is hand-written regular expressions: go-dateparser was
// evaluated on this text (see the project's ECOSYSTEM notes) and resolves "Mayo – octubre de 2024" to the current
// year, takes "44ª" for a date under its n-gram strategy, and is about 20
// times slower than these patterns; no Spanish named-entity recogniser
// exists for Go.
package extract
