package dialogs

import "strings"

// Voice is a voice note, an audio file or a round video message: the bot cannot listen to them,
// and says so instead of the answer to a sticker. Input.Text is its caption, if any.
const Voice InputKind = "voice"

// voice answers a voice note: it cannot be heard yet, so type the ad or send a picture of it. A
// report being filled in is kept and its question asked again; a caption that is a job ad is
// checked, within the user's limit of checks.
func (c *conv) voice() error {
	if c.deps.ReadImages {
		c.say(c.t("voice.unsupported_images", nil), nil)
	} else {
		c.say(c.t("voice.unsupported", nil), nil)
	}
	if c.reporting() {
		c.reask("")
		return nil
	}
	if c.in.ChecksLimited {
		return nil
	}
	return c.checkCaption(strings.TrimSpace(c.in.Text))
}
