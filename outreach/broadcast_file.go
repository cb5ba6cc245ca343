package outreach

import (
	"fmt"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// LoadCampaignFile reads a campaign message from a TOML file (the ready set is in
// deploy/campaigns):
//
//	mrc = "LHR"   # optional: only that centre's subscribers
//	[text]
//	en = """..."""
//	ur = """..."""
//
// Unknown keys are errors (a typo such as text.ue would otherwise be dropped silently); the
// texts are validated as Create does.
func LoadCampaignFile(path string) (text map[string]string, mrc string, err error) {
	var f struct {
		MRC  string            `toml:"mrc"`
		Text map[string]string `toml:"text"`
	}
	md, err := toml.DecodeFile(path, &f)
	if err != nil {
		return nil, "", fmt.Errorf("read campaign file %s: %w", path, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, len(und))
		for i, k := range und {
			keys[i] = k.String()
		}
		sort.Strings(keys)
		return nil, "", fmt.Errorf("campaign file %s: %w: unknown keys %s", path, ErrInvalidCampaign, strings.Join(keys, ", "))
	}
	text, mrc, err = normalizeCampaign(f.Text, f.MRC)
	if err != nil {
		return nil, "", fmt.Errorf("campaign file %s: %w", path, err)
	}
	return text, mrc, nil
}
