package offices

import (
	"fmt"
	"os"

	"github.com/tasdeeq/tasdeeq/deploy"
)

// Load reads the directory an operator set with TASDEEQ_HELP_DIRECTORY, or the bundled
// deploy/help/offices.toml when path is empty. A file that cannot be read or parsed is an error
// that names it: the service must not start with a directory it cannot trust.
func Load(path string) (*Directory, error) {
	if path == "" {
		return Parse(deploy.HelpDirectory)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("TASDEEQ_HELP_DIRECTORY: %w", err)
	}
	d, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("TASDEEQ_HELP_DIRECTORY %s: %w", path, err)
	}
	return d, nil
}
