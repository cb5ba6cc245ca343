package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/tasdeeq/tasdeeq/licences"
)

func runLicences(ctx context.Context, args []string, env environment, stdout io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: licences needs import, lookup or search", errUsage)
	}
	fs := newFlags("licences " + args[0])
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("limit", 10, "search: at most this many matches")
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: licences %s takes exactly one argument", errUsage, args[0])
	}
	switch args[0] {
	case "import":
		return licencesImport(ctx, env, pos[0], *asJSON, stdout)
	case "lookup":
		return licencesLookup(ctx, env, pos[0], *asJSON, stdout)
	case "search":
		return licencesSearch(ctx, env, pos[0], *limit, *asJSON, stdout)
	}
	return fmt.Errorf("%w: unknown licences command %q", errUsage, args[0])
}

func licencesImport(ctx context.Context, env environment, path string, asJSON bool, stdout io.Writer) error {
	snap, err := readSnapshot(path)
	if err != nil {
		return err
	}
	rdb, closeRedis, err := openRedis(ctx, env, env.getenv("REDIS_URL"))
	if err != nil {
		return err
	}
	defer closeRedis()
	meta, err := licences.NewStore(rdb).Import(ctx, snap)
	if err != nil {
		return fmt.Errorf("import %s: %w", path, err)
	}
	if asJSON {
		return json.NewEncoder(stdout).Encode(struct {
			licences.Meta
			Errors []string `json:"errors"`
		}{meta, rowErrors(snap)})
	}
	fmt.Fprintf(stdout, "Imported %d licences from %s (%d active); %d rows skipped. Version %s.\n",
		meta.Rows, meta.Source, meta.Active, meta.Skipped, meta.Version)
	for _, e := range rowErrors(snap) {
		fmt.Fprintf(stdout, "  skipped %s\n", e)
	}
	return nil
}

func rowErrors(snap *licences.Snapshot) []string {
	out := make([]string, 0, len(snap.Errors))
	for _, e := range snap.Errors {
		out = append(out, e.Error())
	}
	return out
}

func licencesLookup(ctx context.Context, env environment, number string, asJSON bool, stdout io.Writer) error {
	norm, err := licences.ParseNumber(number)
	if err != nil {
		return err
	}
	store, closeStore, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer closeStore()
	rec, ok, err := store.Lookup(ctx, norm)
	if err != nil {
		return err
	}
	meta, _, err := store.Meta(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		out := struct {
			Number   string           `json:"number"`
			Found    bool             `json:"found"`
			Status   licences.Status  `json:"status"`
			Licence  *licences.Record `json:"licence,omitempty"`
			Register licences.Meta    `json:"register"`
		}{Number: norm, Found: ok, Status: licences.Unknown, Register: meta}
		if ok {
			out.Status = rec.EffectiveStatus(time.Now())
			out.Licence = &rec
		}
		return json.NewEncoder(stdout).Encode(out)
	}
	if !ok {
		fmt.Fprintf(stdout, "%s is not on the register.\n", norm)
	} else {
		printRecord(stdout, rec, 0)
	}
	printMeta(stdout, meta)
	return nil
}

func licencesSearch(ctx context.Context, env environment, name string, limit int, asJSON bool, stdout io.Writer) error {
	store, closeStore, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer closeStore()
	matches, err := store.Search(ctx, name, limit)
	if err != nil {
		return err
	}
	meta, _, err := store.Meta(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		return json.NewEncoder(stdout).Encode(struct {
			Query    string           `json:"query"`
			Matches  []licences.Match `json:"matches"`
			Register licences.Meta    `json:"register"`
		}{name, matches, meta})
	}
	if len(matches) == 0 {
		fmt.Fprintf(stdout, "No agency on the register matches %q.\n", name)
	}
	for _, m := range matches {
		printRecord(stdout, m.Record, m.Score)
	}
	printMeta(stdout, meta)
	return nil
}

func printRecord(w io.Writer, r licences.Record, score float64) {
	status := r.EffectiveStatus(time.Now())
	expires := "no expiry date"
	if !r.Expires.IsZero() {
		expires = "expires " + r.Expires.Format("2006-01-02")
	}
	if score > 0 {
		fmt.Fprintf(w, "%.2f  ", score)
	}
	fmt.Fprintf(w, "%s  %s  %s (%s)", r.Number, r.Title, status, expires)
	if status != r.Status {
		fmt.Fprintf(w, " [register says %s]", r.Status)
	}
	fmt.Fprintln(w)
}

func printMeta(w io.Writer, m licences.Meta) {
	days := int(time.Since(m.ImportedAt).Hours() / 24)
	fmt.Fprintf(w, "Register: %s, imported %s (%d days ago), %d licences.\n", m.Source, m.ImportedAt.Format("2006-01-02 15:04"), days, m.Rows)
}
