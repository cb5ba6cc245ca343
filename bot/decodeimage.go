package bot

import (
	"strings"

	"github.com/go-telegram/bot/models"

	"github.com/tasdeeq/tasdeeq/dialogs"
)

// imageOf is the picture of a message: the largest size of a photo, or a document whose MIME
// type says it is an image (sent "as a file", uncompressed; its size in pixels is not known
// until it is read).
func imageOf(m *models.Message) (*dialogs.ImageRef, bool) {
	if len(m.Photo) > 0 {
		best := m.Photo[0]
		for _, p := range m.Photo[1:] {
			if p.Width*p.Height > best.Width*best.Height {
				best = p
			}
		}
		return &dialogs.ImageRef{FileID: best.FileID, FileUniqueID: best.FileUniqueID, Size: int64(best.FileSize),
			Width: best.Width, Height: best.Height}, true
	}
	if d := m.Document; d != nil && strings.HasPrefix(strings.ToLower(d.MimeType), "image/") {
		return &dialogs.ImageRef{FileID: d.FileID, FileUniqueID: d.FileUniqueID, Size: d.FileSize}, true
	}
	return nil, false
}
