// Package offices is the directory of help a jobseeker can reach: the Protector of Emigrants
// offices, the Bureau of Emigration and Overseas Employment (BEOE), the Migrant Resource Centres
// and the national helplines, each fact with the public page it was confirmed from, and the table
// from cities and districts to their nearest office. Only confirmed facts are ever handed out:
// a fact without a public source stays in the file, for the next person to confirm, and out of
// every answer.
package offices

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"github.com/BurntSushi/toml"
)

// Kind is what an office is.
type Kind string

// The kinds of office.
const (
	Protector Kind = "protector" // a Protector of Emigrants office (Protectorate)
	BEOE      Kind = "beoe"      // the Bureau of Emigration and Overseas Employment
	MRC       Kind = "mrc"       // a Migrant Resource Centre
	Helpline  Kind = "helpline"  // a national telephone helpline
)

// Fact is one detail of an office (an address, a phone number, opening hours, a website) with
// where it was confirmed.
type Fact struct {
	Value     string `toml:"value"`
	Confirmed bool   `toml:"confirmed"`
	Source    string `toml:"source"`
	Checked   string `toml:"checked"` // YYYY-MM-DD
	Note      string `toml:"note"`
}

// Shown reports whether the fact may be told to users: confirmed, from a public source.
func (f *Fact) Shown() bool { return f != nil && f.Confirmed && f.Source != "" && f.Value != "" }

// Office is one place or line to turn to.
type Office struct {
	ID        string `toml:"id"`
	Kind      Kind   `toml:"kind"`
	Name      string `toml:"name"`
	NameUR    string `toml:"name_ur"`
	City      string `toml:"city"`
	CityUR    string `toml:"city_ur"`
	Confirmed bool   `toml:"confirmed"` // that the office exists (and is open)
	Source    string `toml:"source"`
	Checked   string `toml:"checked"`
	Note      string `toml:"note"`
	Address   *Fact  `toml:"address"`
	Phone     *Fact  `toml:"phone"`
	Hours     *Fact  `toml:"hours"`
	Web       *Fact  `toml:"web"`
}

// Shown reports whether the office may be named to users: it is confirmed from a public source.
func (o Office) Shown() bool { return o.Confirmed && o.Source != "" }

// CheckedOn is the day the office was last checked against its source (zero when unknown).
func (o Office) CheckedOn() time.Time {
	t, _ := time.Parse(time.DateOnly, o.Checked)
	return t
}

// Visible is the office as users may see it: the facts that are not confirmed are removed.
func (o Office) Visible() Office {
	for _, f := range []**Fact{&o.Address, &o.Phone, &o.Hours, &o.Web} {
		if !(*f).Shown() {
			*f = nil
		}
	}
	return o
}

// place is one row of the table from names of a city or district to its offices, nearest first.
type place struct {
	Names   []string `toml:"names"`
	Offices []string `toml:"offices"`
}

// file is the TOML schema of deploy/help/offices.toml.
type file struct {
	Fallback string   `toml:"fallback"`
	Offices  []Office `toml:"office"`
	Places   []place  `toml:"place"`
}

// Directory is a loaded directory. It is read-only after Parse and safe for concurrent use.
type Directory struct {
	offices []Office
	byID    map[string]int
	places  map[string][]string // folded name → office ids, nearest first
	// skeletons holds the long Latin names by first letter and consonant skeleton (see lookup),
	// so a misspelt name is found with one map read instead of a pass over every place.
	skeletons map[string][]string
	longest   int // most words in a place name
	fallback  string
}

// Parse reads a directory in the schema of deploy/help/offices.toml. It refuses a file with an
// unknown key, an office without an id or with an id used twice, an unknown kind, a shown fact
// without a source or with a bad date, a place that names an office that does not exist, a name
// given to two places, or a fallback that is not a shown office: a bad directory is a startup
// error, never a wrong answer.
func Parse(data []byte) (*Directory, error) {
	var f file
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&f)
	if err != nil {
		return nil, fmt.Errorf("help directory: %w", err)
	}
	if un := md.Undecoded(); len(un) > 0 {
		return nil, fmt.Errorf("help directory: unknown key %s", un[0])
	}
	d := &Directory{byID: map[string]int{}, places: map[string][]string{}, fallback: f.Fallback}
	var errs []error
	for i, o := range f.Offices {
		if err := o.check(); err != nil {
			errs = append(errs, fmt.Errorf("office %d (%q): %w", i+1, o.ID, err))
			continue
		}
		if _, dup := d.byID[o.ID]; dup {
			errs = append(errs, fmt.Errorf("office %q is listed twice", o.ID))
			continue
		}
		d.byID[o.ID] = len(d.offices)
		d.offices = append(d.offices, o)
	}
	for i, p := range f.Places {
		if len(p.Names) == 0 || len(p.Offices) == 0 {
			errs = append(errs, fmt.Errorf("place %d: needs names and offices", i+1))
			continue
		}
		for _, id := range p.Offices {
			if _, ok := d.byID[id]; !ok {
				errs = append(errs, fmt.Errorf("place %q: no office %q", p.Names[0], id))
			}
		}
		for _, n := range p.Names {
			words := foldWords(n)
			key := joinWords(words)
			if key == "" {
				errs = append(errs, fmt.Errorf("place %q: empty name %q", p.Names[0], n))
				continue
			}
			if _, dup := d.places[key]; dup {
				errs = append(errs, fmt.Errorf("place name %q is given twice", n))
				continue
			}
			d.places[key] = p.Offices
			d.longest = max(d.longest, len(words))
		}
	}
	d.skeletons = skeletonIndex(d.places)
	if fb, ok := d.Office(f.Fallback); !ok || !fb.Shown() {
		errs = append(errs, fmt.Errorf("fallback %q is not a confirmed office", f.Fallback))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("help directory: %w", err)
	}
	return d, nil
}

func (o Office) check() error {
	if o.ID == "" {
		return errors.New("no id")
	}
	switch o.Kind {
	case Protector, BEOE, MRC, Helpline:
	default:
		return fmt.Errorf("unknown kind %q (want protector, beoe, mrc or helpline)", o.Kind)
	}
	if o.Name == "" || o.NameUR == "" {
		return errors.New("name and name_ur are required")
	}
	if o.Confirmed {
		if o.Source == "" {
			return errors.New("confirmed without a source")
		}
		if _, err := time.Parse(time.DateOnly, o.Checked); err != nil {
			return fmt.Errorf("checked %q: want YYYY-MM-DD", o.Checked)
		}
		if o.City != "" && o.CityUR == "" {
			return errors.New("city_ur is required with city")
		}
	}
	for name, f := range map[string]*Fact{"address": o.Address, "phone": o.Phone, "hours": o.Hours, "web": o.Web} {
		if f == nil || !f.Confirmed {
			continue
		}
		if f.Source == "" || f.Value == "" {
			return fmt.Errorf("%s is confirmed without a value or a source", name)
		}
		if _, err := time.Parse(time.DateOnly, f.Checked); err != nil {
			return fmt.Errorf("%s checked %q: want YYYY-MM-DD", name, f.Checked)
		}
	}
	return nil
}

// Office returns the office with the given id, whether shown or not.
func (d *Directory) Office(id string) (Office, bool) {
	i, ok := d.byID[id]
	if !ok {
		return Office{}, false
	}
	return d.offices[i], true
}

// Fallback is the contact named when nothing nearer is confirmed (BEOE in the bundled file).
func (d *Directory) Fallback() Office {
	o, _ := d.Office(d.fallback)
	return o.Visible()
}

// List returns the shown offices of a kind, in the file's order, with only their shown facts.
func (d *Directory) List(kind Kind) []Office {
	var out []Office
	for _, o := range d.offices {
		if o.Kind == kind && o.Shown() {
			out = append(out, o.Visible())
		}
	}
	return out
}
