// Package schema embeds the JSON Schema of the journey map format.
package schema

import _ "embed"

// JSON is the JSON Schema (draft 2020-12) of journey map files, version 1.
//
//go:embed journey.schema.json
var JSON []byte
