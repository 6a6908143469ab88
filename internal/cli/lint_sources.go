package cli

import (
	"context"

	"github.com/journey-cx/journey/journey/lint"
	"github.com/journey-cx/journey/journey/project"
	"github.com/journey-cx/journey/journey/score"
)

// sourceFacts reads the survey files a valid map names in sources: for what
// lint's rules need of them (lint itself reads no file): the touchpoints
// with NPS answers, counted as journey score counts them. A source that is
// refused (outside the map's folder without --allow-outside-sources), cannot
// be opened or is malformed adds nothing: lint then judges by the map and
// the sources it could read, and never fails for it (journey score reports
// it).
func sourceFacts(ctx context.Context, ld *project.Loader, lm *project.File, allowOutside bool) lint.Facts {
	facts := lint.Facts{NPS: map[string]bool{}}
	inputs, _ := sourceInputs(ld, lm, &scoreOptions{load: loadFlags{allowOutside: allowOutside}}, nil)
	for _, in := range inputs {
		t, err := readFacts(ctx, ld, lm, in)
		if err != nil {
			continue
		}
		for id, a := range t.Answers {
			if a.Count(score.MetricNPS) > 0 {
				facts.NPS[id] = true
			}
		}
	}
	return facts
}

// readFacts reads one source of a map with one worker (lint already runs a
// map per core), no segments and no date filter.
func readFacts(ctx context.Context, ld *project.Loader, lm *project.File, in scoreInput) (*score.Tally, error) {
	f, err := ld.Open(in.Source)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var size int64
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	return score.ReadResponses(ctx, f, score.ReadOptions{File: in.Name, Columns: in.columns, Explicit: in.explicit,
		Touchpoints: lm.Map.Touchpoints(), Workers: 1, Size: size})
}
