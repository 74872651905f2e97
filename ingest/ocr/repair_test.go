package ocr

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRepairWords(t *testing.T) {
	r, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ in, want string }{
		// The damage the OCR issue lists, from seed 003.
		{"cooperacidon", "cooperación"}, {"Econdmicos", "Económicos"}, {"periddico", "periódico"},
		{"desempefiado", "desempeñado"}, {"nifias", "niñas"}, {"6rganos", "órganos"},
		{"Ilamamientos", "llamamientos"}, {"&mbito", "ámbito"}, {"admbitos", "ámbitos"},
		{"didlogo", "diálogo"}, {"précticas", "prácticas"}, {"maltiples", "múltiples"},
		{"propoésito", "propósito"}, {"resolucion", "resolución"}, {"asi", "así"},
		// "periodo" and "período" are both right: the ordinal is mended,
		// the word left as written.
		{"antes del 53¢ periodo", "antes del 53º periodo"}, {"en su 53* periodo", "en su 53º periodo"},
		{"442 sesion", "44ª sesión"}, {"resoluciones 5/1y 5/2", "resoluciones 5/1 y 5/2"},
		{"de 2007,y 16/21", "de 2007, y 16/21"}, {"las victimas y la cooperacidon", "las víctimas y la cooperación"},
		{"titulado “Informe sobre derechos humanos™,", "titulado “Informe sobre derechos humanos”,"},
		// Context: valid words that differ by accents, chosen by their
		// neighbours, where OCR damage is near; words of the field;
		// split and merged words; ordinal signs.
		{"la vida publica y la politica publica", "la vida pública y la política pública"},
		{"mas de la mitad de las nifias", "más de la mitad de las niñas"},
		{"el dialogo interactivo con los 6rganos", "el diálogo interactivo con los órganos"},
		{"en virtud del articulo 12 de la Convencion", "en virtud del artículo 12 de la Convención"},
		{"relacionados entre si y con la cooperacién", "relacionados entre sí y con la cooperación"},
		{"la Republica de Panama y la cooperacién", "la República de Panamá y la cooperación"},
		{"los Sindicos de la cooperacién", "los Síndicos de la cooperación"},
		{"las personas sobre vivientes de la cooperacién", "las personas sobrevivientes de la cooperación"},
		{"la delaComisión Interamericana", "la de la Comisión Interamericana"}, {"losderechos humanos", "los derechos humanos"},
		{"EI Comité recomienda", "El Comité recomienda"}, {"1” Observaciones finales", "1º Observaciones finales"},
		{"en sus sesiones 1940*, 1941* y 1942*, celebradas", "en sus sesiones 1940ª, 1941ª y 1942ª, celebradas"},
		{"en su 128* sesión", "en su 128ª sesión"}, {"N* 5", "Nº 5"},
		// Context leaves valid words where it has no evidence.
		{"esta resolución", "esta resolución"}, {"el Comité publica su informe", "el Comité publica su informe"},
		{"el solo hecho", "el solo hecho"}, {"Max Planck", "Max Planck"}, {"el 25% de", "el 25% de"},
		{"“el número 1” dijo", "“el número 1” dijo"}, {"¿Cuántos son 5? Nadie", "¿Cuántos son 5? Nadie"},
		{"resolución 60/251* y", "resolución 60/251* y"}, {"el 1° de enero", "el 1° de enero"},
		// Left alone: known words, names, acronyms, symbols, numbers.
		{"cooperación técnica", "cooperación técnica"}, {"Gwangju", "Gwangju"}, {"MESECVI", "MESECVI"},
		{"A/HRC/RES/51/34", "A/HRC/RES/51/34"}, {"GE.22-16568", "GE.22-16568"}, {"2030", "2030"},
		{"CEDAW/C/MEX/CO/9", "CEDAW/C/MEX/CO/9"}, {"LGBTIQ+", "LGBTIQ+"}, {"UN80", "UN80"},
		{"la esta", "la esta"}, {"Estados Miembros", "Estados Miembros"},
	} {
		got, _, _ := r.Repair(tt.in)
		if got != tt.want {
			t.Errorf("Repair(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestMendDegrees checks that degree signs after numbers become ordinals
// in damaged text, and nothing else does.
// TestRepairGuards checks what repair never changes, even in OCR output:
// each case fails without its guard (see guard.go).
func TestRepairGuards(t *testing.T) {
	r, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ in, want string }{
		// A valid word stays valid without damage around it.
		{"la Comisión realizara una visita", "la Comisión realizara una visita"},
		{"las victimas del conflicto", "las victimas del conflicto"},
		{"la vida publica del país", "la vida publica del país"},
		{"las personas sobre vivientes", "las personas sobre vivientes"},
		// Latin and foreign phrases.
		{"otros, inter alia, la cooperacidn", "otros, inter alia, la cooperación"},
		{"un comité ad hoc y la cooperacidn", "un comité ad hoc y la cooperación"},
		{"aplicables mutatis mutandis a las nifias", "aplicables mutatis mutandis a las niñas"},
		{"condición sine qua non de la cooperacidn", "condición sine qua non de la cooperación"},
		{"no es per se una violacidn", "no es per se una violación"},
		{"idem, la cooperacidn", "idem, la cooperación"},
		// Addresses, e-mail addresses, paths.
		{"véase www.corteidh.or.cr/busqueda_supervision y la cooperacidn", "véase www.corteidh.or.cr/busqueda_supervision y la cooperación"},
		{"véase https://www.oas.org/es/cidh/decisiones/fondo.asp?Year=2011&Pais=Guatemala y la cooperacidn", "véase https://www.oas.org/es/cidh/decisiones/fondo.asp?Year=2011&Pais=Guatemala y la cooperación"},
		{"escriba a comunicacion@cladem.org sobre la cooperacidn", "escriba a comunicacion@cladem.org sobre la cooperación"},
		{"el archivo informe_supervision_ninas.pdf y la cooperacidn", "el archivo informe_supervision_ninas.pdf y la cooperación"},
		// Two right spellings: neither becomes the other.
		{"en el periodo de la cooperacidn", "en el periodo de la cooperación"},
		{"solo la cooperacidn", "solo la cooperación"},
		{"este informe y la cooperacidn", "este informe y la cooperación"},
		{"saber que la cooperacidn", "saber que la cooperación"},
		{"explicar como la cooperacidn", "explicar como la cooperación"},
		{"a fin de que de cuenta de la cooperacidn", "a fin de que de cuenta de la cooperación"},
		{"a quien corresponda la cooperacidn", "a quien corresponda la cooperación"},
		{"El Faro y la cooperacidn", "El Faro y la cooperación"},
		// Names: no accent, no cut.
		{"el juez Martin y la cooperacidn", "el juez Martin y la cooperación"},
		{"Alvaro y la cooperacidn", "Alvaro y la cooperación"},
		{"según Carlos Nino la cooperacidn", "según Carlos Nino la cooperación"},
		{"Ursula von der Leyen y la cooperacidn", "Ursula von der Leyen y la cooperación"},
		{"el señor Benjamin y la cooperacidn", "el señor Benjamin y la cooperación"},
	} {
		got, reps, _ := r.Repair(tt.in)
		if got != tt.want {
			t.Errorf("Repair(%q) = %q (%v), want %q", tt.in, got, reps, tt.want)
		}
	}
}

func TestMendDegrees(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"1° Observaciones finales", "1º Observaciones finales"},
		{"en sus sesiones 1876° y 1877°, celebradas", "en sus sesiones 1876ª y 1877ª, celebradas"},
		{"N° 5", "Nº 5"}, {"a 25 °C", "a 25 °C"}, {"a 25°C", "a 25°C"}, {"sin signos", "sin signos"},
	} {
		got, reps := MendDegrees(tt.in)
		if got != tt.want || (got != tt.in) != (len(reps) > 0) {
			t.Errorf("MendDegrees(%q) = %q, %v, want %q", tt.in, got, reps, tt.want)
		}
	}
}

func TestRepairRecordsEveryChange(t *testing.T) {
	r, _ := Default()
	in := "la cooperacién y el didlogo con los 6rganos, asi como las nifias"
	out, reps, st := r.Repair(in)
	if len(reps) != 5 || st.Repaired != 5 {
		t.Fatalf("Repair(%q) = %q with %v (%+v)", in, out, reps, st)
	}
	// Undoing the recorded repairs gives back the input.
	undo := out
	for i := len(reps) - 1; i >= 0; i-- {
		undo = strings.Replace(undo, reps[i].To, reps[i].From, 1)
	}
	if undo != in {
		t.Errorf("undoing %v on %q gives %q, want %q", reps, out, undo, in)
	}
}

func FuzzRepair(f *testing.F) {
	for _, s := range []string{"cooperacidon 53¢ periodo 442 sesion 5/1y", "nifias 6rganos &mbito", "", "ñ", "\xff"} {
		f.Add(s)
	}
	r, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		out, reps, st := r.Repair(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Repair(%q) = invalid UTF-8 %q", s, out)
		}
		if len(reps) == 0 && out != s {
			t.Fatalf("Repair(%q) = %q with no repair recorded", s, out)
		}
		if st.Unknown > st.Words {
			t.Fatalf("stats %+v", st)
		}
	})
}
