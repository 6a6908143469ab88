package lint

import "github.com/journey-cx/journey/journey"

// registry lists every rule, grouped by category. It is an explicit
// literal: a rule exists because it is listed here, never through init().
var registry = []Rule{
	// structure
	{
		ID: journey.RuleInvalid, Category: CategoryStructure, Severity: journey.SeverityError,
		Summary: "the map breaks the format: what `journey validate` reports",
		Doc: "Lint is a superset of validate: a map that does not validate yields its validation errors " +
			"(unknown keys, wrong types, references that do not resolve) as findings of this rule, and the other " +
			"rules do not run on it, since they would read a map that is only half there. It cannot be turned off " +
			"or ignored.",
		Example: "stages:\n  - id: need\n    name: Need\n    touchpoints:\n      - id: social-ad\n        name: Social ad\n        channel: web   # was `chanel:`, an unknown key\n",
	},
	{
		ID: "stage-empty", Category: CategoryStructure, Severity: journey.SeverityError,
		Summary: "a stage has no touchpoints",
		Doc: "A stage without touchpoints is a column of the map with nothing in it: the journey skips it, renders " +
			"show a hole, and scores have nothing to average. Either the research for that stage is still to do, or " +
			"the stage does not belong in this journey.",
		Example: "- id: research\n  name: Research\n  touchpoints:\n    - id: quote-form\n      name: Quote form\n      channel: web\n      owner: sales\n",
		Check:   checkStageEmpty,
	},
	{
		ID: "stage-order", Category: CategoryStructure, Severity: journey.SeverityWarning,
		Summary: "the map's stages cover the model's stages out of the model's order",
		Doc: "A stage model is a sequence: need before research, purchase before use. When the map's stages cover " +
			"it in another order, either a stage is in the wrong place or its model_stage is wrong. The rule keeps " +
			"the longest run of stages that follows the model and reports the others, the fewest to move.",
		Example: "model: oracle-cx\nstages:\n  - id: need        # covers need\n  - id: research    # covers research, now before select\n  - id: choose\n    model_stage: select\n",
		Check:   checkStageOrder,
	},
	{
		ID: "channel-unused", Category: CategoryStructure, Severity: journey.SeverityInfo,
		Summary: "a declared channel is used by no touchpoint",
		Doc: "The channels list is the map's vocabulary. A channel nobody uses is either left over from an earlier " +
			"version or a sign that the touchpoints that happen there are missing.",
		Example: "channels:\n  - {id: web, name: Website, kind: digital}\n  # removed: {id: fax, name: Fax, kind: print}, which no touchpoint used\n",
		Check:   checkChannelUnused,
	},
	{
		ID: "owner-unused", Category: CategoryStructure, Severity: journey.SeverityInfo,
		Summary: "a declared owner owns no touchpoint and no opportunity",
		Doc: "An owner (department) that owns nothing on the map is either left over, or the team whose touchpoints " +
			"and opportunities were never assigned to it.",
		Example: "- id: claim-call\n  name: Claim call\n  owner: claims   # `claims` was declared but owned nothing\n",
		Check:   checkOwnerUnused,
	},
	{
		ID: RuleUnusedIgnore, Category: CategoryStructure, Severity: journey.SeverityInfo,
		Summary: "a `# journey:ignore` comment suppresses nothing",
		Doc: "An ignore comment covers the findings of the rules it names on its own line (at the end of a line) or " +
			"on the next line holding YAML (on a line of its own). When it suppresses nothing, the problem was " +
			"fixed, the comment moved away from its element, or the rule id is misspelt; a stale ignore would hide " +
			"the next real finding there. Ignores of rules turned off in the config are not reported.",
		Example: "# journey:ignore owner-handoff the broker hands over to us by design\n- id: broker-call\n",
	},
	// coverage
	{
		ID: "actor-repeated", Category: CategoryStructure, Severity: journey.SeverityWarning,
		Summary: "a touchpoint lists an actor twice, or its own owner as an actor",
		Doc: "Actors are the people and systems taking part besides the owner. An actor listed twice (case and " +
			"spaces aside) counts twice in renders and in Mermaid, and the owner listed again as an actor is " +
			"usually a department written both as `owner:` and by name: keep it in `owner:` only.",
		Example: "- id: visit\n  name: Expert visit\n  owner: claims\n  actors: [Expert, Customer]\n",
		Check:   checkActorRepeated,
	},
	{
		ID: "model-stage-missing", Category: CategoryCoverage, Severity: journey.SeverityWarning,
		Summary: "a stage of the map's model is covered by no stage of the map",
		Doc: "The stage model (`model:`) is the checklist of the lifecycle: a stage of it that no stage of the map " +
			"covers is a part of the customer's life the map says nothing about, often after the purchase. The " +
			"message names every missing model stage. A map stage covers the model stage named by its " +
			"model_stage, or by its id.",
		Example: "model: oracle-cx\nstages:\n  - id: renewal\n    name: Renewal\n    model_stage: maintain   # covers `maintain`, which was missing\n",
		Check:   checkModelStageMissing,
	},
	{
		ID: "stage-unmapped", Category: CategoryCoverage, Severity: journey.SeverityWarning,
		Summary: "a stage covers no stage of the map's model",
		Doc: "With a stage model, each stage of the map should say which model stage it covers: by having a model " +
			"stage's id, or through model_stage. A stage that covers none escapes the coverage and order checks; " +
			"usually model_stage was forgotten.",
		Example: "model: 5a\nstages:\n  - id: onboard\n    name: Onboarding\n    model_stage: act\n",
		Check:   checkStageUnmapped,
	},
	{
		ID: "persona-missing", Category: CategoryCoverage, Severity: journey.SeverityWarning,
		Summary: "the map has no persona",
		Doc: "A journey is always somebody's: without a persona, emotions and pains have no owner and the map " +
			"reads as the company's process rather than the customer's experience.",
		Example: "persona:\n  name: Marta\n  description: 34, first home, compares everything on her phone.\n  goals: [Protect her home without overpaying]\n",
		Check:   checkPersonaMissing,
	},
	{
		ID: "touchpoint-channel-missing", Category: CategoryCoverage, Severity: journey.SeverityWarning,
		Summary: "a touchpoint has no channel",
		Doc: "The channel says where the moment happens (web, app, phone, branch). Without it, channel gaps cannot " +
			"be found and renders cannot place the touchpoint in its swimlane.",
		Example: "- id: quote-form\n  name: Quote form\n  channel: web\n",
		Check:   checkTouchpointChannelMissing,
	},
	{
		ID: "touchpoint-owner-missing", Category: CategoryCoverage, Severity: journey.SeverityWarning,
		Summary: "a touchpoint has no owner (department)",
		Doc: "A touchpoint nobody owns is a touchpoint nobody improves. The owner is the department accountable " +
			"for it, which is also what hand-overs between departments are found from.",
		Example: "- id: quote-form\n  name: Quote form\n  owner: sales\n",
		Check:   checkTouchpointOwnerMissing,
	},
	{
		ID: "touchpoint-emotion-missing", Category: CategoryCoverage, Severity: journey.SeverityInfo,
		Summary: "a touchpoint has no emotion",
		Doc: "The emotion curve is what a journey map is read for. A touchpoint without an emotion breaks the " +
			"curve and hides drops from the emotion-drop rule.",
		Example: "- id: quote-form\n  name: Quote form\n  emotion: 2   # 1 (very negative) .. 5 (very positive)\n",
		Check:   checkTouchpointEmotionMissing,
	},
	// experience
	{
		ID: "pain-without-opportunity", Category: CategoryExperience, Severity: journey.SeverityInfo,
		Summary: "a touchpoint lists pains but no opportunities",
		Doc: "A pain without an opportunity is a finding without a proposal. Even a rough idea gives the team " +
			"something to size and prioritise.",
		Example: "pains: [Asks for 30 fields before showing a price]\nopportunities: [Price from 5 fields]\n",
		Check:   checkPainWithoutOpportunity,
	},
	{
		ID: "emotion-drop", Category: CategoryExperience, Severity: journey.SeverityWarning,
		Summary: "emotion falls by 2 or more along the flow, at a touchpoint that lists no opportunity",
		Doc: "A fall of two points or more from one touchpoint to the next is where customers churn and complain. " +
			"The touchpoint where it falls should carry at least one opportunity. With several personas, the " +
			"emotions of each persona are compared, and the largest fall is reported.",
		Example: "- id: quote-form\n  emotion: 2          # was 4 at the previous touchpoint\n  opportunities: [Price from 5 fields]\n",
		Check:   checkEmotionDrop,
	},
	// flow
	{
		ID: "channel-switch", Category: CategoryFlow, Severity: journey.SeverityInfo,
		Summary: "the channel kind changes along the flow (digital -> physical...): a gap between channels or devices",
		Doc: "Every change of channel kind (digital, human, physical, print) is a point where the customer may " +
			"have to repeat themselves or start over. The rule lists them so each can be checked for a seamless " +
			"hand-over. Channels without a kind are not compared.",
		Example: "- id: quote-form\n  channel: web\n- id: call-back\n  channel: phone   # digital -> human: does the agent see the quote?\n",
		Check:   checkChannelSwitch,
	},
	{
		ID: "owner-handoff", Category: CategoryFlow, Severity: journey.SeverityInfo,
		Summary: "the owning department changes along the flow: a gap between departments",
		Doc: "Where one department hands the customer to another, information and accountability get lost. " +
			"The rule lists every hand-over so each can be given an explicit agreement.",
		Example: "- id: quote-form\n  owner: sales\n- id: policy-email\n  owner: operations   # sales -> operations: who sends what, when?\n",
		Check:   checkOwnerHandoff,
	},
	{
		ID: "flow-unreachable", Category: CategoryFlow, Severity: journey.SeverityWarning,
		Summary: "a touchpoint cannot be reached from the first one through the flow",
		Doc: "The flow goes from each touchpoint to the ones in its `next`, or to the following touchpoint when " +
			"`next` is not given. A touchpoint the flow never reaches from the first touchpoint is usually the " +
			"victim of a `next` that skips it.",
		Example: "- id: sso-setup\n  next: [erp-integration, support-ticket]   # support-ticket was unreachable\n",
		Check:   checkFlowUnreachable,
	},
	{
		ID: "flow-dead-end", Category: CategoryFlow, Severity: journey.SeverityWarning,
		Summary: "a touchpoint outside the last stage has no way on",
		Doc: "A touchpoint with `next: []` (or leading only to itself) ends the journey. Outside the last stage " +
			"that is almost always a mistake: the customer has to go somewhere from there.",
		Example: "- id: support-ticket\n  next: [sso-setup]   # was next: []\n",
		Check:   checkFlowDeadEnd,
	},
	// metrics
	{
		ID: "recommend-without-nps", Category: CategoryMetrics, Severity: journey.SeverityWarning,
		Summary: "the model's advocacy stage (or, without a model, the last stage) has no NPS measure",
		Doc: "Net Promoter Score asks whether the customer would recommend you: it belongs where the journey " +
			"reaches advocacy (recommend, advocacy, advocate, care, loyalty...). The rule looks at the stages " +
			"covering the model's advocacy stage, or at the last stage of a map without a model; models without " +
			"an advocacy stage (aida) are not checked. NPS answers for one of those touchpoints in the survey " +
			"files the map names in `sources:` count as a measure, as they do for `journey score`.",
		Example: "- id: recommend\n  touchpoints:\n    - id: review-request\n      metrics:\n        nps: {promoters: 58, passives: 41, detractors: 19}\n",
		Check:   checkRecommendWithoutNPS,
		Facts:   true,
	},
	{
		ID: "moment-of-truth-unmeasured", Category: CategoryMetrics, Severity: journey.SeverityWarning,
		Summary: "a touchpoint marked as a moment of truth has no metric",
		Doc: "Moments of truth (zmot, fmot, smot, ultimate) decide the relationship. Marking one without " +
			"measuring it leaves the most important touchpoints without evidence.",
		Example: "- id: first-reimbursement\n  moment_of_truth: fmot\n  metrics:\n    csat: {satisfied: 160, total: 200}\n",
		Check:   checkMomentOfTruthUnmeasured,
	},
	{
		ID: "metric-small-sample", Category: CategoryMetrics, Severity: journey.SeverityWarning,
		Summary: "an NPS, CES or CSAT measure rests on fewer than 30 answers (configurable)",
		Doc: "With few answers a score swings by tens of points from one respondent to the next. Below the " +
			"threshold (30 answers, `lint.min-sample` in .journey.yaml) read the measure as a signal, not a score.",
		Example: "nps: {promoters: 40, passives: 35, detractors: 25}   # 100 answers\n",
		Check:   checkMetricSmallSample,
	},
	{
		ID: "metric-inconsistent", Category: CategoryMetrics, Severity: journey.SeverityError,
		Summary: "metrics contradict themselves (a score with n = 0, counts that do not add up to n...)",
		Doc: "A measure that contradicts itself is a copy error: a score or mean from zero answers, counts or a " +
			"distribution that add up to another number than n, counts that are all zero, or an NPS score that " +
			"no number of promoters and detractors out of n can give (NPS moves in steps of 100/n).",
		Example: "nps: {promoters: 40, passives: 35, detractors: 25, n: 100}   # n was 120\n",
		Check:   checkMetricInconsistent,
	},
	{
		ID: "kpi-without-target", Category: CategoryMetrics, Severity: journey.SeverityInfo,
		Summary: "a KPI has no target",
		Doc:     "A KPI without a target cannot be read as good or bad, and `journey score` cannot gate on it.",
		Example: "- {name: CTR, value: 1.9, target: 2.5, unit: \"%\"}\n",
		Check:   checkKPIWithoutTarget,
	},
}
