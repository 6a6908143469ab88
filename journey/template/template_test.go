package template_test

import (
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/golden"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/format"
	"github.com/journey-cx/journey/journey/template"
)

func TestNew(t *testing.T) {
	t.Parallel()
	custom := journey.StageModel{ID: "onboarding", Stages: []string{"sign-up", "first-use", "habit"}}
	tests := []struct {
		name string
		opt  template.Options
	}{
		{"oracle-es", template.Options{Title: "Alta de fibra óptica", Model: journey.FindModel("oracle-cx", nil), Persona: "Marta", Locale: "es"}},
		{"aida-en", template.Options{Title: "Newsletter sign-up", Model: journey.FindModel("aida", nil)}},
		{"custom-model", template.Options{Title: "Onboarding", ID: "onb", Model: &custom, Locale: "es-MX"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, err := template.New(tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			golden.Assert(t, "testdata/"+tt.name+".golden", out)
			m, diags := journey.Load("new.journey.yaml", out, journey.Options{Models: []journey.StageModel{custom}})
			if diags.HasErrors() {
				t.Fatalf("the skeleton is invalid: %v", diags)
			}
			if len(m.Stages) != len(tt.opt.Model.Stages) {
				t.Errorf("%d stages, want one per model stage (%d)", len(m.Stages), len(tt.opt.Model.Stages))
			}
			for _, s := range m.Stages {
				if len(s.Touchpoints) != 1 {
					t.Errorf("stage %s has %d touchpoints, want a placeholder", s.ID, len(s.Touchpoints))
				}
			}
			again, err := format.Source(out)
			if err != nil || string(again) != string(out) {
				t.Errorf("the skeleton is not in canonical layout (%v)", err)
			}
		})
	}
}

func TestNewErrors(t *testing.T) {
	t.Parallel()
	oracle := journey.FindModel("oracle-cx", nil)
	tests := []struct {
		name string
		opt  template.Options
		want string
	}{
		{"no title", template.Options{Model: oracle}, "title"},
		{"title without letters", template.Options{Title: "¿?", Model: oracle}, "title"},
		{"bad id", template.Options{Title: "X", ID: "Not An Id", Model: oracle}, "not a valid id"},
		{"no model", template.Options{Title: "X"}, "model"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := template.New(tt.opt)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestStageName(t *testing.T) {
	t.Parallel()
	want := []string{"Necesidad", "Investigación", "Selección", "Compra", "Recepción", "Uso", "Mantenimiento", "Recomendación"}
	for i, s := range journey.FindModel("oracle-cx", nil).Stages {
		if got := template.StageName(s, "es"); got != want[i] {
			t.Errorf("StageName(%q, es) = %q, want %q", s, got, want[i])
		}
	}
	for _, tc := range [][3]string{{"need", "en", "Need"}, {"need", "fr", "Need"}, {"first-use", "es", "First use"}, {"use", "es-ES", "Uso"}} {
		if got := template.StageName(tc[0], tc[1]); got != tc[2] {
			t.Errorf("StageName(%q, %q) = %q, want %q", tc[0], tc[1], got, tc[2])
		}
	}
}
