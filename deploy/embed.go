// Package deploy holds the deployment files and the bundled sample register, which the binary
// embeds so that `tasdeeq check` and `tasdeeq chat` work on a fresh machine with nothing else.
package deploy

import _ "embed"

// SampleRegister is licences.sample.csv: clearly fictitious agencies, never the BEOE register.
//
//go:embed licences.sample.csv
var SampleRegister []byte

// SampleRegisterName is the source name the sample register is imported under.
const SampleRegisterName = "sample"

// HelpDirectory is help/offices.toml: the Protector of Emigrants offices, BEOE, the Migrant
// Resource Centres and the national helplines, each fact with its public source, and the cities
// and districts that lead to them. TASDEEQ_HELP_DIRECTORY replaces it.
//
//go:embed help/offices.toml
var HelpDirectory []byte
