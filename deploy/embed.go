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
