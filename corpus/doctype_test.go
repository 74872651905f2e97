package corpus

import "testing"

func TestShortTitle(t *testing.T) {
	long := "CORTE INTERAMERICANA DE DERECHOS HUMANOS / CASO GELMAN VS. URUGUAY / SENTENCIA DE 24 DE FEBRERO DE 2011 (Fondo y Reparaciones)"
	for _, tt := range []struct {
		in   string
		n    int
		want string
	}{
		{"Informe regional", 120, "Informe regional"},
		{long, 200, long},
		{long, 80, "CORTE INTERAMERICANA DE DERECHOS HUMANOS / CASO GELMAN VS. URUGUAY …"},
		{long, 20, "CORTE INTERAMERICANA DE DERECHOS HUMANOS …"},
	} {
		if got := ShortTitle(tt.in, tt.n); got != tt.want {
			t.Errorf("ShortTitle(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}
