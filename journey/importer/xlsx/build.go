package xlsx

import (
	"fmt"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/workbook"
)

// build assembles the map: stages in the order their first row comes,
// touchpoints in row order; the rest from the base map, or from the
// workbook's properties.
func (im *importerState) build(props *excelize.DocProperties) *journey.Map {
	m := &journey.Map{Version: journey.FormatVersion}
	if b := im.base; b != nil {
		*m = *b
		m.Stages = nil
		if props != nil && props.Subject != "" && props.Subject != b.ID {
			im.note(0, "the workbook was rendered from the map %q, and is merged into %q", props.Subject, b.ID)
		}
	} else {
		im.fromProps(m, props)
	}
	var baseStages map[string]*journey.Stage
	baseTps := map[string]*journey.Touchpoint{}
	if im.base != nil {
		baseStages = map[string]*journey.Stage{}
		for i := range im.base.Stages {
			s := &im.base.Stages[i]
			baseStages[s.ID] = s
			for j := range s.Touchpoints {
				baseTps[s.Touchpoints[j].ID] = &s.Touchpoints[j]
			}
		}
	}
	index := map[string]int{}   // stage id -> index in m.Stages
	lastRow := map[string]int{} // stage id -> its last row so far
	seen := map[string]int{}    // touchpoint id -> row
	for _, r := range im.rows {
		if prev, dup := seen[r.tp.ID]; dup {
			col := im.cols[workbook.KeyID] + 1
			im.errorf(r.line, col, "cell %s (id): touchpoint id %q is also on row %d: ids must be unique", cellRef(col, r.line), r.tp.ID, prev)
			continue
		}
		seen[r.tp.ID] = r.line
		i, ok := index[r.stageID]
		if !ok {
			st := journey.Stage{ID: r.stageID, Name: r.stageName}
			if bs := baseStages[r.stageID]; bs != nil {
				st = *bs
				st.Touchpoints = nil
				if r.stageName != "" {
					st.Name = r.stageName
				}
			}
			if st.Name == "" {
				st.Name = r.stageID
				im.note(r.line, "stage %q has no stage_name: it is named after its id", r.stageID)
			}
			m.Stages = append(m.Stages, st)
			i = len(m.Stages) - 1
			index[r.stageID] = i
		} else {
			if r.stageName != "" && r.stageName != m.Stages[i].Name {
				im.note(r.line, "row %d names stage %q %q, an earlier row %q: the first name is kept", r.line, r.stageID, r.stageName, m.Stages[i].Name)
			}
			if lastRow[r.stageID] != 0 && m.Stages[len(m.Stages)-1].ID != r.stageID {
				im.note(r.line, "the rows of stage %q are not together: row %d joins the stage's earlier rows", r.stageID, r.line)
			}
		}
		lastRow[r.stageID] = r.line
		tp := r.tp
		if bt := baseTps[tp.ID]; bt != nil && tp.Metrics == nil && bt.Metrics != nil && bt.Metrics.IsEmpty() {
			tp.Metrics = bt.Metrics // an empty `metrics:` has no cells
		}
		m.Stages[i].Touchpoints = append(m.Stages[i].Touchpoints, tp)
	}
	if im.base != nil {
		im.keepEmptyStages(m)
		im.checkRefs(m)
	} else {
		im.declare(m)
	}
	if len(m.Stages) == 0 {
		im.errorf(0, 0, "the %s sheet has no touchpoint rows: there is nothing to import", workbook.SheetTouchpoints)
	}
	return m
}

// keepEmptyStages puts back the base's stages that have no rows: an empty
// stage has no row in the sheet. A stage whose rows were all deleted is
// kept too, empty, with a note.
func (im *importerState) keepEmptyStages(m *journey.Map) {
	have := map[string]bool{}
	for _, s := range m.Stages {
		have[s.ID] = true
	}
	var out []journey.Stage
	next := 0 // index in m.Stages
	for _, bs := range im.base.Stages {
		if have[bs.ID] {
			// Copy the sheet's stages up to and including this one.
			for next < len(m.Stages) {
				out = append(out, m.Stages[next])
				next++
				if out[len(out)-1].ID == bs.ID {
					break
				}
			}
			continue
		}
		if len(bs.Touchpoints) > 0 {
			im.note(0, "stage %q has no rows left in the sheet: it is kept, empty (remove it from the map if it is gone)", bs.ID)
		}
		st := bs
		st.Touchpoints = nil
		out = append(out, st)
	}
	out = append(out, m.Stages[next:]...)
	m.Stages = out
}

// fromProps fills the map's identity from the workbook's properties.
func (im *importerState) fromProps(m *journey.Map, props *excelize.DocProperties) {
	if props != nil {
		m.Title = strings.TrimSpace(props.Title)
		m.ID = strings.TrimSpace(props.Subject)
		m.Description = strings.TrimSpace(props.Description)
		m.Locale = strings.TrimSpace(props.Language)
		for _, t := range strings.Split(props.Keywords, ",") {
			if t = strings.TrimSpace(t); t != "" {
				m.Tags = append(m.Tags, t)
			}
		}
	}
	if m.Title == "" {
		m.Title = "Imported journey"
		im.note(0, "the workbook has no title property: the map is titled %q", m.Title)
	}
	if !journey.IsSlug(m.ID) {
		id := journey.Slugify(m.Title)
		if id == "" {
			id = "imported-journey"
		}
		if m.ID != "" {
			im.note(0, "the workbook's subject %q is not a map id: the map's id is %q", m.ID, id)
		}
		m.ID = id
	}
	im.note(0, "without the map the workbook was rendered from (--base), the model, personas, targets, sources, "+
		"stage goals and the names and kinds of channels and owners are not carried over")
}

// declare adds the channels, owners and personas the touchpoints use, by
// id, so the map validates.
func (im *importerState) declare(m *journey.Map) {
	var channels, owners, personas []string
	add := func(list *[]string, id string) {
		if id != "" && !slices.Contains(*list, id) {
			*list = append(*list, id)
		}
	}
	for _, t := range m.Touchpoints() {
		add(&channels, t.Channel)
		add(&owners, t.Owner)
		for _, o := range t.Opportunities {
			add(&owners, o.Owner)
		}
		for _, e := range t.Emotion {
			add(&personas, e.Persona)
		}
	}
	for _, c := range channels {
		m.Channels = append(m.Channels, journey.Channel{ID: c, Name: c})
	}
	for _, o := range owners {
		m.Owners = append(m.Owners, journey.Owner{ID: o, Name: o})
	}
	if len(personas) > 0 {
		m.PersonaList = true
		for _, p := range personas {
			m.Personas = append(m.Personas, journey.Persona{ID: p, Name: p})
		}
	}
}

// checkRefs reports, on their rows, references the base map does not
// declare: channels, owners, next touchpoints, personas.
func (im *importerState) checkRefs(m *journey.Map) {
	var channels, owners, personas, tps []string
	for _, c := range m.Channels {
		channels = append(channels, c.ID)
	}
	for _, o := range m.Owners {
		owners = append(owners, o.ID)
	}
	for _, p := range m.Personas {
		if p.ID != "" {
			personas = append(personas, p.ID)
		}
	}
	for _, t := range m.Touchpoints() {
		tps = append(tps, t.ID)
	}
	rowOf := map[string]int{}
	for _, r := range im.rows {
		rowOf[r.tp.ID] = r.line
	}
	check := func(t *journey.Touchpoint, key, kind, id string, known []string) {
		if id == "" || slices.Contains(known, id) {
			return
		}
		col := 0
		if c, ok := im.cols[key]; ok {
			col = c + 1
		}
		msg := fmt.Sprintf("unknown %s %q (the map declares: %s)", kind, id, strings.Join(known, ", "))
		if len(known) == 0 {
			msg = fmt.Sprintf("%s %q is not declared: the map has none", kind, id)
		}
		if s := journey.Suggest(id, known); s != "" {
			msg += "; " + s
		}
		if col > 0 {
			msg = fmt.Sprintf("cell %s (%s): %s", cellRef(col, rowOf[t.ID]), key, msg)
		}
		im.errorf(rowOf[t.ID], col, "%s", msg)
	}
	for _, t := range m.Touchpoints() {
		check(t, workbook.KeyChannel, "channel", t.Channel, channels)
		check(t, workbook.KeyOwner, "owner", t.Owner, owners)
		for _, o := range t.Opportunities {
			check(t, workbook.KeyOpportunityOwner, "owner", o.Owner, owners)
		}
		for _, n := range t.Next {
			check(t, workbook.KeyNext, "touchpoint", n, tps)
		}
		for _, e := range t.Emotion {
			if e.Persona != "" {
				check(t, workbook.EmotionColumn(e.Persona), "persona", e.Persona, personas)
			}
		}
	}
}
