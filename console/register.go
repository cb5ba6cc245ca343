package console

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"

	"github.com/labstack/echo/v5"

	"github.com/tasdeeq/tasdeeq/accounts"
	"github.com/tasdeeq/tasdeeq/licences"
)

// Register is what the console does with the licence register; *licences.Store is one.
type Register interface {
	Current(ctx context.Context) ([]licences.Record, licences.Meta, bool, error)
	Stage(ctx context.Context, id string, snap *licences.Snapshot) error
	Staged(ctx context.Context, id string) (*licences.Snapshot, error)
	Unstage(ctx context.Context, id string) error
	Import(ctx context.Context, snap *licences.Snapshot) (licences.Meta, error)
}

// maxRowErrors bounds the bad rows listed on the page; the count says how many there were.
const maxRowErrors = 50

// registerPage is the register page's data: the current snapshot, and an upload's difference
// from it while it waits to be applied.
type registerPage struct {
	Meta     licences.Meta
	Imported bool
	Upload   string // the staged upload's id
	Base     string // the version the difference was taken against
	Source   string
	Rows     int
	Diff     licences.Diff
	Errors   []string
	Skipped  int
}

// register shows the date of the current snapshot and the upload form.
func (s *Console) register(c *echo.Context) error {
	_, meta, ok, err := s.cfg.Register.Current(c.Request().Context())
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "register", view{Title: "console.register.title", Nav: "register",
		Notice: notice(c, "console.register.done_"), Data: registerPage{Meta: meta, Imported: ok}})
}

// uploadRegister reads an uploaded CSV and shows what it would change (added, removed, status
// changes), keeping it staged for an hour until it is applied.
func (s *Console) uploadRegister(c *echo.Context) error {
	ctx := c.Request().Context()
	fh, err := c.FormFile("csv")
	if err != nil {
		return s.registerError(c, "console.register.no_file")
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	snap, err := licences.ParseCSV(f, filepath.Base(fh.Filename))
	if err != nil {
		s.log.Info("console: register upload refused", "err", err)
		return s.registerError(c, "console.register.bad_file")
	}
	current, meta, ok, err := s.cfg.Register.Current(ctx)
	if err != nil {
		return err
	}
	id := rand.Text()
	if err := s.cfg.Register.Stage(ctx, id, snap); err != nil {
		return err
	}
	p := registerPage{Meta: meta, Imported: ok, Upload: id, Base: meta.Version, Source: snap.Source, Rows: len(snap.Records),
		Diff: licences.Compare(current, snap.Records), Skipped: len(snap.Errors)}
	for i, e := range snap.Errors {
		if i == maxRowErrors {
			break
		}
		p.Errors = append(p.Errors, e.Error())
	}
	return s.render(c, http.StatusOK, "register", view{Title: "console.register.title", Nav: "register", Data: p})
}

func (s *Console) registerError(c *echo.Context, id string) error {
	_, meta, ok, err := s.cfg.Register.Current(c.Request().Context())
	if err != nil {
		return err
	}
	return s.render(c, http.StatusBadRequest, "register", view{Title: "console.register.title", Nav: "register", Error: id,
		Data: registerPage{Meta: meta, Imported: ok}})
}

// applyRegister imports a staged upload, unless the register changed since its difference was
// shown (then the operator uploads again and reads the new difference).
func (s *Console) applyRegister(c *echo.Context) error {
	ctx := c.Request().Context()
	id := c.FormValue("upload")
	snap, err := s.cfg.Register.Staged(ctx, id)
	if errors.Is(err, licences.ErrNotStaged) {
		return s.registerError(c, "console.register.expired")
	}
	if err != nil {
		return err
	}
	_, meta, _, err := s.cfg.Register.Current(ctx)
	if err != nil {
		return err
	}
	if meta.Version != c.FormValue("base") {
		return s.registerError(c, "console.register.changed")
	}
	imported, err := s.cfg.Register.Import(ctx, snap)
	if err != nil {
		return fmt.Errorf("import the register: %w", err)
	}
	if err := s.cfg.Register.Unstage(ctx, id); err != nil {
		s.log.Warn("console: staged register not dropped", "err", err)
	}
	s.record(c, accounts.Entry{Action: accounts.ActionRegisterImport, Object: imported.Version,
		Detail: fmt.Sprintf("%d rows, %d active", imported.Rows, imported.Active)})
	s.log.Info("console: register imported", "version", imported.Version, "rows", imported.Rows)
	return c.Redirect(http.StatusSeeOther, Path+"/register?done=imported")
}
