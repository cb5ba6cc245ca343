package bot_test

import (
	"testing"

	"github.com/go-telegram/bot/models"

	"github.com/tasdeeq/tasdeeq/bot"
	"github.com/tasdeeq/tasdeeq/dialogs"
)

func TestDecodePictures(t *testing.T) {
	sizes := []models.PhotoSize{
		{FileID: "small", Width: 90, Height: 67, FileSize: 1200},
		{FileID: "large", FileUniqueID: "uL", Width: 1280, Height: 960, FileSize: 180_000},
		{FileID: "medium", Width: 320, Height: 240, FileSize: 15_000},
	}
	private := models.Chat{ID: 5, Type: models.ChatTypePrivate}
	group := models.Chat{ID: -100, Type: models.ChatTypeSupergroup}
	mention := models.MessageEntity{Type: models.MessageEntityTypeMention, Offset: 0, Length: 17}
	for _, c := range []struct {
		name string
		m    models.Message
		want dialogs.Input
	}{
		{"a photo: the largest size, with its caption", models.Message{Chat: private, Photo: sizes, Caption: "is this real?"},
			dialogs.Input{Kind: dialogs.Image, Text: "is this real?", Addressed: true,
				Image: &dialogs.ImageRef{FileID: "large", FileUniqueID: "uL", Size: 180_000, Width: 1280, Height: 960}}},
		{"an image sent as a file", models.Message{Chat: private, Document: &models.Document{FileID: "doc", MimeType: "image/PNG", FileSize: 2 << 20}},
			dialogs.Input{Kind: dialogs.Image, Addressed: true, Image: &dialogs.ImageRef{FileID: "doc", Size: 2 << 20}}},
		{"a PDF is not a picture", models.Message{Chat: private, Document: &models.Document{FileID: "pdf", MimeType: "application/pdf"}},
			dialogs.Input{Kind: dialogs.Other, Addressed: true}},
		{"a photo in a group, not for the bot", models.Message{Chat: group, Photo: sizes},
			dialogs.Input{Kind: dialogs.Image, Group: true, Image: &dialogs.ImageRef{FileID: "large", FileUniqueID: "uL", Size: 180_000, Width: 1280, Height: 960}}},
		{"a photo in a group whose caption mentions the bot", models.Message{Chat: group, Photo: sizes[:1], Caption: "@tasdeeq_test_bot", CaptionEntities: []models.MessageEntity{mention}},
			dialogs.Input{Kind: dialogs.Image, Group: true, Addressed: true, Text: "@tasdeeq_test_bot", Image: &dialogs.ImageRef{FileID: "small", Size: 1200, Width: 90, Height: 67}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := c.m
			m.From = &models.User{ID: 5}
			got, ok := bot.Decode(&models.Update{ID: 1, Message: &m}, "tasdeeq_test_bot")
			if !ok {
				t.Fatal("not decoded")
			}
			got.ChatID, got.UserID = 0, 0
			gotImg, wantImg := got.Image, c.want.Image
			got.Image, c.want.Image = nil, nil
			if got != c.want || (gotImg == nil) != (wantImg == nil) || (gotImg != nil && *gotImg != *wantImg) {
				t.Errorf("got  %+v %+v\nwant %+v %+v", got, gotImg, c.want, wantImg)
			}
		})
	}
}
