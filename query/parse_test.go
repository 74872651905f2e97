package query

import (
	"errors"
	"testing"

	"github.com/relatoria/relatoria/spanish"
)

func TestParse(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"cooperación técnica", "(cooperación técnica)"},
		{`"diálogo constructivo" -pandemia`, `("diálogo constructivo" -pandemia)`},
		{"mujeres OR niñas", "(mujeres OR niñas)"},
		{"(mujeres OR niñas) género", "((mujeres OR niñas) género)"},
		{"coopera* didlogo~", "(coopera* didlogo~)"},
		{"'niñas'", "'niñas'"},
		{"tipo:operativo simbolo:51/34", "(tipo:operativo simbolo:51/34)"},
		{`organo:"Asamblea General" fecha:2022`, `(organo:"Asamblea General" fecha:2022)`},
		{"kind:operative symbol:A/HRC/RES/51/34", "(tipo:operative simbolo:A/HRC/RES/51/34)"},
		{"simbolo:S/RES/2768 (2025)", "simbolo:\"S/RES/2768 (2025)\""},
		{"pais:costa rica violencia", `(pais:"costa rica" violencia)`},
		{"country:Haití", "pais:Haití"},
		{"pais:chile rica", "(pais:chile rica)"},
		{`pais:"República Dominicana"`, `pais:"República Dominicana"`},
		{"(pais:el salvador)", `pais:"el salvador"`},
		{"a AND b", "(a b)"},
		{"NOT a b", "(-a b)"},
	} {
		q, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q) error %v", tt.in, err)
			continue
		}
		if got := q.String(); got != tt.want {
			t.Errorf("Parse(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tt := range []struct {
		in  string
		pos int
	}{
		{"", 1},
		{"niñas (", 7},
		{`"sin cerrar`, 1},
		{"a OR", 5},
		{"OR a", 1},
		{"campo:x", 1},
		{"tipo:", 6},
		{"a ) b", 3},
		{"*", 1},
		{"a*b", 1},
	} {
		_, err := Parse(tt.in)
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Parse(%q) = %v, want *SyntaxError", tt.in, err)
			continue
		}
		if se.Pos != tt.pos {
			t.Errorf("Parse(%q) error at %d (%s), want %d", tt.in, se.Pos, se.Msg, tt.pos)
		}
	}
}

func TestParseReference(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"51/34", "51/34", true},
		{"A/HRC/RES/51/34", "A/HRC/RES/51/34", true},
		{"51/34 7", "51/34 §7", true},
		{"51/34 §7", "51/34 §7", true},
		{"51/34, párrafo 7", "51/34 §7", true},
		{"A/HRC/RES/51/34 párr. 7", "A/HRC/RES/51/34 §7", true},
		{"S/RES/2768 (2025)", "S/RES/2768 (2025)", true},
		{"cooperación técnica", "", false},
		{"tipo:operativo", "", false},
		{"51/34 cooperación", "", false},
		// The paragraph numbers of reports are labels.
		{"A/HRC/17/18 84.3", "A/HRC/17/18 §84.3", true},
		{"A/HRC/17/18 párr. 84.3", "A/HRC/17/18 §84.3", true},
		{"A/HRC/17/18, recomendación 102.157", "A/HRC/17/18 §102.157", true},
		{"A/HRC/17/18 §84.11.", "A/HRC/17/18 §84.11", true},
		{"A/HRC/17/18 4.a", "A/HRC/17/18 §4.a", true},
		{"CEDAW/C/ARG/CO/7 párr. 4 a)", "CEDAW/C/ARG/CO/7 §4.a", true},
		{"CEDAW/C/ARG/CO/7 4(b)", "CEDAW/C/ARG/CO/7 §4.b", true},
		{"A/HRC/17/18 IV.B.3", "A/HRC/17/18 §IV.B.3", true},
		{"A/HRC/17/18 84.3 violencia", "", false},
		{"51/34 §0", "", false},
	} {
		ref, ok := ParseReference(tt.in)
		if ok != tt.ok || ok && ref.String() != tt.want {
			t.Errorf("ParseReference(%q) = %q, %v; want %q, %v", tt.in, ref, ok, tt.want, tt.ok)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"a b", `"x y" -z`, "(a OR b) c*", "tipo:operativo", "51/34 §7", "((((", `'a'`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) error %T", s, err)
			}
			return
		}
		if q.String() == "" {
			t.Fatalf("Parse(%q) gave an empty query", s)
		}
		ParseReference(s)
	})
}

// TestParseNormalizesOnce: every word and phrase carries its text as the
// index reads it, worked out by Parse, so that the searcher does not
// normalise the same words again at each step.
func TestParseNormalizesOnce(t *testing.T) {
	q, err := Parse(`ﬁliación "derechos  humanos" niñas* 'Estado'`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	var walk func(Query)
	walk = func(q Query) {
		switch q := q.(type) {
		case *And:
			for _, x := range q.Xs {
				walk(x)
			}
		case *Term:
			if q.Norm == "" || q.Norm != q.Normalized() || q.Norm != spanish.Normalize(q.Text) {
				t.Errorf("term %q: Norm %q", q.Text, q.Norm)
			}
			got = append(got, q.Norm)
		case *Phrase:
			if q.Norm != spanish.Normalize(q.Text) {
				t.Errorf("phrase %q: Norm %q", q.Text, q.Norm)
			}
			got = append(got, q.Norm)
		}
	}
	walk(q)
	if len(got) != 4 || got[0] != "filiación" {
		t.Errorf("normalised words %q, want 4 beginning with filiación", got)
	}
	if n := (&Term{Text: "ﬁn"}).Normalized(); n != "fin" {
		t.Errorf("a term not made by Parse: Normalized %q, want fin", n)
	}
}
