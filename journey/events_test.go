package journey

import (
	"strings"
	"testing"
)

// TestEventLogs: the events: section decodes, and its mistakes are
// reported at the exact line and column with a suggestion.
func TestEventLogs(t *testing.T) {
	for _, tc := range []struct {
		name      string
		src       string
		line, col int
		msg       string
	}{
		{"empty path", top("events:", `  - path: ""`), 15, 11, "path is empty"},
		{"missing path", top("events:", "  - format: csv"), 15, 5, `missing the required key "path"`},
		{"unknown format", top("events:", "  - {path: a.csv, format: xlsx}"), 15, 27, "xlsx"},
		{"column typo", top("events:", "  - path: a.csv", "    columns: {caso: id}"), 16, 15, `unknown key "caso"`},
		{"unknown touchpoint", top("events:", "  - path: a.csv", "    activities: {\"Formulario enviado\": tt}"), 16, 40, `activity "Formulario enviado" maps to unknown touchpoint "tt"`},
		{"not a mapping", top("events:", "  - path: a.csv", "    activities: [a, b]"), 16, 17, "activities must be a mapping"},
		{"log path climbs out", top("events:", "  - path: ../../etc/passwd"), 15, 11, `event log path "../../etc/passwd" leaves the map's folder`},
		{"log path absolute", top("events:", "  - path: /var/log/x.csv"), 15, 11, `event log path "/var/log/x.csv" is absolute`},
		{"survey path climbs out", top("sources:", "  - path: datos/../../x.csv"), 15, 11, `survey path "datos/../../x.csv" leaves the map's folder`},
		{"survey path absolute", top("sources:", "  - path: /etc/passwd"), 15, 11, `survey path "/etc/passwd" is absolute`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := Load("m.journey.yaml", []byte(tc.src), Options{})
			for _, d := range diags {
				if d.Line == tc.line && d.Column == tc.col && strings.Contains(d.Message, tc.msg) {
					return
				}
			}
			t.Errorf("want %d:%d %q, got %v", tc.line, tc.col, tc.msg, diags)
		})
	}
	// --allow-outside-sources lets them through; a path inside is fine.
	for _, p := range []string{"../x.csv", "/etc/passwd"} {
		if _, diags := Load("m.journey.yaml", []byte(top("events:", "  - path: "+p)), Options{AllowOutside: true}); diags.HasErrors() {
			t.Errorf("%s allowed outside: %v", p, diags)
		}
	}
	if _, diags := Load("m.journey.yaml", []byte(top("sources:", "  - path: datos/../x.csv")), Options{}); diags.HasErrors() {
		t.Errorf("datos/../x.csv stays inside: %v", diags)
	}
	m, diags := Load("m.journey.yaml", []byte(top("events:",
		"  - path: datos/eventos.csv.gz",
		"    columns: {case: cliente_id, activity: evento, timestamp: fecha}",
		"    attributes: [campaña]",
		"    activities: {\"Señal perdida\": t}",
		"    timezone: America/Bogota")), Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	e := m.Events[0]
	if e.Path != "datos/eventos.csv.gz" || e.Columns["case"] != "cliente_id" || e.Activities["Señal perdida"] != "t" ||
		e.Attributes[0] != "campaña" || e.Timezone != "America/Bogota" || e.ActivitiesAt.At("Señal perdida").Line != 18 {
		t.Errorf("decoded %+v", e)
	}
}
