package outreach_test

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tasdeeq/tasdeeq/outreach"
	"github.com/tasdeeq/tasdeeq/shards"
)

var (
	linkIDRe      = regexp.MustCompile(`^[a-z2-7]{12}$`)
	linkPayloadRe = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	linksT0       = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
)

func TestLinksCreateValidates(t *testing.T) {
	tests := []struct {
		name                   string
		mrc, label, licence    string
		wantMRC, wantLabel     string
		wantLicence, errSubstr string
	}{
		{name: "minimal", mrc: "LHR", label: "Job fair", wantMRC: "LHR", wantLabel: "Job fair"},
		{name: "lower-case mrc and spaces trimmed", mrc: " lhr ", label: "  Job fair ", wantMRC: "LHR", wantLabel: "Job fair"},
		{name: "digits in mrc", mrc: "isb2", label: "x", wantMRC: "ISB2", wantLabel: "x"},
		{name: "ten-letter mrc", mrc: "ABCDEFGHIJ", label: "x", wantMRC: "ABCDEFGHIJ", wantLabel: "x"},
		{name: "urdu label of 80 runes", mrc: "LHR", label: strings.Repeat("ک", 80), wantMRC: "LHR", wantLabel: strings.Repeat("ک", 80)},
		{name: "canonical licence", mrc: "LHR", label: "x", licence: "9848/LHR", wantMRC: "LHR", wantLabel: "x", wantLicence: "9848/LHR"},
		{name: "licence normalised", mrc: "LHR", label: "x", licence: "9848/lhr", wantMRC: "LHR", wantLabel: "x", wantLicence: "9848/LHR"},
		{name: "licence with keyword", mrc: "RWP", label: "x", licence: "OEPL No. 9056/RWP", wantMRC: "RWP", wantLabel: "x", wantLicence: "9056/RWP"},
		{name: "licence in urdu digits", mrc: "LHR", label: "x", licence: "۹۸۵۹/LHR", wantMRC: "LHR", wantLabel: "x", wantLicence: "9859/LHR"},
		{name: "empty mrc", mrc: "", label: "x", errSubstr: "mrc"},
		{name: "one-letter mrc", mrc: "L", label: "x", errSubstr: "mrc"},
		{name: "eleven-letter mrc", mrc: "ABCDEFGHIJK", label: "x", errSubstr: "mrc"},
		{name: "mrc with a colon", mrc: "LHR:1", label: "x", errSubstr: "mrc"},
		{name: "mrc with a dash", mrc: "LHR-1", label: "x", errSubstr: "mrc"},
		{name: "mrc in urdu", mrc: "لاہور", label: "x", errSubstr: "mrc"},
		{name: "empty label", mrc: "LHR", label: "  ", errSubstr: "label"},
		{name: "label of 81 runes", mrc: "LHR", label: strings.Repeat("a", 81), errSubstr: "label"},
		{name: "label with a newline", mrc: "LHR", label: "Job\nfair", errSubstr: "label"},
		{name: "label not UTF-8", mrc: "LHR", label: "Job \xff", errSubstr: "label"},
		{name: "licence not a number", mrc: "LHR", label: "x", licence: "hello", errSubstr: "licence"},
		{name: "licence of five digits", mrc: "LHR", label: "x", licence: "12345/LHR", errSubstr: "licence"},
		{name: "licence without region", mrc: "LHR", label: "x", licence: "0848", errSubstr: "licence"},
	}
	for _, b := range linksBackends(t) {
		links := outreach.NewLinks(b.rdb, outreach.WithLinksClock(newLinksClock(linksT0).Now))
		for _, tt := range tests {
			t.Run(b.name+"/"+tt.name, func(t *testing.T) {
				ctx := context.Background()
				link, err := links.Create(ctx, tt.mrc, tt.label, tt.licence)
				if tt.errSubstr != "" {
					if !errors.Is(err, outreach.ErrInvalidLink) || !strings.Contains(err.Error(), tt.errSubstr) {
						t.Fatalf("Create() error = %v, want ErrInvalidLink about %q", err, tt.errSubstr)
					}
					return
				}
				if err != nil {
					t.Fatalf("Create() error = %v", err)
				}
				if link.MRC != tt.wantMRC || link.Label != tt.wantLabel || link.Licence != tt.wantLicence {
					t.Errorf("Create() = %+v, want mrc %q label %q licence %q", link, tt.wantMRC, tt.wantLabel, tt.wantLicence)
				}
				if !linkIDRe.MatchString(link.ID) || link.Payload != "c_"+link.ID || link.CreatedAt.IsZero() {
					t.Errorf("Create() = %+v: bad id, payload or time", link)
				}
				got, ok, err := links.Get(ctx, link.ID)
				if err != nil || !ok || got != link {
					t.Errorf("Get(%s) = %+v, %v, %v; want %+v", link.ID, got, ok, err, link)
				}
				ttl, err := b.rdb.TTL(ctx, shards.Fixed("links")+link.ID).Result()
				if err != nil || ttl != -1 {
					t.Errorf("link key TTL = %v, %v; want no expiry", ttl, err)
				}
				if ok, _ := b.rdb.SIsMember(ctx, shards.Fixed("links")+"all", link.ID).Result(); !ok {
					t.Errorf("link %s not in tasdeeq:{links}:all", link.ID)
				}
			})
		}
		t.Run(b.name+"/invalid input stores nothing", func(t *testing.T) {
			all, err := links.List(context.Background(), "")
			if err != nil {
				t.Fatal(err)
			}
			valid := 0
			for _, tt := range tests {
				if tt.errSubstr == "" {
					valid++
				}
			}
			if len(all) != valid {
				t.Errorf("List() has %d links, want %d", len(all), valid)
			}
		})
	}
}

func TestLinksIDsAreUnguessable(t *testing.T) {
	for _, b := range linksBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			links := outreach.NewLinks(b.rdb)
			ctx := context.Background()
			seen := map[string]bool{}
			symbols := map[rune]int{}
			for range 1000 {
				link, err := links.Create(ctx, "LHR", "Job fair", "")
				if err != nil {
					t.Fatal(err)
				}
				if !linkIDRe.MatchString(link.ID) {
					t.Fatalf("id %q is not 12 characters of [a-z2-7]", link.ID)
				}
				if seen[link.ID] {
					t.Fatalf("id %q repeated", link.ID)
				}
				seen[link.ID] = true
				if len(link.Payload) > 64 || !linkPayloadRe.MatchString(link.Payload) || link.Payload != "c_"+link.ID {
					t.Fatalf("payload %q: want c_<id>, at most 64 of [A-Za-z0-9_-]", link.Payload)
				}
				for _, r := range link.ID {
					symbols[r]++
				}
			}
			// 12,000 symbols drawn uniformly from 32: each appears about 375 times.
			if len(symbols) != 32 {
				t.Errorf("ids use %d distinct symbols, want all 32", len(symbols))
			}
			for r, n := range symbols {
				if n < 250 || n > 500 {
					t.Errorf("symbol %q appears %d times in 12,000; want about 375", r, n)
				}
			}
		})
	}
}

func TestLinksByPayload(t *testing.T) {
	for _, b := range linksBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			links := outreach.NewLinks(b.rdb)
			link, err := links.Create(ctx, "LHR", "Job fair", "9848/LHR")
			if err != nil {
				t.Fatal(err)
			}
			tests := []struct {
				name, payload string
				want          bool
			}{
				{"valid", link.Payload, true},
				{"unknown id", "c_aaaaaaaaaaaa", false},
				{"upper-case id", "c_" + strings.ToUpper(link.ID), false},
				{"id with a digit outside base32", "c_" + link.ID[:11] + "1", false},
				{"trailing character", link.Payload + "x", false},
				{"short id", link.Payload[:13], false},
				{"no prefix", link.ID, false},
				{"other prefix", "r_" + link.ID, false},
				{"key injection", "c_all", false},
				{"path", "c_../" + link.ID, false},
				{"over-long", "c_" + link.ID + strings.Repeat("a", 60), false},
				{"65 characters", strings.Repeat("c", 65), false},
				{"empty", "", false},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					got, ok, err := links.ByPayload(ctx, tt.payload)
					if err != nil {
						t.Fatalf("ByPayload(%q) error = %v, want nil", tt.payload, err)
					}
					if ok != tt.want {
						t.Fatalf("ByPayload(%q) found = %v, want %v", tt.payload, ok, tt.want)
					}
					if ok && got != link {
						t.Errorf("ByPayload(%q) = %+v, want %+v", tt.payload, got, link)
					}
				})
			}
		})
	}
}

func TestLinksReportRedisFailure(t *testing.T) {
	b := linksMiniredis(t)
	ctx := context.Background()
	links := outreach.NewLinks(b.rdb)
	link, err := links.Create(ctx, "LHR", "Job fair", "")
	if err != nil {
		t.Fatal(err)
	}
	b.mr.Close()
	if _, ok, err := links.ByPayload(ctx, link.Payload); err == nil || ok {
		t.Errorf("ByPayload with Redis down = %v, %v; want an error", ok, err)
	}
	if _, err := links.Create(ctx, "LHR", "x", ""); err == nil || errors.Is(err, outreach.ErrInvalidLink) {
		t.Errorf("Create with Redis down error = %v; want a storage error", err)
	}
	if _, err := links.List(ctx, ""); err == nil {
		t.Error("List with Redis down: want an error")
	}
}

func TestLinksListNewestFirst(t *testing.T) {
	for _, b := range linksBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			links := outreach.NewLinks(b.rdb, outreach.WithLinksClock(newLinksClock(linksT0).Now))
			var made []outreach.Link
			for _, mrc := range []string{"LHR", "RWP", "LHR", "KAR", "LHR"} {
				l, err := links.Create(ctx, mrc, "Desk "+mrc, "")
				if err != nil {
					t.Fatal(err)
				}
				made = append(made, l)
			}
			tests := []struct {
				mrc  string
				want []int
			}{
				{"", []int{4, 3, 2, 1, 0}},
				{"LHR", []int{4, 2, 0}},
				{"lhr", []int{4, 2, 0}},
				{"RWP", []int{1}},
				{"PWR", nil},
			}
			for _, tt := range tests {
				got, err := links.List(ctx, tt.mrc)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != len(tt.want) {
					t.Fatalf("List(%q) = %d links, want %d", tt.mrc, len(got), len(tt.want))
				}
				for i, w := range tt.want {
					if got[i] != made[w] {
						t.Errorf("List(%q)[%d] = %s, want %s", tt.mrc, i, got[i].ID, made[w].ID)
					}
				}
			}
		})
	}
}

func TestLinksFind(t *testing.T) {
	for _, b := range linksBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			links := outreach.NewLinks(b.rdb, outreach.WithLinksClock(newLinksClock(linksT0).Now))
			seed := []struct{ mrc, label, licence string }{
				{"LHR", "Job fair Expo Centre", "9848/LHR"},  // 0
				{"RWP", "Protector office desk", "9056/RWP"}, // 1
				{"LHR", "University career day", ""},         // 2
				{"KAR", "Port job fair", "9859/LHR"},         // 3
			}
			var made []outreach.Link
			for _, s := range seed {
				l, err := links.Create(ctx, s.mrc, s.label, s.licence)
				if err != nil {
					t.Fatal(err)
				}
				made = append(made, l)
			}
			tests := []struct {
				name, query string
				want        []int
			}{
				{"canonical licence", "9848/LHR", []int{0}},
				{"unpadded lower-case licence", "9848/lhr", []int{0}},
				{"licence with OEPL keyword", "OEPL No. 9848/LHR", []int{0}},
				{"licence with Lic#", "Lic# 9848/LHR", []int{0}},
				{"licence spaced", "9848 / LHR", []int{0}},
				{"licence in urdu digits", "۹۸۴۸/LHR", []int{0}},
				{"other licence", "OEPL No.9056/RWP", []int{1}},
				{"unknown licence", "0001/LHR", nil},
				{"mrc", "LHR", []int{2, 0}},
				{"mrc lower-case", "rwp", []int{1}},
				{"label substring any case", "JOB FAIR", []int{3, 0}},
				{"label word", "career", []int{2}},
				{"mrc then label", "LHR job fair", []int{0}},
				{"mrc then label of another centre", "RWP job fair", nil},
				{"nothing", "zzz", nil},
				{"empty", "   ", nil},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					got, err := links.Find(ctx, tt.query)
					if err != nil {
						t.Fatal(err)
					}
					var ids []string
					for _, l := range got {
						ids = append(ids, l.ID)
					}
					var want []string
					for _, w := range tt.want {
						want = append(want, made[w].ID)
					}
					if strings.Join(ids, ",") != strings.Join(want, ",") {
						t.Errorf("Find(%q) = %v, want %v", tt.query, ids, want)
					}
				})
			}
			for range 12 {
				if _, err := links.Create(ctx, "PWR", "Mela", ""); err != nil {
					t.Fatal(err)
				}
			}
			got, err := links.Find(ctx, "mela")
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 10 {
				t.Fatalf("Find(mela) = %d links, want at most 10", len(got))
			}
			for i := 1; i < len(got); i++ {
				if got[i].CreatedAt.After(got[i-1].CreatedAt) {
					t.Errorf("Find(mela) not newest first at %d", i)
				}
			}
		})
	}
}

func TestLinkURL(t *testing.T) {
	l := outreach.Link{ID: "abcdefgh2345", Payload: "c_abcdefgh2345"}
	tests := []struct{ bot, want string }{
		{"TasdeeqBot", "https://t.me/TasdeeqBot?start=c_abcdefgh2345"},
		{"@TasdeeqBot", "https://t.me/TasdeeqBot?start=c_abcdefgh2345"},
	}
	for _, tt := range tests {
		if got := outreach.LinkURL(tt.bot, l); got != tt.want {
			t.Errorf("LinkURL(%q) = %q, want %q", tt.bot, got, tt.want)
		}
	}
}
