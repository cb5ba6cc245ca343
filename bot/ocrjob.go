package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/shards"
)

// The OCR queues: pictures waiting to be read, one stream per shard. The webhook never waits on
// OCR; the step that receives a picture writes a job to its user's shard in its own transaction,
// and OCR workers read every shard's.
const (
	OCRGroup = "readers"
	// maxOCRStreamLen bounds each stream, far above any real backlog.
	maxOCRStreamLen = 100_000
	// ocrPayloadField is the stream entry field that holds the JSON of an OCRJob (the same
	// field name as the send streams').
	ocrPayloadField = "m"
)

// OCRStream is the picture queue of a shard.
func OCRStream(sh shards.Shard) string { return sh.Key("ocr:jobs") }

// OCRJob is a picture to read and the context to step the dialog with afterwards.
type OCRJob struct {
	ID           string           `json:"id"` // the update id of the picture: unique and stable
	ChatID       int64            `json:"chat_id"`
	UserID       int64            `json:"user_id"`
	LanguageCode string           `json:"language_code,omitempty"`
	Group        bool             `json:"group,omitempty"`
	Image        dialogs.ImageRef `json:"image"`
	Caption      string           `json:"caption,omitempty"`
	Enqueued     time.Time        `json:"enqueued"`
}

// newOCRJob is the job for a ReadImage output of a step on in.
func newOCRJob(id string, in dialogs.Input, o dialogs.Output, now time.Time) OCRJob {
	j := OCRJob{ID: id, ChatID: o.ChatID, UserID: in.UserID, LanguageCode: in.LanguageCode, Group: in.Group, Caption: o.Text, Enqueued: now}
	if o.Image != nil {
		j.Image = *o.Image
	}
	return j
}

// EnqueueOCR adds the XADD of a job to a transaction, on the queue of sh, its user's shard.
func EnqueueOCR(ctx context.Context, p redis.Pipeliner, sh shards.Shard, j OCRJob) error {
	if j.ID == "" || j.Image.FileID == "" {
		return errors.New("ocr job without id or file")
	}
	data, err := json.Marshal(j)
	if err != nil {
		return fmt.Errorf("encode ocr job: %w", err)
	}
	p.XAdd(ctx, &redis.XAddArgs{Stream: OCRStream(sh), MaxLen: maxOCRStreamLen, Approx: true, Values: []any{ocrPayloadField, data}})
	return nil
}

// ocrDoneKey marks a job whose result was committed; sh is the job's user's shard.
func ocrDoneKey(sh shards.Shard, id string) string { return sh.Key("ocr:done:" + id) }

// ocrAttemptsKey counts how often a job was started, so that a picture that keeps failing (or
// a worker that keeps dying on it) ends with an answer instead of a loop.
func ocrAttemptsKey(sh shards.Shard, id string) string { return sh.Key("ocr:attempts:" + id) }

// userOCRJobs lists the queued OCR jobs of a user who asked to be forgotten (the step has
// ForgetUser): their pictures are not read, and their captions leave Redis with the rest. The
// queue of the user's shard holds only jobs not yet answered, so it is short.
func (p *Processor) userOCRJobs(ctx context.Context, sh shards.Shard, userID int64) ([]string, error) {
	entries, err := p.rdb.XRangeN(ctx, OCRStream(sh), "-", "+", maxOCRStreamLen).Result()
	if err != nil {
		return nil, fmt.Errorf("list ocr jobs: %w", err)
	}
	var ids []string
	for _, e := range entries {
		var j OCRJob
		if raw, _ := e.Values[ocrPayloadField].(string); json.Unmarshal([]byte(raw), &j) == nil && j.UserID == userID {
			ids = append(ids, e.ID)
		}
	}
	return ids, nil
}

// withdrawOCRJobs acknowledges and deletes jobs in a transaction; a worker already reading one
// finds it gone and does not answer (ProcessImage).
func withdrawOCRJobs(ctx context.Context, pipe redis.Pipeliner, sh shards.Shard, ids []string) {
	for _, id := range ids {
		pipe.XAck(ctx, OCRStream(sh), OCRGroup, id)
		pipe.XDel(ctx, OCRStream(sh), id)
	}
}

// ProcessImage steps the dialog of a job's user with what was read of the picture, exactly
// once: the session, the replies, the done marker of the job and the job's acknowledgement
// (XACK and XDEL of entryID) are one transaction. A job answered before is only acknowledged.
func (p *Processor) ProcessImage(ctx context.Context, j OCRJob, entryID string, res dialogs.ImageResult) error {
	in := dialogs.Input{Kind: dialogs.ImageText, ChatID: j.ChatID, UserID: j.UserID, LanguageCode: j.LanguageCode,
		Group: j.Group, Addressed: true, Text: j.Caption, Read: &res}
	sh := p.shardOf(in, 0)
	stream := OCRStream(sh)
	ack := func(pipe redis.Pipeliner) {
		pipe.XAck(ctx, stream, OCRGroup, entryID)
		pipe.XDel(ctx, stream, entryID)
		pipe.Del(ctx, ocrAttemptsKey(sh, j.ID))
	}
	// A job withdrawn meanwhile (its user asked to be forgotten) is not answered. The check is
	// outside the transaction: a /forget in the instant between them still gets this answer.
	if left, err := p.rdb.XRange(ctx, stream, entryID, entryID).Result(); err != nil {
		return fmt.Errorf("ocr job %s: %w", j.ID, err)
	} else if len(left) == 0 {
		return p.rdb.Del(ctx, ocrAttemptsKey(sh, j.ID)).Err()
	}
	err := p.step(ctx, stepRun{in: in, ok: true, sh: sh, done: ocrDoneKey(sh, j.ID), jobID: "ocr-" + j.ID, after: ack})
	if errors.Is(err, errDuplicate) {
		_, err = p.rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error { ack(pipe); return nil })
		if err != nil {
			return fmt.Errorf("acknowledge ocr job %s: %w", j.ID, err)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("ocr job %s: %w", j.ID, err)
	}
	return nil
}
