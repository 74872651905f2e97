package ingest

import (
	"strings"
	"testing"
)

func TestIsBoilerplate(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"You need to enable JavaScript to run this app.", true},
		{"Saltar al contenido principal", true},
		{"Imagen", true},
		{"Foto: ONU Mujeres/Ryan Brown", true},
		{"ONU Mujeres logo", true},
		{"  UNICEF Logo ", true},
		{"logo", true},
		{"Logo", true},
		{"Logotipo", false},
		{"El nuevo ecologo", false}, // "logo" inside a word
		{"Programa de las Naciones Unidas para el Desarrollo, con el apoyo del Gobierno de España y otros logo", false}, // over 80 characters before
		{"© 2024 Naciones Unidas", true},
		{"(c) 2023 UNFPA. Todos los derechos reservados.", true},
		{"Copyright © 2025 ONU Mujeres", true},
		// The third item of a list in a UN resolution, not a copyright line.
		{"(c) non-lethal military equipment intended solely for humanitarian or protective use, and the provision of any related technical assistance or training;", false},
		{"(c) Promover la participación de la sociedad civil;", false},
		{"Copyright law and the right to science: " + strings.Repeat("the report examines how copyright law affects access to knowledge, ", 4), false},
		{"Compartir en Facebook Twitter", true},
		{"Leer más", true},
		{"El Consejo de Derechos Humanos aprueba el logo del programa en su resolución.", false},
		{"Pide a la Oficina del Alto Comisionado que preste asistencia técnica.", false},
	}
	for _, tt := range tests {
		if got := isBoilerplate(tt.text); got != tt.want {
			t.Errorf("isBoilerplate(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestIsImageLabel(t *testing.T) {
	for text, want := range map[string]bool{"Image": true, " foto ": true, "PICTURE": true, "Imágenes": false, "Imagen de la campaña": false, "": false} {
		if got := isImageLabel(text); got != want {
			t.Errorf("isImageLabel(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestDropTextMasthead(t *testing.T) {
	for _, tt := range []struct {
		text   string
		symbol string
		first  string // the first line kept that is not blank
	}{
		// The printed masthead, up to "Distr." and its tail.
		{"Naciones Unidas   A/HRC/51/7\nAsamblea General   Distr. general\n4 de julio de 2022\nEspañol\nOriginal: inglés\n\nConsejo de Derechos Humanos", "A/HRC/51/7", "Consejo de Derechos Humanos"},
		// The UN's name and the symbol alone, however far apart.
		{"Naciones Unidas                                  A/HRC/99/7\n\nConsejo de Derechos Humanos", "A/HRC/99/7", "Consejo de Derechos Humanos"},
		{"United Nations  S/RES/2776 (2025)\n\nThe Security Council,", "S/RES/2776 (2025)", "The Security Council,"},
		// Not a masthead: the name in a sentence, or no symbol.
		{"Naciones Unidas A/HRC/99/7 y otros documentos\n\nTexto", "", "Naciones Unidas A/HRC/99/7 y otros documentos"},
		{"Naciones Unidas\n\nTexto", "", "Naciones Unidas"},
		{"Texto sin membrete\n\nA/HRC/99/7", "", "Texto sin membrete"},
	} {
		kept, sym := dropTextMasthead(strings.Split(tt.text, "\n"))
		first := ""
		for _, l := range kept {
			if strings.TrimSpace(l) != "" {
				first = l
				break
			}
		}
		if string(sym) != tt.symbol || first != tt.first {
			t.Errorf("%q: symbol %q, first line %q; want %q, %q", tt.text, sym, first, tt.symbol, tt.first)
		}
	}
}
