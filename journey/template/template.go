// Package template writes the skeleton of a new journey map: one stage per
// stage of a model, each with a placeholder touchpoint, in the map's
// language. The skeleton validates; lint then lists what is left to fill
// (channels, owners, emotions, persona, metrics).
package template

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/format"
)

// SchemaURL is the JSON Schema the skeleton's yaml-language-server
// modeline points editors at.
const SchemaURL = "https://raw.githubusercontent.com/journey-cx/journey/main/schema/journey.schema.json"

// Options describe the map to start.
type Options struct {
	Title   string              // required
	ID      string              // the map's id; "" = Slugify(Title)
	Model   *journey.StageModel // required: the stages to lay out
	Persona string              // persona name; "" = no persona (lint will ask for one)
	Locale  string              // language of stage names and hints; "" = "en"
}

// ErrNoTitle reports a title that gives no id.
var ErrNoTitle = errors.New("the title needs at least one letter or digit to make an id")

// New returns the skeleton map's YAML, in the canonical layout.
func New(opt Options) ([]byte, error) {
	if opt.Model == nil || len(opt.Model.Stages) == 0 {
		return nil, errors.New("a stage model with stages is required")
	}
	id := opt.ID
	if id == "" {
		id = journey.Slugify(opt.Title)
	}
	if strings.TrimSpace(opt.Title) == "" || id == "" {
		return nil, ErrNoTitle
	}
	if !journey.IsSlug(id) {
		return nil, fmt.Errorf("map id %q is not a valid id: use lowercase letters, digits and dashes", id)
	}
	locale := opt.Locale
	if locale == "" {
		locale = "en"
	}
	w := wordsFor(locale)
	m := &journey.Map{Version: journey.FormatVersion, ID: id, Title: strings.TrimSpace(opt.Title),
		Locale: locale, State: "current", Model: opt.Model.ID}
	if opt.Persona != "" {
		m.Personas = []journey.Persona{{Name: opt.Persona}}
	}
	seen := map[string]bool{}
	for _, sid := range opt.Model.Stages {
		name := StageName(sid, locale)
		tid := sid + "-touchpoint"
		for i := 2; seen[tid]; i++ {
			tid = fmt.Sprintf("%s-touchpoint-%d", sid, i)
		}
		seen[tid] = true
		m.Stages = append(m.Stages, journey.Stage{ID: sid, Name: name,
			Touchpoints: []journey.Touchpoint{{ID: tid, Name: fmt.Sprintf(w.touchpoint, name)}}})
	}
	doc := format.MapNode(m)
	comment(doc, w)
	return format.Node(doc)
}

// comment adds the hints an author reads while filling the skeleton.
func comment(doc *yaml.Node, w words) {
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch k.Value {
		case "version":
			k.HeadComment = "# yaml-language-server: $schema=" + SchemaURL
		case "stages":
			k.HeadComment = w.declare
			for si, st := range v.Content {
				tps := value(st, "touchpoints")
				if tps == nil || len(tps.Content) == 0 {
					continue
				}
				if si == 0 {
					tps.Content[0].HeadComment = w.fill
				}
			}
		}
	}
}

// value returns the value of key in mapping n, or nil.
func value(n *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// words are the texts of the skeleton in one language.
type words struct {
	touchpoint string // name of a placeholder touchpoint; %s = stage name
	declare    string // comment above stages: declare channels and owners
	fill       string // comment above the first touchpoint: what to fill
}

var wordsByLang = map[string]words{
	"en": {
		touchpoint: "First touchpoint of %s",
		declare: `# Declare the channels and departments your touchpoints use, e.g.:
# channels:
#   - {id: web, name: Website, kind: digital}
# owners:
#   - {id: sales, name: Sales}`,
		fill: `# Replace each placeholder with real touchpoints: channel, owner, action,
# thought, emotion (1-5), pains, opportunities, metrics.
# Run 'journey lint' to see what is left to fill.`,
	},
	"es": {
		touchpoint: "Primer punto de contacto de %s",
		declare: `# Declara los canales y departamentos que usan tus puntos de contacto, p. ej.:
# channels:
#   - {id: web, name: Sitio web, kind: digital}
# owners:
#   - {id: ventas, name: Ventas}`,
		fill: `# Sustituye cada marcador por puntos de contacto reales: channel, owner,
# action, thought, emotion (1-5), pains, opportunities, metrics.
# Ejecuta 'journey lint' para ver lo que falta por completar.`,
	},
}

func wordsFor(locale string) words {
	if w, ok := wordsByLang[lang(locale)]; ok {
		return w
	}
	return wordsByLang["en"]
}

// lang returns the language of a BCP 47 tag: es-MX -> es.
func lang(locale string) string {
	l, _, _ := strings.Cut(strings.ToLower(locale), "-")
	l, _, _ = strings.Cut(l, "_")
	return l
}

// stageNames are the names of the built-in models' stages in languages
// other than English (English names are the ids, capitalised).
var stageNames = map[string]map[string]string{
	"es": {
		// oracle-cx
		"need": "Necesidad", "research": "Investigación", "select": "Selección", "purchase": "Compra",
		"receive": "Recepción", "use": "Uso", "maintain": "Mantenimiento", "recommend": "Recomendación",
		// aida
		"awareness": "Conocimiento", "interest": "Interés", "desire": "Deseo", "action": "Acción",
		// 5a
		"aware": "Conocimiento", "appeal": "Atracción", "ask": "Averiguación", "act": "Acción", "advocate": "Recomendación",
		// see-think-do-care
		"see": "Ver", "think": "Pensar", "do": "Hacer", "care": "Cuidar",
		// classic
		"consideration": "Consideración", "retention": "Retención", "advocacy": "Recomendación",
	},
}

// StageName returns the name of a model stage in the locale's language:
// the built-in models' stages have Spanish names; otherwise the stage id
// becomes its words, capitalised (first-contact -> First contact).
func StageName(stage, locale string) string {
	if n, ok := stageNames[lang(locale)][stage]; ok {
		return n
	}
	return Humanize(stage)
}

// Languages lists the languages with stage names and hints.
func Languages() []string { return []string{"en", "es"} }

// Humanize turns an id into words, capitalised: first-contact -> First contact.
func Humanize(id string) string {
	s := strings.ReplaceAll(strings.ReplaceAll(id, "-", " "), "_", " ")
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}
