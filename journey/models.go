package journey

import "slices"

// StageModel is a named, ordered list of lifecycle stages that lint checks
// a map's coverage against.
type StageModel struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Stages      []string `json:"stages"`
	Builtin     bool     `json:"builtin"`
	Description string   `json:"description,omitempty"`
}

// advocacyStages are the stage ids that mean "the customer recommends us".
var advocacyStages = []string{"recommend", "advocacy", "advocate", "care", "loyalty", "retention", "expand", "referral"}

// AdvocacyStage returns the model's advocacy stage (the last stage whose id
// is one of the known advocacy names), or "" when it has none.
func (m *StageModel) AdvocacyStage() string {
	for i := len(m.Stages) - 1; i >= 0; i-- {
		if slices.Contains(advocacyStages, m.Stages[i]) {
			return m.Stages[i]
		}
	}
	return ""
}

// BuiltinModels returns the stage models journey knows without configuration.
func BuiltinModels() []StageModel {
	return []StageModel{
		{ID: "oracle-cx", Name: "Oracle CX lifecycle", Builtin: true,
			Stages:      []string{"need", "research", "select", "purchase", "receive", "use", "maintain", "recommend"},
			Description: "Oracle's 8-step customer experience lifecycle."},
		{ID: "aida", Name: "AIDA", Builtin: true,
			Stages:      []string{"awareness", "interest", "desire", "action"},
			Description: "The classic advertising funnel."},
		{ID: "5a", Name: "Kotler's 5A", Builtin: true,
			Stages:      []string{"aware", "appeal", "ask", "act", "advocate"},
			Description: "Kotler's customer path for the connected age."},
		{ID: "see-think-do-care", Name: "See, Think, Do, Care", Builtin: true,
			Stages:      []string{"see", "think", "do", "care"},
			Description: "Avinash Kaushik's intent clusters."},
		{ID: "classic", Name: "Classic customer lifecycle", Builtin: true,
			Stages:      []string{"awareness", "consideration", "purchase", "retention", "advocacy"},
			Description: "Awareness to advocacy."},
	}
}

// FindModel returns the model with id among custom models (which win) and
// the built-in ones, or nil.
func FindModel(id string, custom []StageModel) *StageModel {
	for i := range custom {
		if custom[i].ID == id {
			return &custom[i]
		}
	}
	for _, m := range BuiltinModels() {
		if m.ID == id {
			return &m
		}
	}
	return nil
}

// ModelIDs returns the ids of custom and built-in models, custom first.
func ModelIDs(custom []StageModel) []string {
	var ids []string
	for _, m := range custom {
		ids = append(ids, m.ID)
	}
	for _, m := range BuiltinModels() {
		if !slices.Contains(ids, m.ID) {
			ids = append(ids, m.ID)
		}
	}
	return ids
}
