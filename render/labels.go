package render

import "strings"

// Labels are the words a render prints around the user's own text: lane
// names, headings, legends. One set per language.
type Labels struct {
	Lang string // the language these labels are in: "es", "en"

	// Lanes, top to bottom.
	Persona       string
	Stage         string
	Stages        string
	Goal          string
	Actions       string
	Touchpoints   string
	Thoughts      string
	Emotions      string
	Pains         string
	Opportunities string
	Metrics       string

	// Persona panel.
	Goals        string
	Needs        string
	Frustrations string

	// Touchpoint cards.
	Channel       string
	Owner         string
	Actors        string // the other people and systems taking part
	MomentOfTruth string
	Moments       map[string]string // zmot, fmot, smot, ultimate -> short label

	// Emotion scale, index 1 (very negative) to 5 (very positive).
	EmotionLevels [6]string

	// Metrics and scores.
	NPS, CES, CSAT, KPIs string
	Target               string
	Met                  string // a figure at or above its target
	Uncertain            string // below target, but within the margin of error
	Missed               string // below target
	Responses            string // "n" or its local equivalent
	SmallSample          string // a figure of fewer than score.SmallN answers
	NoData               string
	Scores               string
	Touchpoint           string
	Overall              string

	// Opportunity fields.
	Status   string
	Statuses map[string]string // idea, planned, in-progress, done
	Impact   string
	Effort   string

	// Pain severities: low, medium, high, critical.
	Severities map[string]string

	// Findings page.
	Findings string
	Severity string
	Rule     string
	Message  string
	Location string
	Levels   map[string]string // error, warning, info

	// Map state and page furniture.
	Current   string // state: current (as-is)
	Future    string // state: future (to-be)
	Page      string // "Page 2 of 5" -> Page, Of
	Of        string
	Continued string // a map split across pages
	Overview  string // the cover's summary of the journey
	Channels  string // "channels": a count of them
	Critical  string // "critical": a count of critical pains
	TopPains  string // the cover's list of the worst pains
	TopOpps   string // the cover's list of the best opportunities
	Legend    string
}

var labelsEN = Labels{
	Lang:          "en",
	Persona:       "Persona",
	Stage:         "Stage",
	Stages:        "Stages",
	Goal:          "Goal",
	Actions:       "Actions",
	Touchpoints:   "Touchpoints",
	Thoughts:      "Thoughts",
	Emotions:      "Emotions",
	Pains:         "Pain points",
	Opportunities: "Opportunities",
	Metrics:       "Metrics",
	Goals:         "Goals",
	Needs:         "Needs",
	Frustrations:  "Frustrations",
	Channel:       "Channel",
	Owner:         "Owner",
	Actors:        "Actors",
	MomentOfTruth: "Moment of truth",
	Moments: map[string]string{
		"zmot": "ZMOT", "fmot": "FMOT", "smot": "SMOT", "ultimate": "UMOT",
	},
	EmotionLevels: [6]string{"", "Very negative", "Negative", "Neutral", "Positive", "Very positive"},
	NPS:           "NPS", CES: "CES", CSAT: "CSAT", KPIs: "KPIs",
	Target:      "target",
	Met:         "met",
	Uncertain:   "within margin",
	Missed:      "missed",
	Responses:   "n",
	SmallSample: "small sample",
	NoData:      "no data",
	Scores:      "Scores",
	Touchpoint:  "Touchpoint",
	Overall:     "Overall",
	Status:      "Status",
	Statuses: map[string]string{
		"idea": "Idea", "planned": "Planned", "in-progress": "In progress", "done": "Done",
	},
	Impact: "Impact",
	Effort: "Effort",
	Severities: map[string]string{
		"low": "Low", "medium": "Medium", "high": "High", "critical": "Critical",
	},
	Findings: "Findings",
	Severity: "Severity",
	Rule:     "Rule",
	Message:  "Message",
	Location: "Location",
	Levels: map[string]string{
		"error": "Error", "warning": "Warning", "info": "Info",
	},
	Current:   "Current state",
	Future:    "Future state",
	Page:      "Page",
	Of:        "of",
	Continued: "continued",
	Overview:  "Journey at a glance",
	Channels:  "channels",
	Critical:  "critical",
	TopPains:  "Worst pain points",
	TopOpps:   "Best opportunities",
	Legend:    "Legend",
}

var labelsES = Labels{
	Lang:          "es",
	Persona:       "Persona",
	Stage:         "Etapa",
	Stages:        "Etapas",
	Goal:          "Objetivo",
	Actions:       "Acciones",
	Touchpoints:   "Puntos de contacto",
	Thoughts:      "Pensamientos",
	Emotions:      "Emociones",
	Pains:         "Dolores",
	Opportunities: "Oportunidades",
	Metrics:       "Métricas",
	Goals:         "Objetivos",
	Needs:         "Necesidades",
	Frustrations:  "Frustraciones",
	Channel:       "Canal",
	Owner:         "Responsable",
	Actors:        "Participan",
	MomentOfTruth: "Momento de la verdad",
	Moments: map[string]string{
		"zmot": "ZMOT", "fmot": "FMOT", "smot": "SMOT", "ultimate": "UMOT",
	},
	EmotionLevels: [6]string{"", "Muy negativa", "Negativa", "Neutra", "Positiva", "Muy positiva"},
	NPS:           "NPS", CES: "CES", CSAT: "CSAT", KPIs: "KPI",
	Target:      "objetivo",
	Met:         "cumple",
	Uncertain:   "dentro del margen",
	Missed:      "no cumple",
	Responses:   "n",
	SmallSample: "muestra pequeña",
	NoData:      "sin datos",
	Scores:      "Puntuaciones",
	Touchpoint:  "Punto de contacto",
	Overall:     "Global",
	Status:      "Estado",
	Statuses: map[string]string{
		"idea": "Idea", "planned": "Planificada", "in-progress": "En curso", "done": "Hecha",
	},
	Impact: "Impacto",
	Effort: "Esfuerzo",
	Severities: map[string]string{
		"low": "Baja", "medium": "Media", "high": "Alta", "critical": "Crítica",
	},
	Findings: "Hallazgos",
	Severity: "Gravedad",
	Rule:     "Regla",
	Message:  "Mensaje",
	Location: "Ubicación",
	Levels: map[string]string{
		"error": "Error", "warning": "Aviso", "info": "Info",
	},
	Current:   "Situación actual",
	Future:    "Situación futura",
	Page:      "Página",
	Of:        "de",
	Continued: "continuación",
	Overview:  "El recorrido de un vistazo",
	Channels:  "canales",
	Critical:  "críticos",
	TopPains:  "Dolores más graves",
	TopOpps:   "Oportunidades prioritarias",
	Legend:    "Leyenda",
}

// Locales lists the languages with labels.
var Locales = []string{"en", "es"}

// LabelsFor returns the labels for a BCP 47 locale ("es", "es-MX", "en_GB");
// an empty or unknown locale gets English.
func LabelsFor(locale string) Labels {
	lang := strings.ToLower(strings.TrimSpace(locale))
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	switch lang {
	case "es":
		return labelsES
	}
	return labelsEN
}

// HasLocale reports whether locale's language has its own labels.
func HasLocale(locale string) bool {
	lang := strings.ToLower(strings.TrimSpace(locale))
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	for _, l := range Locales {
		if l == lang {
			return true
		}
	}
	return false
}
