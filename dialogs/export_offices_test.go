package dialogs

import (
	"context"

	"github.com/tasdeeq/tasdeeq/locales"
)

// NearestOfficeForTest exposes conv.nearestOffice to the external tests.
func NearestOfficeForTest(deps Deps, s Session, lang locales.Lang, adText string) string {
	c := &conv{ctx: context.Background(), deps: deps, s: s}
	return c.nearestOffice(lang, adText)
}
