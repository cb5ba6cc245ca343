package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/tasdeeq/tasdeeq/referrals"
)

// runReferrals is `tasdeeq referrals list|show|retry` over the Redis of REDIS_URL.
func runReferrals(ctx context.Context, args []string, env environment, stdout io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: referrals needs list, show or retry", errUsage)
	}
	fs := newFlags("referrals " + args[0])
	status := fs.String("status", "", "list: only cases with this status (review, queued, delivered, dead, dismissed)")
	limit := fs.Int("limit", 50, "list: at most this many cases")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil {
		return err
	}
	rdb, closeRedis, err := openRedis(ctx, env, env.getenv("REDIS_URL"))
	if err != nil {
		return err
	}
	defer closeRedis()
	store := referrals.NewStore(rdb)
	switch args[0] {
	case "list":
		cases, err := store.List(ctx, referrals.Status(*status), *limit)
		if err != nil {
			return err
		}
		if *asJSON {
			return json.NewEncoder(stdout).Encode(cases)
		}
		if len(cases) == 0 {
			fmt.Fprintln(stdout, "No cases.")
		}
		for _, c := range cases {
			fmt.Fprintf(stdout, "%s  %s  %-9s  risk %-6s  to %v\n", c.ID, c.CreatedAt.Format("2006-01-02 15:04"), c.Status, c.Verdict.Risk, c.Targets)
		}
		return nil
	case "show", "retry":
		if len(pos) != 1 || !referrals.ValidID(pos[0]) {
			return fmt.Errorf("%w: referrals %s needs one case id, like TSQ-7K3F9Q", errUsage, args[0])
		}
		id := referrals.NormalizeID(pos[0])
		if args[0] == "retry" {
			if err := store.Retry(ctx, id); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "%s requeued.\n", id)
			return nil
		}
		c, ok, err := store.Get(ctx, id)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("no case %s (cases are kept %d days)", id, int(referrals.Retention.Hours()/24))
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(c)
	}
	return fmt.Errorf("%w: unknown referrals command %q", errUsage, args[0])
}
