package outreach_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/outreach"
	"github.com/tasdeeq/tasdeeq/shards"
)

// assertShardKeys fails the test when a queued command names a key outside shard sh: the
// commands a caller's per-update commit holds must all be of the user's shard (one slot). Script
// keys are KEYS; the keys a script builds itself from a prefix in ARGV are checked by the
// prefix.
func assertShardKeys(t *testing.T, cmd redis.Cmder, sh shards.Shard) {
	t.Helper()
	args := cmd.Args()
	var keys []string
	switch strings.ToLower(cmd.Name()) {
	case "multi", "exec":
		return
	case "eval", "evalsha":
		n, _ := args[2].(int)
		for i := range n {
			keys = append(keys, fmt.Sprint(args[3+i]))
		}
		for _, a := range args[3+n:] {
			if s, ok := a.(string); ok && strings.HasPrefix(s, "tasdeeq:") {
				keys = append(keys, s) // a key prefix the script completes
			}
		}
	default:
		keys = []string{fmt.Sprint(args[1])}
	}
	prefix := "tasdeeq:" + sh.Tag() + ":"
	for _, k := range keys {
		if !strings.HasPrefix(k, prefix) {
			t.Errorf("%s names %s, outside shard %s", cmd.Name(), k, sh.Tag())
		}
	}
}

// queued is the commands queued on a pipeline.
func queued(p redis.Pipeliner) []redis.Cmder {
	return p.(interface{ Cmds() []redis.Cmder }).Cmds()
}

// TestFixedTags: the keys of data no user owns carry the fixed tag of their kind, so every key of
// a kind is in one slot (links: Create's MULTI and the MGET of List; campaigns: Create's MULTI and
// finishing a campaign).
func TestFixedTags(t *testing.T) {
	for _, k := range []struct{ key, kind string }{
		{outreach.CampaignKeyPrefix + "abc", "campaigns"},
		{outreach.PendingKey, "campaigns"},
		{outreach.CampaignsIndexKey, "campaigns"},
	} {
		if !strings.HasPrefix(k.key, shards.Fixed(k.kind)) {
			t.Errorf("%s is not under %s", k.key, shards.Fixed(k.kind))
		}
	}
	ring, _ := shards.New(4)
	sh := ring.Of(42)
	for _, k := range []string{outreach.SubsAllKey(sh), outreach.SubsLangKey(sh), outreach.SubsSourceKey(sh), outreach.SubsMRCKey(sh, "lhr"),
		outreach.StatsDayKey(sh, "2026-03-01"), outreach.StatsUserLinksKey(ring, 42), outreach.CampaignProgressKey(sh, "abc")} {
		if hashTag(k) != sh.Tag()[1:len(sh.Tag())-1] {
			t.Errorf("%s is not of shard %s", k, sh.Tag())
		}
	}
}
