package referrals

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/shards"
)

// maxWalk bounds how deep walk reads into each index of each shard.
const maxWalk = 100_000

// indexed is one entry of a status index: a case id, its score (CreatedAt in ms), and where it is.
type indexed struct {
	id     string
	score  float64
	sh     shards.Shard
	status Status
}

// walk returns up to limit cases from the status indexes of sts in every shard, in score order
// (oldest first when asc), ties by id, each case with the status of the index it was found in.
// It reads the first window entries of each index, for every shard in one pipeline, merges them
// and reads the cases in order (pipelined GETs: on Redis Cluster the cases are in many slots). An
// entry whose case is gone (expired, forgotten) or has moved on to another status is removed
// from its index on the way. When such entries use up an index's window before limit cases are
// found, it reads again with a window twice as large.
func (s *Store) walk(ctx context.Context, sts []Status, asc bool, limit int) ([]Case, error) {
	all := s.ring.All()
	for window := int64(limit); ; window *= 2 {
		p := s.rdb.Pipeline()
		type read struct {
			sh  shards.Shard
			st  Status
			cmd *redis.ZSliceCmd
		}
		var reads []read
		for _, sh := range all {
			for _, st := range sts {
				var cmd *redis.ZSliceCmd
				if asc {
					cmd = p.ZRangeWithScores(ctx, StatusKey(sh, st), 0, window-1)
				} else {
					cmd = p.ZRevRangeWithScores(ctx, StatusKey(sh, st), 0, window-1)
				}
				reads = append(reads, read{sh, st, cmd})
			}
		}
		if _, err := p.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
			return nil, fmt.Errorf("referrals: read the case indexes: %w", err)
		}
		order := func(a, b indexed) int {
			c := cmp.Or(cmp.Compare(a.score, b.score), strings.Compare(a.id, b.id))
			if !asc {
				c = -c
			}
			return c
		}
		// An index that filled its window may hold more entries after its last: the walk may go
		// no further than the first such last entry.
		var cands []indexed
		var bound *indexed
		for _, r := range reads {
			zs := r.cmd.Val()
			for _, z := range zs {
				id, _ := z.Member.(string)
				cands = append(cands, indexed{id: id, score: z.Score, sh: r.sh, status: r.st})
			}
			if int64(len(zs)) == window {
				last := cands[len(cands)-1]
				if bound == nil || order(last, *bound) < 0 {
					bound = &last
				}
			}
		}
		slices.SortFunc(cands, order)
		out, complete, err := s.fetch(ctx, cands, bound, order, limit)
		if err != nil || complete || window >= maxWalk {
			return out, err
		}
	}
}

// fetch reads the cases of cands in order, up to the bound, until limit are found; entries of
// cases gone or moved on are removed from their indexes. complete says the answer is final:
// limit cases found, or every candidate read with no bound.
func (s *Store) fetch(ctx context.Context, cands []indexed, bound *indexed, order func(a, b indexed) int, limit int) (out []Case, complete bool, err error) {
	if bound != nil {
		if i := slices.IndexFunc(cands, func(c indexed) bool { return order(c, *bound) > 0 }); i >= 0 {
			cands = cands[:i]
		}
	}
	for len(cands) > 0 && len(out) < limit {
		batch := cands[:min(len(cands), limit-len(out))]
		cands = cands[len(batch):]
		p := s.rdb.Pipeline()
		gets := make([]*redis.StringCmd, len(batch))
		for i, c := range batch {
			gets[i] = p.Get(ctx, s.Key(c.id))
		}
		if _, err := p.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
			return nil, false, fmt.Errorf("referrals: read cases: %w", err)
		}
		var stale []indexed
		for i, c := range batch {
			var cs Case
			raw, err := gets[i].Bytes()
			if err != nil || json.Unmarshal(raw, &cs) != nil || cs.Status != c.status {
				stale = append(stale, c)
				continue
			}
			out = append(out, cs)
		}
		if len(stale) > 0 {
			p := s.rdb.Pipeline()
			for _, c := range stale {
				p.ZRem(ctx, StatusKey(c.sh, c.status), c.id)
			}
			if _, err := p.Exec(ctx); err != nil {
				return nil, false, fmt.Errorf("referrals: drop stale index entries: %w", err)
			}
		}
	}
	return out, len(out) >= limit || bound == nil, nil
}
