package extract

import (
	"strings"
	"testing"

	"github.com/relatoria/relatoria/entity"
)

func TestDates(t *testing.T) {
	for _, tt := range []struct {
		in, label string
		want      []string // value[:role]
	}{
		{"Hito 1 | Fecha límite: 31 de diciembre de 2025", "", []string{"2025-12-31:deadline"}},
		{"31 de diciembre de 2025", "Hito 2 | Fecha límite", []string{"2025-12-31:deadline"}},
		{"Mayo – octubre de 2024", "", []string{"2024-05/2024-10"}},
		{"del 2 al 13 de febrero de 2009", "", []string{"2009-02-02/2009-02-13"}},
		{"En 2015, el Consejo", "", []string{"2015"}},
		{"resolución 60/251, de 15 de marzo de 2006", "", []string{"2006-03-15"}},
		{"1º de enero de 2020", "", []string{"2020-01-01"}},
		{"el 19 y el 21 de marzo de 1990", "", []string{"1990-03-19", "1990-03-21"}},
		{"el 07/10/2022", "", []string{"2022-10-07"}},
		{"on 13 August 2024", "", []string{"2024-08-13"}},
		{"a más tardar el 10 de noviembre de 2019", "", []string{"2019-11-10:deadline"}},
		// Never dates: resolution numbers, meetings, sessions, names.
		{"resoluciones 51/34, 5/1 y 5/2", "", nil},
		{"44ª sesión", "", nil},
		{"50º período de sesiones", "", nil},
		{"la Agenda 2030 para el Desarrollo Sostenible", "", nil},
		{"tema 10 de la agenda", "", nil},
		{"el 31 de febrero de 2023", "", nil},
	} {
		var got []string
		for _, d := range Dates(tt.in, tt.label) {
			v := d.Value
			if d.Role != "" {
				v += ":" + string(d.Role)
			}
			got = append(got, v)
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("Dates(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestCitations(t *testing.T) {
	hrc := Context{Body: "Consejo de Derechos Humanos"}
	for _, tt := range []struct {
		in   string
		ctx  Context
		want string
	}{
		{"enunciado por la Asamblea General en su resolución 60/251, de 15 de marzo de 2006", hrc, "A/RES/60/251"},
		{"las resoluciones del Consejo 5/1 y 5/2, de 18 de junio de 2007, y 16/21, de 25 de marzo de 2011", hrc, "A/HRC/RES/5/1 A/HRC/RES/5/2 A/HRC/RES/16/21"},
		{"en particular su resolución 33/28", hrc, "A/HRC/RES/33/28"},
		{"Reafirmando la resolución 70/1 de la Asamblea General", hrc, "A/RES/70/1"},
		{"la resolución 18/18 del Consejo de Derechos Humanos", Context{}, "A/HRC/RES/18/18"},
		{"la resolución 51/34", Context{}, "51/34"},
		{"Recalling its resolution 68/237 of 23 December 2013", Context{Body: "Asamblea General"}, "A/RES/68/237"},
		{"Economic and Social Council resolution 1980/67", Context{}, "E/RES/1980/67"},
		{"Security Council resolution 2417 (2018)", Context{}, "S/RES/2417 (2018)"},
		{"(CCPR/C/SR.2690 y 2691)", Context{}, "CCPR/C/SR.2690 CCPR/C/SR.2691"},
		{"(CCPR/C/58/Add.2 y Add.4)", Context{}, "CCPR/C/58/Add.2 CCPR/C/58/Add.4"},
		{"CEDAW/C/MEX/CO/9 y A/HRC/RES/51/34", Context{}, "CEDAW/C/MEX/CO/9 A/HRC/RES/51/34"},
		{"su recomendación general 19", Context{}, "recomendación general 19"},
		{"la observación general N.º 3 (2012)", Context{}, "observación general 3"},
		{"y/o las 51/34 personas del 07/10/2022", Context{}, ""},
		// Links and paths cite nothing, however shaped.
		{"disponible en www.risolidaria.org.pe/docs/ficheros/200801/49141400doc.pdf", Context{}, ""},
		{"véase http://www.un.org/es/A/HRC/RES/5/1.pdf y C:/Documentos/CEDAW/2010/informe.doc", Context{}, ""},
		{"véase A/HRC/RES/5/1.", Context{}, "A/HRC/RES/5/1"},
	} {
		var got []string
		for _, c := range Citations(tt.in, tt.ctx) {
			got = append(got, c.Symbol.String())
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("Citations(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{"resolución 60/251, de 15 de marzo de 2006", "Mayo – octubre de 2024", "(CCPR/C/SR.942 a SR.945)", "ONU Mujeres (ONUM) ODS 5 y 10", "del 2 al 13 de febrero de 2009"} {
		f.Add(s)
	}
	g := entity.DefaultGazetteer()
	f.Fuzz(func(t *testing.T, s string) {
		for _, d := range Dates(s, "") {
			if d.Value == "" || !d.Start.Valid() || !strings.Contains(s, d.Text) {
				t.Fatalf("Dates(%q): bad mention %+v", s, d)
			}
		}
		Citations(s, Context{Body: "Asamblea General"})
		defs := entity.Definitions{}
		g.Define(defs, s)
		for _, e := range g.Entities(s, defs) {
			if e.Name == "" || e.Type == "" {
				t.Fatalf("Entities(%q): %+v", s, e)
			}
		}
	})
}
