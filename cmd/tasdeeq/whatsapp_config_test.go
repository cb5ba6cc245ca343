package main

import (
	"testing"

	"github.com/tasdeeq/tasdeeq/outbox"
)

// TestWhatsAppConfig: the channel is off without its settings (Telegram alone), on with the token
// and the phone number id, which then need the app secret and the verify token; the API's URL
// and version have defaults.
func TestWhatsAppConfig(t *testing.T) {
	on := map[string]string{"WHATSAPP_TOKEN": "EAAG-token", "WHATSAPP_PHONE_NUMBER_ID": "106540352242922",
		"WHATSAPP_APP_SECRET": "app-secret", "WHATSAPP_VERIFY_TOKEN": "verify"}
	with := func(extra map[string]string) map[string]string {
		m := map[string]string{}
		for k, v := range on {
			m[k] = v
		}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	for _, c := range []struct {
		name string
		env  map[string]string
		ok   bool
		isOn bool
	}{
		{"off", map[string]string{}, true, false},
		{"on", on, true, true},
		{"token alone", map[string]string{"WHATSAPP_TOKEN": "t"}, false, false},
		{"phone number id alone", map[string]string{"WHATSAPP_PHONE_NUMBER_ID": "1"}, false, false},
		{"no app secret", with(map[string]string{"WHATSAPP_APP_SECRET": ""}), false, true},
		{"no verify token", with(map[string]string{"WHATSAPP_VERIFY_TOKEN": ""}), false, true},
		{"template languages", with(map[string]string{"WHATSAPP_TEMPLATE_LANGUAGES": "en=en_US, ur=ur"}), true, true},
		{"bad template languages", with(map[string]string{"WHATSAPP_TEMPLATE_LANGUAGES": "fr=fr"}), false, true},
		{"number", with(map[string]string{"WHATSAPP_NUMBER": "+92 300 0000000"}), true, true},
		{"bad number", with(map[string]string{"WHATSAPP_NUMBER": "call us"}), false, true},
	} {
		fs := newFlags("serve")
		cfg, finish := loadConfig(fs, func(k string) string { return c.env[k] })
		if err := fs.Parse(nil); err != nil {
			t.Fatal(err)
		}
		err := finish()
		if (err == nil) != c.ok {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if cfg.WhatsApp.on() != c.isOn {
			t.Errorf("%s: on = %v", c.name, cfg.WhatsApp.on())
		}
		if !c.ok {
			continue
		}
		if cfg.WhatsApp.APIURL != "https://graph.facebook.com" || cfg.WhatsApp.APIVersion != "v23.0" {
			t.Errorf("%s: defaults %q %q", c.name, cfg.WhatsApp.APIURL, cfg.WhatsApp.APIVersion)
		}
		switch c.name {
		case "template languages":
			if cfg.WhatsApp.languages["en"] != "en_US" || cfg.WhatsApp.languages["ur"] != "ur" {
				t.Errorf("languages %v", cfg.WhatsApp.languages)
			}
		case "number":
			if cfg.WhatsApp.Number != "923000000000" {
				t.Errorf("number %q", cfg.WhatsApp.Number)
			}
		}
	}
}

// TestWhatsAppCounsellors: TASDEEQ_COUNSELLORS takes WhatsApp counsellors as wa:<number>.
func TestWhatsAppCounsellors(t *testing.T) {
	c := &config{Counsellors: "4242, wa:923001234567"}
	got, err := c.counsellors()
	if err != nil {
		t.Fatal(err)
	}
	chat, _ := outbox.WhatsAppChat("923001234567")
	if !got[4242] || !got[chat] || len(got) != 2 {
		t.Errorf("counsellors %v", got)
	}
	if _, err := (&config{Counsellors: "wa:0300"}).counsellors(); err == nil {
		t.Error("a bad WhatsApp number accepted")
	}
}
