package index

import (
	"github.com/blevesearch/bleve/v2/search/query"
)

// Query is what a search matches and how it scores what it matches. It is
// made by the functions of this file, which package search composes; the
// bleve query it stands for stays inside this package. The zero Query is
// none: Search refuses it.
type Query struct{ q query.Query }

// Term matches the paragraphs that have term, as the analyzers index it,
// in field.
func Term(field, term string) Query { return inField(query.NewTermQuery(term), field) }

// Match matches the paragraphs that have any of the terms the field's
// analyzer makes of text.
func Match(field, text string) Query { return inField(query.NewMatchQuery(text), field) }

// MatchEvery matches the paragraphs that have every term the field's
// analyzer makes of text, in any order.
func MatchEvery(field, text string) Query {
	m := query.NewMatchQuery(text)
	m.SetOperator(query.MatchQueryOperatorAnd)
	return inField(m, field)
}

// MatchFuzzy matches the paragraphs that have a term within fuzziness
// edits of a term of text, sharing its first prefix characters.
func MatchFuzzy(field, text string, fuzziness, prefix int) Query {
	m := query.NewMatchQuery(text)
	m.SetFuzziness(fuzziness)
	m.SetPrefix(prefix)
	return inField(m, field)
}

// Fuzzy matches the paragraphs that have a term within fuzziness edits of
// term (not analysed), sharing its first prefix characters.
func Fuzzy(field, term string, fuzziness, prefix int) Query {
	f := query.NewFuzzyQuery(term)
	f.SetFuzziness(fuzziness)
	f.SetPrefix(prefix)
	return inField(f, field)
}

// Prefix matches the paragraphs that have a term starting with prefix
// (not analysed) in field.
func Prefix(field, prefix string) Query { return inField(query.NewPrefixQuery(prefix), field) }

// Phrase matches the paragraphs that have the words of text in order in
// field, stop words allowed between them (phraseQuery).
func Phrase(field, text string) Query { return inField(newPhraseQuery(text), field) }

// MatchPhrase matches the paragraphs that have the terms of text in field
// at the positions text has them: bleve's own phrase query.
func MatchPhrase(field, text string) Query { return inField(query.NewMatchPhraseQuery(text), field) }

func inField(q query.FieldableQuery, field string) Query {
	q.SetField(field)
	return Query{q}
}

// MatchAll matches every paragraph.
func MatchAll() Query { return Query{query.NewMatchAllQuery()} }

// And matches what all of qs match, scoring the sum of their scores.
func And(qs ...Query) Query { return Query{query.NewConjunctionQuery(bleveQueries(qs))} }

// Or matches what any of qs matches, scoring the sum of the scores of those
// that match scaled by their share of qs.
func Or(qs ...Query) Query { return Query{query.NewDisjunctionQuery(bleveQueries(qs))} }

// Boolean matches what all of must match (everything, when must is empty
// and should is not), at least minShould of should (when minShould is
// positive) and none of mustNot.
func Boolean(must, should, mustNot []Query, minShould int) Query {
	b := query.NewBooleanQuery(bleveQueries(must), bleveQueries(should), bleveQueries(mustNot))
	if minShould > 0 && len(should) > 0 {
		b.SetMinShould(float64(minShould))
	}
	return Query{b}
}

// Boost multiplies the score of q, a query made by Term, Match or Phrase,
// by boost, and returns it. It changes q itself.
func Boost(q Query, boost float64) Query {
	if b, ok := q.q.(query.BoostableQuery); ok {
		b.SetBoost(boost)
	}
	return q
}

// Fallback matches what primary or fallback matches: a paragraph that
// primary matches has primary's score, exactly as without fallback; any
// other has fallback's score times weight (see fallbackQuery).
func Fallback(primary, fallback Query, weight float64) Query {
	return Query{&fallbackQuery{Primary: primary.q, Fallback: fallback.q, Weight: weight}}
}

func bleveQueries(qs []Query) []query.Query {
	if qs == nil {
		return nil
	}
	out := make([]query.Query, len(qs))
	for i, q := range qs {
		out[i] = q.q
	}
	return out
}
