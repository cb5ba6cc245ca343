package bottest

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// MaxDownloadBytes is the largest file the Bot API lets a bot download (getFile answers "file
// is too big" above it).
const MaxDownloadBytes = 20 << 20

// file is a file the fake serves: getFile describes it, /file/bot<token>/<path> serves it.
type file struct {
	id, path string
	data     []byte
	size     int64 // what getFile reports; len(data) unless SetFileSize said otherwise
}

// AddFile makes the fake serve data as the file fileID (a photo or a document a user sent):
// getFile answers with its size and a file_path, and the download URL
// <URL>/file/bot<Token>/<file_path> returns the bytes.
func (s *Server) AddFile(fileID string, data []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.files == nil {
		s.files = map[string]*file{}
	}
	path := fmt.Sprintf("photos/file_%d.jpg", len(s.files))
	s.files[fileID] = &file{id: fileID, path: path, data: data, size: int64(len(data))}
}

// SetFileSize makes getFile report size for fileID, as for a file too big to download.
func (s *Server) SetFileSize(fileID string, size int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f := s.files[fileID]; f != nil {
		f.size = size
	}
}

// Downloads is how many file downloads were answered with the file.
func (s *Server) Downloads() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.calls {
		if c.Method == DownloadMethod && c.OK() {
			n++
		}
	}
	return n
}

// DownloadMethod is the method name under which file downloads are recorded in Calls and
// can be made to fail with FailNext.
const DownloadMethod = "download"

// getFileLocked answers getFile. s.mu is held.
func (s *Server) getFileLocked(p map[string]string) (any, *apiError) {
	f := s.files[p["file_id"]]
	switch {
	case p["file_id"] == "":
		return nil, badRequest("file_id not specified")
	case f == nil:
		return nil, badRequest("invalid file_id")
	case f.size > MaxDownloadBytes:
		return nil, badRequest("file is too big")
	}
	return map[string]any{"file_id": f.id, "file_unique_id": "u" + f.id, "file_size": f.size, "file_path": f.path}, nil
}

// serveFile answers a download, <URL>/file/bot<token>/<file_path>; rest is what follows
// "/file/bot". Downloads are recorded as calls of DownloadMethod with the path as "file_path".
func (s *Server) serveFile(w http.ResponseWriter, rest string) {
	token, path, _ := strings.Cut(rest, "/")
	call := Call{Method: DownloadMethod, Params: map[string]string{"file_path": path}, At: time.Now()}
	if token != Token {
		s.finish(w, call, nil, &apiError{status: http.StatusUnauthorized, desc: "Unauthorized"})
		return
	}
	s.mu.Lock()
	f := s.takeFaultLocked(DownloadMethod)
	var data []byte
	if f == nil {
		f = &apiError{status: http.StatusNotFound, desc: "Not Found"}
		for _, file := range s.files {
			if file.path == path {
				data, f = file.data, nil
			}
		}
	}
	if f == nil {
		call.Status = http.StatusOK
		s.calls = append(s.calls, call)
	}
	s.mu.Unlock()
	if f != nil {
		s.finish(w, call, nil, f) // records the call; answers Telegram's error JSON or drops the connection
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	_, _ = w.Write(data)
}
