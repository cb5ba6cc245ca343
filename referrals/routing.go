package referrals

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// Target is one referral endpoint.
type Target struct {
	Name, URL, Secret string
}

// Route sends a case to Target when any of its conditions matches: one of AnyFlags is among the
// verdict's flags, the payment channel is in Channels, or a cited licence's status is in
// LicenceStatus.
type Route struct {
	Target        string
	AnyFlags      []string
	Channels      []string
	LicenceStatus []string
}

// Routing decides which targets a case goes to. It is configuration (deploy/routing.toml),
// because who handles what is still being settled.
type Routing struct {
	targets  map[string]Target
	order    []string
	routes   []Route
	fallback string
}

type routingFile struct {
	Fallback string `toml:"fallback"`
	Targets  []struct {
		Name      string `toml:"name"`
		URL       string `toml:"url"`
		Secret    string `toml:"secret"`
		SecretEnv string `toml:"secret_env"`
	} `toml:"target"`
	Routes []struct {
		Target        string   `toml:"target"`
		AnyFlags      []string `toml:"any_flags"`
		Channels      []string `toml:"channels"`
		LicenceStatus []string `toml:"licence_status"`
	} `toml:"route"`
}

var targetName = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,32}$`)

// LoadRouting reads a routing TOML file. A target's secret is given as secret = "..." or, to keep
// it out of the file, as secret_env = "NAME", read through getenv (os.Getenv when nil). Every
// route must name a known target, URLs must be http(s), secrets non-empty.
func LoadRouting(path string, getenv func(string) string) (*Routing, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	var f routingFile
	md, err := toml.DecodeFile(path, &f)
	if err != nil {
		return nil, fmt.Errorf("routing %s: %w", path, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, len(und))
		for i, k := range und {
			keys[i] = k.String()
		}
		return nil, fmt.Errorf("routing %s: unknown keys %s", path, strings.Join(keys, ", "))
	}
	r := &Routing{targets: map[string]Target{}, fallback: f.Fallback}
	var errs []error
	if len(f.Targets) == 0 {
		errs = append(errs, errors.New("no [[target]]"))
	}
	for i, t := range f.Targets {
		where := fmt.Sprintf("target %d (%q)", i+1, t.Name)
		if !targetName.MatchString(t.Name) {
			errs = append(errs, fmt.Errorf("%s: name must be 1-32 letters, digits, '_', '-' or '.'", where))
			continue
		}
		if _, dup := r.targets[t.Name]; dup {
			errs = append(errs, fmt.Errorf("%s: duplicate name", where))
			continue
		}
		secret := t.Secret
		switch {
		case t.Secret != "" && t.SecretEnv != "":
			errs = append(errs, fmt.Errorf("%s: give secret or secret_env, not both", where))
		case t.SecretEnv != "":
			if secret = getenv(t.SecretEnv); secret == "" {
				errs = append(errs, fmt.Errorf("%s: secret_env %s is not set or empty", where, t.SecretEnv))
			}
		case t.Secret == "":
			errs = append(errs, fmt.Errorf("%s: missing secret or secret_env", where))
		}
		if err := checkURL(t.URL); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", where, err))
		}
		r.targets[t.Name] = Target{Name: t.Name, URL: t.URL, Secret: secret}
		r.order = append(r.order, t.Name)
	}
	for i, rt := range f.Routes {
		where := fmt.Sprintf("route %d (target %q)", i+1, rt.Target)
		if _, ok := r.targets[rt.Target]; !ok {
			errs = append(errs, fmt.Errorf("%s: unknown target", where))
		}
		if len(rt.AnyFlags)+len(rt.Channels)+len(rt.LicenceStatus) == 0 {
			errs = append(errs, fmt.Errorf("%s: no condition (any_flags, channels or licence_status)", where))
		}
		route := Route{Target: rt.Target}
		for _, s := range rt.AnyFlags {
			route.AnyFlags = append(route.AnyFlags, strings.ToUpper(strings.TrimSpace(s)))
		}
		for _, s := range rt.Channels {
			route.Channels = append(route.Channels, strings.ToLower(strings.TrimSpace(s)))
		}
		for _, s := range rt.LicenceStatus {
			route.LicenceStatus = append(route.LicenceStatus, strings.ToLower(strings.TrimSpace(s)))
		}
		r.routes = append(r.routes, route)
	}
	if f.Fallback != "" {
		if _, ok := r.targets[f.Fallback]; !ok {
			errs = append(errs, fmt.Errorf("fallback %q: unknown target", f.Fallback))
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("routing %s: %w", path, errors.Join(errs...))
	}
	return r, nil
}

func checkURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("url %q is not an http(s) URL", s)
	}
	return nil
}

// SingleTarget is the REFERRAL_URL / REFERRAL_SECRET shorthand: every case goes to target "default".
func SingleTarget(rawURL, secret string) (*Routing, error) {
	if err := checkURL(rawURL); err != nil {
		return nil, fmt.Errorf("REFERRAL_URL: %w", err)
	}
	if secret == "" {
		return nil, errors.New("REFERRAL_SECRET is required with REFERRAL_URL")
	}
	t := Target{Name: "default", URL: rawURL, Secret: secret}
	return &Routing{targets: map[string]Target{t.Name: t}, order: []string{t.Name}, fallback: t.Name}, nil
}

// Route returns the target names for a case, in route order, deduplicated; the fallback when no
// route matches (empty only when the routing has no fallback).
func (r *Routing) Route(c Case) []string {
	var out []string
	for _, rt := range r.routes {
		if slices.Contains(out, rt.Target) || !rt.matches(c) {
			continue
		}
		out = append(out, rt.Target)
	}
	if len(out) == 0 && r.fallback != "" {
		out = []string{r.fallback}
	}
	return out
}

func (rt Route) matches(c Case) bool {
	for _, f := range c.Verdict.Flags {
		if slices.Contains(rt.AnyFlags, strings.ToUpper(f.Code)) {
			return true
		}
	}
	if c.Channel != "" && slices.Contains(rt.Channels, strings.ToLower(c.Channel)) {
		return true
	}
	for _, l := range c.Verdict.Licences {
		if slices.Contains(rt.LicenceStatus, strings.ToLower(l.Status)) {
			return true
		}
	}
	return false
}

// Target returns a target by name.
func (r *Routing) Target(name string) (Target, bool) {
	t, ok := r.targets[name]
	return t, ok
}

// Targets returns the target names in file order.
func (r *Routing) Targets() []string { return slices.Clone(r.order) }

// Fallback returns the fallback target name ("" when none).
func (r *Routing) Fallback() string { return r.fallback }
